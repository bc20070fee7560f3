package io.chum.protocol;

/**
 * PONG: the answer to a {@link Ping}. Immutable; thread-safe.
 *
 * @param payload the payload of the PING answered
 */
public record Pong(long payload) implements Message {
    @Override
    public byte frameType() {
        return MessageType.PONG;
    }
}
