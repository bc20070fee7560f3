package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives errors that happen on a server's background threads (failed handshakes, failing handlers,
 * accept errors), which have no caller to throw to. Called from those threads, possibly concurrently;
 * implementations must be thread-safe and must not block for long.
 */
@FunctionalInterface
public interface TransportErrorHandler {

    /** Reports one error; usually a {@link ChumException} carrying the code. */
    void onError(Throwable error);

    /**
     * Logs through SLF4J at WARN: expected network failures (TLS, timeouts, dropped connections) as one
     * line, anything else with its stack trace.
     */
    static TransportErrorHandler logging() {
        final Logger log = LoggerFactory.getLogger(TcpServer.class);
        return error -> {
            if (error instanceof ChumException && isNetworkFailure(((ChumException) error).errorCode())) {
                log.warn("{}", error.getMessage());
            } else {
                log.warn("transport error: {}", error.toString(), error);
            }
        };
    }

    private static boolean isNetworkFailure(final ErrorCode code) {
        return code == ErrorCode.TLS || code == ErrorCode.TIMEOUT || code == ErrorCode.CONNECTION_CLOSED
                || code == ErrorCode.PROTOCOL;
    }
}
