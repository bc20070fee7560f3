package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.Durability;
import io.chum.log.LogConfig;
import org.agrona.ErrorHandler;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link OneStore}. Immutable: every {@code withX} returns a copy. Thread-safe.
 *
 * <p>Defaults and why:
 * <ul>
 *   <li>the log's defaults ({@link LogConfig#defaults()}), durability {@link Durability#GROUP_COMMIT};</li>
 *   <li>a checkpoint every 100,000 events, or every 60 s when events arrived, and on close: reopening then
 *       replays at most about 100,000 events;</li>
 *   <li>4 chunk buffers per BLOB upload between the caller and the writer thread (1 MiB with the default chunk
 *       size): enough to keep the writer busy, small enough for any number of concurrent uploads;</li>
 *   <li>the idle writer parks for at most 1 ms between looks at the log while a thread waits for new events
 *       ({@link OneStore#watchAppends}, a keepRunning chum), so other processes' writes show within about a
 *       millisecond; with no one waiting, for at most 100 ms, so an idle server wakes ten times a second instead
 *       of a thousand (2.3 % of a CPU on a small VM). A submitted command, a new watch and
 *       {@link OneStore#awaitProjected} wake it at once;</li>
 *   <li>background errors (an event that could not be projected, a failed checkpoint) are logged.</li>
 * </ul>
 */
public final class StoreConfig {
    /** Default number of events between two checkpoints. */
    public static final long DEFAULT_CHECKPOINT_EVENTS = 100_000;
    /** Default longest time between two checkpoints while events arrive. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);
    /** Default number of chunk buffers per BLOB upload. */
    public static final int DEFAULT_BLOB_BUFFERS = 4;
    /** Default longest park of the idle writer thread while a thread waits for new events. */
    public static final Duration DEFAULT_MAX_IDLE_PARK = Duration.ofMillis(1);
    /** Default longest park of the idle writer thread while no thread waits for new events. */
    public static final Duration DEFAULT_QUIET_IDLE_PARK = Duration.ofMillis(100);

    /** Logs a coded error in one line (its message says what and where); anything else, a bug, with its stack. */
    private static final ErrorHandler LOG_ERRORS = t -> {
        if (t instanceof ChumException c && c.errorCode() != ErrorCode.INTERNAL) {
            LoggerFactory.getLogger(OneStore.class).warn("store background error: {}", c.getMessage());
        } else {
            LoggerFactory.getLogger(OneStore.class).warn("store background error: {}", t.getMessage(), t);
        }
    };
    private static final StoreConfig DEFAULTS = new StoreConfig(LogConfig.defaults(), DEFAULT_CHECKPOINT_EVENTS,
        DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_BLOB_BUFFERS, DEFAULT_MAX_IDLE_PARK, DEFAULT_QUIET_IDLE_PARK,
        LOG_ERRORS);

    private final LogConfig log;
    private final long checkpointEvents;
    private final Duration checkpointInterval;
    private final int blobBuffers;
    private final Duration maxIdlePark;
    private final Duration quietIdlePark;
    private final ErrorHandler errorHandler;

    private StoreConfig(final LogConfig log, final long checkpointEvents, final Duration checkpointInterval,
                        final int blobBuffers, final Duration maxIdlePark, final Duration quietIdlePark,
                        final ErrorHandler errorHandler) {
        this.log = Objects.requireNonNull(log, "log");
        this.checkpointInterval = Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        this.maxIdlePark = Objects.requireNonNull(maxIdlePark, "maxIdlePark");
        this.quietIdlePark = Objects.requireNonNull(quietIdlePark, "quietIdlePark");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        if (checkpointEvents < 1 || blobBuffers < 1 || checkpointInterval.isNegative() || maxIdlePark.isNegative()
            || maxIdlePark.isZero() || quietIdlePark.isNegative() || quietIdlePark.isZero()) {
            throw new IllegalArgumentException("invalid store settings: checkpointEvents=" + checkpointEvents
                + ", checkpointInterval=" + checkpointInterval + ", blobBuffers=" + blobBuffers + ", maxIdlePark="
                + maxIdlePark + ", quietIdlePark=" + quietIdlePark);
        }
        this.checkpointEvents = checkpointEvents;
        this.blobBuffers = blobBuffers;
    }

    /** The defaults listed above. */
    public static StoreConfig defaults() {
        return DEFAULTS;
    }

    /** Settings of the event log (durability, block and chunk sizes, clock…). */
    public LogConfig log() {
        return log;
    }

    public long checkpointEvents() {
        return checkpointEvents;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    public int blobBuffers() {
        return blobBuffers;
    }

    /** Longest park of the idle writer thread while a thread waits for new events ({@link OneStore#watchAppends}). */
    public Duration maxIdlePark() {
        return maxIdlePark;
    }

    /**
     * Longest park of the idle writer thread while no thread waits for new events; never shorter than
     * {@link #maxIdlePark()}. Other processes' writes reach the projections within about this long then, unless a
     * reader asks for them ({@link OneStore#awaitProjected}).
     */
    public Duration quietIdlePark() {
        return quietIdlePark.compareTo(maxIdlePark) < 0 ? maxIdlePark : quietIdlePark;
    }

    /** Receives errors of the writer thread that no caller can receive. Called on the writer thread. */
    public ErrorHandler errorHandler() {
        return errorHandler;
    }

    public StoreConfig withLog(final LogConfig value) {
        return new StoreConfig(value, checkpointEvents, checkpointInterval, blobBuffers, maxIdlePark, quietIdlePark,
            errorHandler);
    }

    /** Shortcut for {@code withLog(log().withDurability(value))}. */
    public StoreConfig withDurability(final Durability value) {
        return withLog(log.withDurability(value));
    }

    public StoreConfig withCheckpointEvents(final long value) {
        return new StoreConfig(log, value, checkpointInterval, blobBuffers, maxIdlePark, quietIdlePark, errorHandler);
    }

    public StoreConfig withCheckpointInterval(final Duration value) {
        return new StoreConfig(log, checkpointEvents, value, blobBuffers, maxIdlePark, quietIdlePark, errorHandler);
    }

    public StoreConfig withBlobBuffers(final int value) {
        return new StoreConfig(log, checkpointEvents, checkpointInterval, value, maxIdlePark, quietIdlePark,
            errorHandler);
    }

    public StoreConfig withMaxIdlePark(final Duration value) {
        return new StoreConfig(log, checkpointEvents, checkpointInterval, blobBuffers, value, quietIdlePark,
            errorHandler);
    }

    public StoreConfig withQuietIdlePark(final Duration value) {
        return new StoreConfig(log, checkpointEvents, checkpointInterval, blobBuffers, maxIdlePark, value,
            errorHandler);
    }

    public StoreConfig withErrorHandler(final ErrorHandler value) {
        return new StoreConfig(log, checkpointEvents, checkpointInterval, blobBuffers, maxIdlePark, quietIdlePark,
            value);
    }

    @Override
    public String toString() {
        return "StoreConfig[log=" + log + ", checkpointEvents=" + checkpointEvents + ", checkpointInterval="
            + checkpointInterval + ", blobBuffers=" + blobBuffers + ", maxIdlePark=" + maxIdlePark + ", quietIdlePark="
            + quietIdlePark + "]";
    }
}
