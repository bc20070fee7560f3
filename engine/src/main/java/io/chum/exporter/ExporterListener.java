package io.chum.exporter;

import io.chum.ChumException;
import io.chum.protocol.FinReason;

/**
 * What the exporter tells its session. Called on the exporter thread; implementations must be thread-safe with
 * respect to the session's other threads.
 */
public interface ExporterListener {
    /** The importer acknowledged FULL_SYNC: it has everything accessible at the snapshot. */
    void exporterFullSync(long snapshotTimestamp);

    /** A PROBE batch of {@code entries} entries was sent. */
    void probeSent(int entries);

    /** A data batch was offered, with its entry count and declared bytes. */
    void batchOffered(int entries, long bytes);

    /** A data batch was acknowledged (called before the next message is handled). */
    void batchSent(SentBatch batch);

    /** The exporter sent its FIN. */
    void finSent(FinReason reason);

    /** The exporter is done: FIN sent, every batch and the FULL_SYNC acknowledged. */
    void exporterFinished();

    /** The exporter failed; the chum must end with this error. */
    void exporterFailed(ChumException error);
}
