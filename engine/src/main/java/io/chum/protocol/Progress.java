package io.chum.protocol;

/**
 * PROGRESS (exporter to importer, optional): the totals the exporter knows so far, for progress display.
 * Immutable; thread-safe.
 *
 * @param totalObjects entries to offer in this chum as known so far
 * @param totalBytes   their declared sizes summed
 */
public record Progress(long totalObjects, long totalBytes) implements Message {
    /** Checks the fields can be sent. */
    public Progress {
        Require.nonNegative(totalObjects, "totalObjects");
        Require.nonNegative(totalBytes, "totalBytes");
    }

    @Override
    public byte frameType() {
        return MessageType.PROGRESS;
    }
}
