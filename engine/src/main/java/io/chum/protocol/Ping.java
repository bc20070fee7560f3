package io.chum.protocol;

/**
 * PING: a heartbeat; the peer answers with a {@link Pong} carrying the same payload. Immutable; thread-safe.
 *
 * @param payload any value, typically the sender's {@code System.nanoTime()} to measure the round trip
 */
public record Ping(long payload) implements Message {
    @Override
    public byte frameType() {
        return MessageType.PING;
    }
}
