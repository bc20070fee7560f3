package io.chum.protocol;

/**
 * Where a role (exporter, importer) sends its messages: the session's connection. Implementations encode and queue
 * without blocking and must be thread-safe, because the exporter, the importer's reader side and its commit thread
 * all send on one connection.
 */
public interface MessageSink {
    /** Encodes and sends {@code message}. */
    void send(Message message);

    /** Sends a payload encoded already (e.g. by {@link DataPackWriter}); the array is handed over, never changed. */
    void sendEncoded(byte type, byte[] payload);

    /** Encoded bytes sent and not yet written to the peer, for backpressure on large transfers. */
    long queuedBytes();
}
