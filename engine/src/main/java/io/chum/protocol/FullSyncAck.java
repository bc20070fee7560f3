package io.chum.protocol;

/**
 * FULL_SYNC_ACK (importer to exporter): every batch up to the FULL_SYNC mark is committed. Immutable;
 * thread-safe.
 *
 * @param snapshotTimestampMs the timestamp of the FULL_SYNC acknowledged
 */
public record FullSyncAck(long snapshotTimestampMs) implements Message {
    /** Checks the field can be sent. */
    public FullSyncAck {
        Require.nonNegative(snapshotTimestampMs, "snapshotTimestampMs");
    }

    @Override
    public byte frameType() {
        return MessageType.FULL_SYNC_ACK;
    }
}
