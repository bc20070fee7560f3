package io.chum.sync;

/**
 * Live counters of a running chum, for progress displays. Immutable snapshot.
 *
 * @param sentEntries        entries whose data the peer acknowledged
 * @param sentBytes          their bytes
 * @param offeredEntries     entries offered so far (the sent total, as far as known)
 * @param offeredBytes       their declared bytes
 * @param receivedEntries    entries committed to the local store
 * @param receivedBytes      bytes received in committed batches
 * @param remoteTotalEntries entries the peer expects to offer, as far as it knows (PROGRESS)
 * @param remoteTotalBytes   their bytes
 * @param exists             offered entries the local store had already
 * @param fullSync           both directions achieved full sync
 * @param probedEntries      entries the peer was asked about in probes (whether it has them; no data)
 */
public record ChumProgress(long sentEntries, long sentBytes, long offeredEntries, long offeredBytes,
                           long receivedEntries, long receivedBytes, long remoteTotalEntries, long remoteTotalBytes,
                           long exists, boolean fullSync, long probedEntries) {
}
