package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.PeerKey;
import io.chum.identity.TlsConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * Client side of TCP connections with TLS 1.3 and mutual authentication (the server side is
 * {@link TcpServer}). Stateless; thread-safe.
 */
public final class TcpTransport {
    private TcpTransport() {
    }

    /** {@link #connect(String, int, TlsConfig, Duration, ConnectionOptions)} with default options. */
    public static Connection connect(final String host, final int port, final TlsConfig tls,
                                     final Duration connectTimeout) {
        return connect(host, port, tls, connectTimeout, ConnectionOptions.defaults());
    }

    /**
     * Connects, runs the TLS handshake and starts the connection. {@code connectTimeout} bounds the TCP
     * connect and, separately, the handshake.
     *
     * <p>In TLS 1.3 the client finishes its handshake before the server has checked the client
     * certificate, so a server that refuses it shows up as a TLS failure on the first receive.
     *
     * @throws ChumException CONNECTION_CLOSED if the server cannot be reached or closes the connection
     *                       during the handshake (busy); TIMEOUT if connecting or the handshake takes too
     *                       long; TLS on a TLS failure
     */
    public static Connection connect(final String host, final int port, final TlsConfig tls,
                                     final Duration connectTimeout, final ConnectionOptions options) {
        final String remote = host + ":" + port;
        final Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                    connectTimeout.toMillis())));
        } catch (final SocketTimeoutException e) {
            NetworkErrors.closeQuietly(raw);
            throw new ChumException(ErrorCode.TIMEOUT, "cannot connect to " + remote + " within "
                    + connectTimeout.toMillis() + " ms", e);
        } catch (final IOException e) {
            NetworkErrors.closeQuietly(raw);
            throw new ChumException(ErrorCode.CONNECTION_CLOSED, "cannot connect to " + remote + ": " + e, e);
        }
        final SSLSocket ssl;
        try {
            ssl = tls.clientSocket(raw, host, port);
        } catch (final IOException e) {
            NetworkErrors.closeQuietly(raw);
            throw NetworkErrors.map(e, "starting TLS with " + remote);
        }
        final PeerKey peerKey = TlsHandshake.perform(raw, ssl, connectTimeout, remote);
        return TlsConnection.start(raw, ssl, peerKey, remote, options);
    }
}
