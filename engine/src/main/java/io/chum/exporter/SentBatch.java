package io.chum.exporter;

import io.chum.protocol.OfferEntry;

import java.util.List;

/**
 * A data batch the importer acknowledged: the entries whose data was sent (those it wanted), in offer order.
 * Immutable.
 *
 * @param batchId the batch
 * @param entries the entries sent
 * @param bytes   their sizes summed
 */
public record SentBatch(long batchId, List<OfferEntry> entries, long bytes) {
    public SentBatch {
        entries = List.copyOf(entries);
    }
}
