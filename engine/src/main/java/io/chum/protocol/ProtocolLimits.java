package io.chum.protocol;

/**
 * The bounds a decoder enforces on what a peer sends; anything beyond them is {@code CS-PROTOCOL}.
 *
 * <p>{@link #DEFAULT} are the limits of protocol version 1: every peer accepts at least these, and senders stay
 * within them. Other values are for tests and tuning. Immutable; thread-safe.
 *
 * @param maxPayloadBytes the largest payload of any frame (type byte and length prefix not counted); it also
 *                        bounds a DATA chunk to {@code maxPayloadBytes - }{@link MessageCodec#DATA_HEADER_BYTES}
 * @param maxStringBytes  the longest string, in UTF-8 bytes (at most 65535: the length prefix is a u16)
 * @param maxOfferEntries the most entries in one OFFER (and so in a WANT, BATCH_END or ACK)
 */
public record ProtocolLimits(int maxPayloadBytes, int maxStringBytes, int maxOfferEntries) {
    /** The limits of protocol version 1: 1 MiB payloads, 1 KiB strings, 4096 entries per batch. */
    public static final ProtocolLimits DEFAULT = new ProtocolLimits(1 << 20, 1024, 4096);

    /** Checks that the limits are usable: every message type fits the payload cap at its largest. */
    public ProtocolLimits {
        if (maxStringBytes < 1 || maxStringBytes > 0xFFFF) {
            throw new IllegalArgumentException("maxStringBytes must be in 1..65535, not " + maxStringBytes);
        }
        if (maxOfferEntries < 1) {
            throw new IllegalArgumentException("maxOfferEntries must be at least 1, not " + maxOfferEntries);
        }
        final long needed = Math.max(Math.max(MessageCodec.helloLength(maxStringBytes),
            MessageCodec.errorLength(maxStringBytes)),
            Math.max(MessageCodec.offerLength(maxOfferEntries), MessageCodec.DATA_HEADER_BYTES + 1L));
        if (maxPayloadBytes < needed) {
            throw new IllegalArgumentException("maxPayloadBytes " + maxPayloadBytes + " cannot hold the largest"
                + " message these limits allow (" + needed + " bytes)");
        }
    }

    /** The largest DATA chunk, in bytes. */
    public int maxDataChunkBytes() {
        return maxPayloadBytes - MessageCodec.DATA_HEADER_BYTES;
    }
}
