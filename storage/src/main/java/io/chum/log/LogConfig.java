package io.chum.log;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Settings of an {@link EventLog}. Immutable: every {@code withX} returns a copy. Thread-safe.
 *
 * <p>Defaults and why (details in {@code docs/storage-format.md}):
 * <ul>
 *   <li>roll cycle {@code DAILY} (Chronicle's {@code LegacyRollCycles}): one file per UTC day, up to 2^32 records a
 *       day. Used only when the log is created; Chronicle stores it in {@code metadata.cq4t} and the stored one wins
 *       later;</li>
 *   <li>an index entry every 16 records, in index arrays of 16 384 entries (DAILY's own: every 64, arrays of
 *       8 192): a lookup by log index scans linearly from the entry before it, and the exporter's reads profiled as
 *       mostly that scan. 16 384 × 16 384 × 16 keeps DAILY's 2^32 records a day. Used for the cycle files the log
 *       creates; each file keeps the indexing it was created with (in its header);</li>
 *   <li>block size 64 MiB: Chronicle maps files in blocks and a record must fit in a quarter block; the
 *       largest record here is about 330 KiB, and large blocks mean few remaps while streaming big BLOBs.
 *       The block size is recorded in the log's header file and the recorded value wins;</li>
 *   <li>inline limit and chunk size 256 KiB: payloads up to the limit stay in the event record; larger
 *       ones and every BLOB go to chunk records of at most the chunk size;</li>
 *   <li>disk reserve 64 MiB, free space re-read every 4 MiB written;</li>
 *   <li>write-lock timeout 5 s: how long a writer waits for the queue's cross-process write lock before it
 *       checks whether the holder died (then it takes the lock over) or gives up;</li>
 *   <li>durability {@link Durability#GROUP_COMMIT}.</li>
 * </ul>
 */
public final class LogConfig {
    /** Default block size of the queue files. */
    public static final long DEFAULT_BLOCK_SIZE = 64L << 20;
    /** Default largest payload kept inline in an event record. */
    public static final int DEFAULT_INLINE_LIMIT = 256 << 10;
    /** Default data bytes per chunk record. */
    public static final int DEFAULT_CHUNK_SIZE = 256 << 10;
    /** Default free space that appends never eat into. */
    public static final long DEFAULT_DISK_RESERVE = 64L << 20;
    /** Default number of bytes written between two reads of the free space. */
    public static final long DEFAULT_DISK_CHECK_INTERVAL = 4L << 20;
    /** Default number of records between two index entries of a new cycle file (a power of two). */
    public static final int DEFAULT_INDEX_SPACING = 16;
    /** Default number of entries of each index array of a new cycle file (a power of two). */
    public static final int DEFAULT_INDEX_COUNT = 16 << 10;
    /** Default write-lock timeout. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

    private static final LogConfig DEFAULTS = new LogConfig(Durability.GROUP_COMMIT, LegacyRollCycles.DAILY,
        DEFAULT_INDEX_SPACING, DEFAULT_INDEX_COUNT, DEFAULT_BLOCK_SIZE, DEFAULT_INLINE_LIMIT, DEFAULT_CHUNK_SIZE,
        DEFAULT_DISK_RESERVE, DEFAULT_DISK_CHECK_INTERVAL, DEFAULT_LOCK_TIMEOUT, System::currentTimeMillis);

    private final Durability durability;
    private final RollCycle rollCycle;
    private final int indexSpacing;
    private final int indexCount;
    private final long blockSize;
    private final int inlineLimit;
    private final int chunkSize;
    private final long diskReserve;
    private final long diskCheckInterval;
    private final Duration lockTimeout;
    private final LongSupplier clock;

    private LogConfig(final Durability durability, final RollCycle rollCycle, final int indexSpacing,
                      final int indexCount, final long blockSize,
                      final int inlineLimit, final int chunkSize, final long diskReserve,
                      final long diskCheckInterval, final Duration lockTimeout, final LongSupplier clock) {
        this.durability = Objects.requireNonNull(durability, "durability");
        this.rollCycle = Objects.requireNonNull(rollCycle, "rollCycle");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (inlineLimit < 0 || chunkSize < 1 || diskReserve < 0 || diskCheckInterval < 1 || lockTimeout.isNegative()
            || lockTimeout.isZero()) {
            throw new IllegalArgumentException("invalid log settings: inlineLimit=" + inlineLimit + ", chunkSize="
                + chunkSize + ", diskReserve=" + diskReserve + ", diskCheckInterval=" + diskCheckInterval
                + ", lockTimeout=" + lockTimeout);
        }
        if (Integer.bitCount(indexSpacing) != 1 || Integer.bitCount(indexCount) != 1 || indexCount < 8
            || indexCount > 1 << 20 || indexSpacing > 1 << 16) {
            throw new IllegalArgumentException("invalid log indexing: indexSpacing=" + indexSpacing + ", indexCount="
                + indexCount + " (powers of two, indexCount 8 to 2^20, indexSpacing up to 2^16)");
        }
        this.indexSpacing = indexSpacing;
        this.indexCount = indexCount;
        this.blockSize = blockSize;
        this.inlineLimit = inlineLimit;
        this.chunkSize = chunkSize;
        this.diskReserve = diskReserve;
        this.diskCheckInterval = diskCheckInterval;
        checkBlockSize(blockSize);
    }

    /** The defaults listed above. */
    public static LogConfig defaults() {
        return DEFAULTS;
    }

    /** Throws unless a record of the largest size this config writes fits four times into {@code size}. */
    void checkBlockSize(final long size) {
        final long largest = maxRecordLength();
        if (size < 4 * largest) {
            throw new IllegalArgumentException("block size " + size + " is smaller than 4 x the largest record ("
                + largest + " bytes); lower the inline limit or chunk size or raise the block size");
        }
    }

    /** Upper bound of one record's length (header, fixed fields, strings, inline payload or chunk data). */
    long maxRecordLength() {
        return (long) Math.max(inlineLimit, chunkSize) + RecordFormat.MAX_OVERHEAD;
    }

    public Durability durability() {
        return durability;
    }

    public RollCycle rollCycle() {
        return rollCycle;
    }

    /** Records between two index entries of a cycle file the log creates. */
    public int indexSpacing() {
        return indexSpacing;
    }

    /** Entries of each index array of a cycle file the log creates. */
    public int indexCount() {
        return indexCount;
    }

    public long blockSize() {
        return blockSize;
    }

    public int inlineLimit() {
        return inlineLimit;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public long diskReserve() {
        return diskReserve;
    }

    public long diskCheckInterval() {
        return diskCheckInterval;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** Source of "now" in ms for event timestamps and for choosing the roll cycle. */
    public LongSupplier clock() {
        return clock;
    }

    public LogConfig withDurability(final Durability value) {
        return new LogConfig(value, rollCycle, indexSpacing, indexCount, blockSize, inlineLimit, chunkSize, diskReserve,
            diskCheckInterval, lockTimeout, clock);
    }

    /** Roll cycle for a new log; ignored for an existing one. Tests use {@code TestRollCycles}. */
    public LogConfig withRollCycle(final RollCycle value) {
        return new LogConfig(durability, value, indexSpacing, indexCount, blockSize, inlineLimit, chunkSize,
            diskReserve, diskCheckInterval, lockTimeout, clock);
    }

    /**
     * Indexing of the cycle files the log creates: an index entry every {@code spacing} records, index arrays of
     * {@code count} entries (both powers of two; a cycle file holds at most count² × spacing records). Existing
     * cycle files keep the indexing they were created with.
     */
    public LogConfig withIndexing(final int spacing, final int count) {
        return new LogConfig(durability, rollCycle, spacing, count, blockSize, inlineLimit, chunkSize, diskReserve,
            diskCheckInterval, lockTimeout, clock);
    }

    /** Block size for a new log; an existing log keeps the block size recorded in its header file. */
    public LogConfig withBlockSize(final long value) {
        return new LogConfig(durability, rollCycle, indexSpacing, indexCount, value, inlineLimit, chunkSize,
            diskReserve, diskCheckInterval, lockTimeout, clock);
    }

    public LogConfig withInlineLimit(final int value) {
        return new LogConfig(durability, rollCycle, indexSpacing, indexCount, blockSize, value, chunkSize, diskReserve,
            diskCheckInterval, lockTimeout, clock);
    }

    public LogConfig withChunkSize(final int value) {
        return new LogConfig(durability, rollCycle, indexSpacing, indexCount, blockSize, inlineLimit, value,
            diskReserve, diskCheckInterval, lockTimeout, clock);
    }

    /** Free space (bytes) appends leave untouched; an append that would eat into it fails with DISK_FULL. */
    public LogConfig withDiskReserve(final long value) {
        return new LogConfig(durability, rollCycle, indexSpacing, indexCount, blockSize, inlineLimit, chunkSize, value,
            diskCheckInterval, lockTimeout, clock);
    }

    public LogConfig withDiskCheckInterval(final long value) {
        return new LogConfig(durability, rollCycle, indexSpacing, indexCount, blockSize, inlineLimit, chunkSize,
            diskReserve, value, lockTimeout, clock);
    }

    public LogConfig withLockTimeout(final Duration value) {
        return new LogConfig(durability, rollCycle, indexSpacing, indexCount, blockSize, inlineLimit, chunkSize,
            diskReserve, diskCheckInterval, value, clock);
    }

    /** Replaces the wall clock (tests move time to cross roll cycles). */
    public LogConfig withClock(final LongSupplier value) {
        return new LogConfig(durability, rollCycle, indexSpacing, indexCount, blockSize, inlineLimit, chunkSize,
            diskReserve, diskCheckInterval, lockTimeout, value);
    }

    @Override
    public String toString() {
        return "LogConfig[durability=" + durability + ", rollCycle=" + rollCycle + ", indexSpacing=" + indexSpacing
            + ", indexCount=" + indexCount + ", blockSize=" + blockSize
            + ", inlineLimit=" + inlineLimit + ", chunkSize=" + chunkSize + ", diskReserve=" + diskReserve
            + ", diskCheckInterval=" + diskCheckInterval + ", lockTimeout=" + lockTimeout + "]";
    }
}
