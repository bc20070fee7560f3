package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.PeerKey;
import io.chum.identity.TlsConfig;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;

/**
 * Runs a TLS handshake under a hard deadline and returns the peer's authenticated key.
 *
 * <p>The deadline is enforced by closing the TCP socket from {@link TransportTimer}, so a peer that
 * trickles bytes cannot stretch the handshake beyond it (a read timeout alone would allow that).
 * Stateless; thread-safe.
 */
final class TlsHandshake {
    private TlsHandshake() {
    }

    /**
     * Performs the handshake on {@code ssl} (layered over {@code raw}) within {@code timeout}. On failure
     * the socket is closed.
     *
     * @throws ChumException TIMEOUT past the deadline, CONNECTION_CLOSED if the peer closed or reset the
     *                       connection, TLS for any TLS failure or a peer key that is not acceptable
     */
    static PeerKey perform(final Socket raw, final SSLSocket ssl, final Duration timeout, final String remote) {
        final AtomicBoolean expired = new AtomicBoolean();
        final ScheduledFuture<?> deadline = TransportTimer.schedule(() -> {
            expired.set(true);
            NetworkErrors.closeQuietly(raw);
        }, timeout.toNanos());
        try {
            raw.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            ssl.startHandshake();
            deadline.cancel(false);
            final PeerKey key = TlsConfig.peerKeyOf(ssl.getSession());
            if (expired.get()) {
                throw new ChumException(ErrorCode.TIMEOUT, "TLS handshake with " + remote + " did not complete within "
                        + timeout.toMillis() + " ms");
            }
            return key;
        } catch (final IOException e) {
            deadline.cancel(false);
            NetworkErrors.closeQuietly(raw);
            if (expired.get()) {
                throw new ChumException(ErrorCode.TIMEOUT, "TLS handshake with " + remote + " did not complete within "
                        + timeout.toMillis() + " ms", e);
            }
            final ChumException mapped = NetworkErrors.map(e, "TLS handshake with " + remote);
            if (mapped.errorCode() == ErrorCode.CONNECTION_CLOSED) {
                throw new ChumException(ErrorCode.CONNECTION_CLOSED, mapped.reason()
                        + "; the peer closed the connection during the TLS handshake"
                        + " (it may be busy, or it refused our certificate)", e);
            }
            throw mapped;
        } catch (final RuntimeException e) {
            deadline.cancel(false);
            NetworkErrors.closeQuietly(raw);
            throw ChumException.wrap(e, ErrorCode.TLS);
        }
    }
}
