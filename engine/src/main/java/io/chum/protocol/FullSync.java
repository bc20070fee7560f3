package io.chum.protocol;

/**
 * FULL_SYNC (exporter to importer): everything accessible as of the start snapshot has been offered.
 * Immutable; thread-safe.
 *
 * @param snapshotTimestampMs the timestamp of the snapshot on the exporter's log clock; once acknowledged the
 *                            importer keeps it as {@code highestRemoteTimestamp}, its cursor for the next chum
 * @param lastBatchId         the last batch belonging to the snapshot, 0 if none was offered
 */
public record FullSync(long snapshotTimestampMs, long lastBatchId) implements Message {
    /** Checks the fields can be sent. */
    public FullSync {
        Require.nonNegative(snapshotTimestampMs, "snapshotTimestampMs");
        Require.nonNegative(lastBatchId, "lastBatchId");
    }

    @Override
    public byte frameType() {
        return MessageType.FULL_SYNC;
    }
}
