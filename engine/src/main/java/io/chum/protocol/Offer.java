package io.chum.protocol;

import java.util.List;

/**
 * OFFER (exporter to importer): a batch of entries in dependency order (every entry after everything it
 * references). The importer answers with a {@link Want}. A PROBE offer asks only which entries the importer
 * has; no data follows it. Immutable; thread-safe.
 *
 * @param batchId the batch, numbered from 1 in the order offers are sent by this exporter
 * @param probe   true for a PROBE: answer have/want only
 * @param entries the entries, possibly none
 */
public record Offer(long batchId, boolean probe, List<OfferEntry> entries) implements Message {
    /** The largest entry count whose payload length fits an int. */
    static final int MAX_FORMAT_ENTRIES = (Integer.MAX_VALUE - MessageCodec.OFFER_HEADER_BYTES) / OfferEntry.WIRE_BYTES;

    /** Checks the fields can be sent; keeps an immutable copy of the entries. */
    public Offer {
        Require.batchId(batchId);
        entries = List.copyOf(entries);
        if (entries.size() > MAX_FORMAT_ENTRIES) {
            throw new IllegalArgumentException("an OFFER cannot hold " + entries.size() + " entries");
        }
    }

    @Override
    public byte frameType() {
        return MessageType.OFFER;
    }
}
