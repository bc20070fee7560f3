package io.chum.importer;

import io.chum.ChumException;

/**
 * What the importer tells its session. {@link #entriesPresent} and {@link #remoteProgress} are called on the
 * session's reader thread, the others on the commit thread; implementations must be thread-safe.
 */
public interface ImporterListener {
    /** Entries of a data offer that the importer did not want because it has them (BtoAExists). */
    void entriesPresent(int count);

    /** The exporter's PROGRESS: the totals it expects to offer, as known so far. */
    void remoteProgress(long totalEntries, long totalBytes);

    /** A batch was verified, committed and acknowledged. */
    void batchCommitted(CommittedBatch batch);

    /**
     * Everything up to the peer's FULL_SYNC mark is committed. Called before FULL_SYNC_ACK is sent, so the session
     * can log the timestamp first.
     */
    void importerFullSync(long snapshotTimestamp);

    /** The peer sent FIN and every batch it offered before is committed and acknowledged. */
    void importerDrained();

    /** The importer failed; the chum must end with this error. */
    void importerFailed(ChumException error);
}
