package io.chum.protocol;

/**
 * ACK (importer to exporter): a batch is verified and committed to the importer's log. Immutable; thread-safe.
 *
 * @param batchId        the batch
 * @param stored         entries the importer stored from this batch
 * @param alreadyPresent entries it did not need (it had them already)
 */
public record Ack(long batchId, int stored, int alreadyPresent) implements Message {
    /** Checks the fields can be sent. */
    public Ack {
        Require.batchId(batchId);
        Require.nonNegative(stored, "stored");
        Require.nonNegative(alreadyPresent, "alreadyPresent");
    }

    @Override
    public byte frameType() {
        return MessageType.ACK;
    }
}
