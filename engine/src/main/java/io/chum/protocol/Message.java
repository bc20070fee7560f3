package io.chum.protocol;

/**
 * A message of the chum protocol: one frame's content. Every implementation is an immutable record (DATA is a
 * view over bytes it does not own, see {@link DataChunk}); {@link MessageCodec} encodes and decodes them.
 *
 * <p>Thread-safe as far as the records are (they have no mutable state of their own).
 */
public sealed interface Message permits Hello, ForeignHello, ErrorMessage, Fin, Ping, Pong,
    Offer, DataChunk, DataPack, BatchEnd, FullSync, Progress, Want, Ack, FullSyncAck {

    /** The frame type byte of this message, one of the {@link MessageType} constants. */
    byte frameType();
}
