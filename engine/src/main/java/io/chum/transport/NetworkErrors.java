package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Maps socket and TLS exceptions to coded {@link ChumException}s, and closes sockets. Stateless;
 * thread-safe.
 */
final class NetworkErrors {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkErrors.class);

    private NetworkErrors() {
    }

    /**
     * TIMEOUT for a socket timeout, CONNECTION_CLOSED when the connection ended or broke underneath
     * (end of stream, reset, closed socket, also when wrapped in a TLS exception), TLS for any other TLS
     * failure (alerts, certificates), CONNECTION_CLOSED for any other I/O error.
     */
    static ChumException map(final IOException e, final String what) {
        if (e instanceof SocketTimeoutException) {
            return new ChumException(ErrorCode.TIMEOUT, what + ": timed out", e);
        }
        if (brokeUnderneath(e)) {
            return new ChumException(ErrorCode.CONNECTION_CLOSED, what + ": connection lost (" + e.getMessage() + ")",
                    e);
        }
        if (e instanceof SSLException) {
            return new ChumException(ErrorCode.TLS, what + ": TLS failure: " + e.getMessage(), e);
        }
        return new ChumException(ErrorCode.CONNECTION_CLOSED, what + ": " + e, e);
    }

    private static boolean brokeUnderneath(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || (t instanceof SocketException && !(t instanceof SSLException))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Closes {@code socket}; a failure to close is logged, as nothing else can be done about it. */
    static void closeQuietly(final Socket socket) {
        try {
            socket.close();
        } catch (final IOException e) {
            LOG.debug("closing socket {} failed: {}", socket, e.toString());
        }
    }
}
