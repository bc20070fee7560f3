package io.chum.sync;

import io.chum.protocol.Message;
import io.chum.protocol.MessageCodec;
import io.chum.protocol.MessageSink;
import io.chum.transport.Connection;
import io.chum.transport.Frame;

/**
 * The chum's {@link MessageSink} over its connection: encodes a message into a payload array of exactly its length
 * and hands that array to the transport without another copy. Thread-safe (the connection's send is).
 */
final class MessageLink implements MessageSink {
    private final Connection connection;

    MessageLink(final Connection connection) {
        this.connection = connection;
    }

    @Override
    public void send(final Message message) {
        connection.send(Frame.wrap(message.frameType() & 0xFF, MessageCodec.encode(message)));
    }

    @Override
    public void sendEncoded(final byte type, final byte[] payload) {
        connection.send(Frame.wrap(type & 0xFF, payload));
    }

    @Override
    public long queuedBytes() {
        return connection.queuedBytes();
    }
}
