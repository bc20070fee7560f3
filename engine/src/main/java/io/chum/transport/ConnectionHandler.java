package io.chum.transport;

/**
 * Serves one accepted, authenticated connection of a {@link TcpServer}.
 *
 * <p>Called on a thread of its own, one per connection; it may block for as long as the connection lives.
 * When it returns or throws, the server closes the connection (letting frames already sent reach the
 * peer) and frees its slot. An exception is reported to the server's error handler and never stops
 * the server. Implementations must be thread-safe if they share state between connections.
 */
@FunctionalInterface
public interface ConnectionHandler {

    /** Serves {@code connection}; its {@code peerKey()} is authenticated, its trust not yet decided. */
    void handle(Connection connection) throws Exception;
}
