package io.chum.protocol;

/**
 * BATCH_END (exporter to importer): the DATA of every wanted entry of a batch has been sent. Immutable;
 * thread-safe.
 *
 * @param batchId     the batch
 * @param entriesSent how many entries DATA was sent for (equals the number the importer wanted)
 */
public record BatchEnd(long batchId, int entriesSent) implements Message {
    /** Checks the fields can be sent. */
    public BatchEnd {
        Require.batchId(batchId);
        Require.nonNegative(entriesSent, "entriesSent");
    }

    @Override
    public byte frameType() {
        return MessageType.BATCH_END;
    }
}
