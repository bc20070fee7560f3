package io.chum.sync;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.IdHash;
import io.chum.protocol.DataPackWriter;
import io.chum.protocol.ErrorMessage;
import io.chum.protocol.Hello;
import io.chum.protocol.Message;
import io.chum.protocol.MessageCodec;
import io.chum.protocol.MessageType;
import io.chum.protocol.ProtocolLimits;
import io.chum.transport.Connection;
import io.chum.transport.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test-only peer that speaks the chum protocol by hand through the codec, to play a malicious or foreign peer
 * against a real chum. NOT thread-safe: one test thread.
 */
final class RawPeer {
    private final Connection connection;
    private final List<Message> received = new ArrayList<>();

    RawPeer(final Connection connection) {
        this.connection = connection;
    }

    void send(final Message m) {
        connection.send(Frame.wrap(m.frameType() & 0xFF, MessageCodec.encode(m)));
    }

    /** Sends a frame as it is (e.g. a malformed one). */
    void sendRaw(final Frame frame) {
        connection.send(frame);
    }

    /** DATA_PACK of batch {@code batch} holding {@code entries}, each whole. */
    void sendPack(final long batch, final byte[]... entries) {
        long total = 0;
        for (final byte[] e : entries) {
            total += e.length;
        }
        final DataPackWriter w = new DataPackWriter(batch, entries.length, total,
            ProtocolLimits.DEFAULT.maxPayloadBytes());
        for (final byte[] e : entries) {
            w.add(e, 0, e.length);
        }
        sendRaw(Frame.wrap(MessageType.DATA_PACK, w.finish()));
    }

    /** A HELLO as {@code person}, not keeping the chum running. */
    void hello(final IdHash person) {
        hello(person, false);
    }

    /** A HELLO as {@code person}, asking to keep the chum running or not. */
    void hello(final IdHash person, final boolean keepRunning) {
        send(new Hello(person, "RawInstance", "MochaTest", keepRunning, 20, 0, System.currentTimeMillis(), "raw"));
    }

    /** The next message of type {@code type}, skipping others (kept in {@link #received()}); fails after 30 s. */
    @SuppressWarnings("unchecked")
    <T extends Message> T await(final Class<T> type) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            final Frame f = connection.receive(100, TimeUnit.MILLISECONDS);
            if (f == null) {
                continue;
            }
            final Message m = MessageCodec.decode((byte) f.type(), f.payloadBytes(), 0, f.payloadLength());
            received.add(m);
            if (type.isInstance(m)) {
                return (T) m;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 30 s; got " + received);
    }

    /** Waits for the fatal ERROR the chum sends, then for the connection to end; returns the ERROR. */
    ErrorMessage awaitFatalErrorAndClose() {
        final ErrorMessage e = await(ErrorMessage.class);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline) {
                connection.receive(100, TimeUnit.MILLISECONDS);
            }
        } catch (final ChumException closed) {
            if (closed.errorCode() != ErrorCode.CONNECTION_CLOSED) {
                throw closed;
            }
            return e;
        }
        throw new AssertionError("the chum did not close the connection after " + e);
    }

    List<Message> received() {
        return received;
    }

    void close() {
        connection.close("raw peer done");
    }
}
