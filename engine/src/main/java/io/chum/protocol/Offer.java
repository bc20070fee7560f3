package io.chum.protocol;

import java.util.List;

/**
 * OFFER (exporter to importer): a batch of entries in dependency order (every entry after everything it
 * references). The importer answers with a {@link Want}. A PROBE offer asks only which entries the importer
 * has; no data follows it. A PUSH offer is followed at once by the data of every entry and BATCH_END; the importer
 * sends no WANT for it (docs/protocol.md §4.4). Immutable; thread-safe.
 *
 * @param batchId the batch, numbered from 1 in the order offers are sent by this exporter
 * @param probe   true for a PROBE: answer have/want only
 * @param push    true for a PUSH: the data of every entry follows without a WANT; never together with {@code probe}
 * @param entries the entries, possibly none
 */
public record Offer(long batchId, boolean probe, boolean push, List<OfferEntry> entries) implements Message {
    /** The largest entry count whose payload length fits an int. */
    static final int MAX_FORMAT_ENTRIES = (Integer.MAX_VALUE - MessageCodec.OFFER_HEADER_BYTES) / OfferEntry.WIRE_BYTES;

    /** Checks the fields can be sent; keeps an immutable copy of the entries. */
    public Offer {
        Require.batchId(batchId);
        if (probe && push) {
            throw new IllegalArgumentException("an OFFER cannot be both a PROBE and a PUSH");
        }
        entries = List.copyOf(entries);
        if (entries.size() > MAX_FORMAT_ENTRIES) {
            throw new IllegalArgumentException("an OFFER cannot hold " + entries.size() + " entries");
        }
    }

    /** An offer that is not a PUSH: a PROBE if {@code probe}, else a data offer that waits for a WANT. */
    public Offer(final long batchId, final boolean probe, final List<OfferEntry> entries) {
        this(batchId, probe, false, entries);
    }

    @Override
    public byte frameType() {
        return MessageType.OFFER;
    }
}
