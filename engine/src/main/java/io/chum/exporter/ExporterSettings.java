package io.chum.exporter;

import io.chum.protocol.ChumProtocol;
import io.chum.protocol.ProtocolLimits;

/**
 * What one chum's exporter needs to know besides the store and the connection. Immutable.
 *
 * @param sessionId            the chum's session id (the log index of its START record)
 * @param keepRunning          the effective keepRunning of the chum (both sides asked for it)
 * @param notificationDelayMs  how long new entries may wait before they are offered (the peer's wish, ≥ 1)
 * @param cursor               the importer's cursor (0: full sync), a timestamp on this store's log clock
 * @param windowBatches        how many batches may be outstanding (offered, not answered or acknowledged)
 * @param limits               the protocol limits the peer accepts
 * @param maxObjectBytes       objects larger than this are not offered (the importer refuses them)
 * @param maxQueuedBytes       the exporter waits while more than this is queued on the connection
 */
public record ExporterSettings(long sessionId, boolean keepRunning, int notificationDelayMs, long cursor,
                               int windowBatches, ProtocolLimits limits, long maxObjectBytes, long maxQueuedBytes) {
    /** The object size cap of this implementation: 64 MiB. */
    public static final long DEFAULT_MAX_OBJECT_BYTES = 64L << 20;
    /** Default bound on bytes queued on the connection: 8 MiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 8L << 20;

    /** Checks the values. */
    public ExporterSettings {
        if (notificationDelayMs < ChumProtocol.MIN_NOTIFICATION_DELAY_MS) {
            throw new IllegalArgumentException("notificationDelayMs must be at least 1: " + notificationDelayMs);
        }
        if (windowBatches < 1 || windowBatches > ChumProtocol.MAX_WINDOW_BATCHES) {
            throw new IllegalArgumentException("windowBatches must be in 1.." + ChumProtocol.MAX_WINDOW_BATCHES
                + ": " + windowBatches);
        }
        if (cursor < 0 || maxObjectBytes < 1 || maxQueuedBytes < 1) {
            throw new IllegalArgumentException("invalid exporter settings: cursor=" + cursor + ", maxObjectBytes="
                + maxObjectBytes + ", maxQueuedBytes=" + maxQueuedBytes);
        }
    }
}
