package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import net.openhft.chronicle.core.io.ClosedIllegalStateException;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.threads.Pauser;
import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event log of one ONE instance: a Chronicle Queue in one directory holding every write as a
 * typed, CRC-protected record (format in {@code docs/storage-format.md}). Everything else of a store is a
 * projection rebuilt by replaying it.
 *
 * <p>Open one {@code EventLog} per directory per process. Several processes may have the same log open and
 * append at once; the queue's file lock serialises their appends and each sees the others' records by
 * tailing. Threading: {@link #appender()} is for the single writer thread; readers and tailers are per
 * thread; every other method is thread-safe.
 *
 * <p>Recovery on open: a write lock left by a process that died while appending is taken over by
 * Chronicle as soon as the queue is opened (the owner pid is dead), and the next append overwrites the
 * incomplete document it left. A last record that is complete but fails its CRC (torn by a machine
 * crash) is ignored: tailers stop before it, and the first append of this process writes a torn mark after
 * it so that every reader skips it from then on.
 */
public final class EventLog implements AutoCloseable, PayloadSource {
    /** Chronicle's switch that keeps every mapped chunk of a cycle file mapped until the file is closed. */
    public static final String RETAIN_CHUNKS_PROPERTY = "mappedFile.retain";
    private static final AtomicBoolean RETAIN_WARNED = new AtomicBoolean();

    private final Path dir;
    private final LogConfig config;
    private final LogHeaderFile header;
    private final SingleChronicleQueue queue;
    private final long tornIndexAtOpen;
    private final Object forceLock = new Object();
    private final ConcurrentSkipListMap<Integer, File> filesToForce = new ConcurrentSkipListMap<>();
    private final AtomicLong forceCount = new AtomicLong();
    private volatile boolean appendedSinceForce;
    private int highestSyncedDirectoryCycle = Integer.MIN_VALUE;
    private LogAppender appender;
    private volatile boolean closed;

    private EventLog(final Path dir, final LogConfig config, final LogHeaderFile header,
                     final SingleChronicleQueue queue) {
        this.dir = dir;
        this.config = config;
        this.header = header;
        this.queue = queue;
        this.tornIndexAtOpen = recoverTail();
    }

    /**
     * Tells Chronicle not to load its native POSIX binding, for a process that owns its JVM (the command-line
     * tool). Chronicle loads the binding when it starts, and that generates native call stubs with ASM: 0.2-0.3 s
     * of every command's start on one CPU (docs/benchmarks.md section 7.3, run 7). The log needs nothing from it:
     * its only use here is {@code msync(MS_ASYNC)} on mapped cycle files, which Linux treats as a no-op, and
     * durability comes from {@link #force()}'s fsync. Call it before the first log is opened. It applies to every
     * Chronicle queue in the JVM, so an application that embeds the store and uses Chronicle's native calls for
     * queues of its own should not call it.
     */
    public static void skipNativePosixBinding() {
        PosixAPI.useNoOpPosixApi();
    }

    /**
     * Not a static field: the command line calls {@link #skipNativePosixBinding()} before every command, and a logger
     * made then would start the logging backend in commands that never open a log (docs/benchmarks.md §7.3).
     */
    private static Logger log() {
        return LoggerFactory.getLogger(EventLog.class);
    }

    /**
     * Warns once per JVM unless {@value #RETAIN_CHUNKS_PROPERTY} is true. Without it Chronicle unmaps each chunk of a
     * cycle file (the block size, 64 MiB by default) as soon as no reader or appender is on it, and maps it again at
     * the next read there: reads by log index spread over a large log, as an exporter's over a million objects, then
     * spend most of their time in mmap, munmap and page faults (a 1 M-object sync took 236 s instead of 17 s,
     * docs/benchmarks.md §6.8). The switch keeps the chunks mapped while the log is open, so a process's resident
     * size includes the log pages it touched (file pages, which the kernel can reclaim). Chronicle reads it once for
     * the whole JVM, before its first mapping, so it can only be set on the command line: config/jvm.args does.
     */
    private static void warnUnlessChunksRetained() {
        if (!Boolean.getBoolean(RETAIN_CHUNKS_PROPERTY) && RETAIN_WARNED.compareAndSet(false, true)) {
            log().warn("-D{}=true is not set: reads spread over a large log will remap its chunks again and again "
                + "(see docs/configuration.md)", RETAIN_CHUNKS_PROPERTY);
        }
    }

    /**
     * Opens the log in {@code dir}, creating the directory and an empty log if needed.
     *
     * @throws ChumException STORE_FORMAT if the directory holds something else or another format version,
     *                       IO if it cannot be opened
     */
    public static EventLog open(final Path dir, final LogConfig config) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(config, "config");
        try {
            Files.createDirectories(dir);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot create the log directory " + dir + ": "
                + ChumException.describe(e), e);
        }
        if (!Files.exists(dir.resolve(LogHeaderFile.FILE_NAME)) && holdsQueueFiles(dir)) {
            throw new ChumException(ErrorCode.STORE_FORMAT, dir + " holds a Chronicle queue without "
                + LogHeaderFile.FILE_NAME + "; it is not a chum-sync log");
        }
        warnUnlessChunksRetained();
        final LogHeaderFile header = LogHeaderFile.openOrCreate(dir, config.blockSize());
        config.checkBlockSize(header.blockSize());
        final SingleChronicleQueue queue;
        try {
            queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(config.rollCycle())
                .indexSpacing(config.indexSpacing())
                .indexCount(config.indexCount())
                .blockSize(header.blockSize())
                // never a cycle before the newest record's: a clock behind the log (a step back over midnight, or
                // another process's clock) would otherwise append to an older cycle file, out of log order
                .timeProvider(() -> Math.max(config.clock().getAsLong(), header.lastTimestamp()))
                .timeoutMS(config.lockTimeout().toMillis())
                .build();
        } catch (final RuntimeException e) {
            throw new ChumException(ErrorCode.IO, "cannot open the log queue in " + dir + ": " + e, e);
        }
        try {
            return new EventLog(dir, config, header, queue);
        } catch (final ChumException e) {
            queue.close();
            throw e;
        } catch (final Exception e) {
            // Chronicle throws the IOException of a cycle file it cannot open (a read-only file, say) unchecked
            queue.close();
            throw new ChumException(ErrorCode.IO, "cannot open the log in " + dir + ": "
                + (e instanceof IOException io ? ChumException.describe(io) : e.toString()), e);
        }
    }

    private static boolean holdsQueueFiles(final Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{cq4,cq4t}")) {
            return files.iterator().hasNext();
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot list " + dir + ": " + ChumException.describe(e), e);
        }
    }

    /** Checks the last record; returns its index if it is torn, else -1. Advances the clock past it. */
    private long recoverTail() {
        final long last = queue.lastIndex();
        if (last < 0) {
            return -1;
        }
        try (LogReader reader = reader()) {
            final RecordDecoder d = reader.load(last);
            header.advanceTo(d.timestamp());
            return -1;
        } catch (final ChumException e) {
            if (e.errorCode() != ErrorCode.CORRUPT_RECORD) {
                throw e;
            }
            log().warn("The last record {} of the log in {} is torn and will be ignored: {}",
                RecordFormat.indexName(last), dir, e.reason());
            return last;
        }
    }

    /** The appender, created on first call; it belongs to the single writer thread. */
    public synchronized LogAppender appender() {
        checkOpen();
        if (appender == null) {
            try {
                final var chronicle = queue.createAppender();
                chronicle.singleThreadedCheckReset();
                appender = new LogAppender(this, chronicle, config);
            } catch (final ChumException e) {
                throw e;
            } catch (final RuntimeException e) {
                throw new ChumException(ErrorCode.IO, "cannot create an appender for the log in " + dir + ": " + e, e);
            }
        }
        return appender;
    }

    /** A new random-access reader for the calling thread. */
    public LogReader reader() {
        checkOpen();
        return new LogReader(this, queue.createTailer());
    }

    /**
     * A new random-access reader that may be handed from thread to thread, used by one at a time (for reader pools;
     * the hand-off must publish it safely, e.g. through a concurrent queue). Chronicle's check that a tailer stays on
     * one thread is disabled for it.
     */
    public LogReader movableReader() {
        checkOpen();
        final ExcerptTailer t = queue.createTailer();
        t.singleThreadedCheckDisabled(true);
        return new LogReader(this, t);
    }

    /**
     * A new tailer reading from {@code fromIndex} on: an event index, a {@link LogTailer#position()}, an
     * {@link #endIndex()} or 0 for the start. An index in a gap between roll cycles starts at the next record.
     */
    public LogTailer tailer(final long fromIndex) {
        checkOpen();
        final ExcerptTailer t = queue.createTailer();
        try {
            seek(t, fromIndex);
        } catch (final RuntimeException e) {
            t.close();
            throw ChumException.wrap(e, ErrorCode.IO);
        }
        t.singleThreadedCheckReset();
        return new LogTailer(this, t);
    }

    private void seek(final ExcerptTailer t, final long from) {
        seek(t, from, true);
    }

    private void seek(final ExcerptTailer t, final long from, final boolean retry) {
        if (from <= 0) {
            t.toStart();
            return;
        }
        if (t.moveToIndex(from)) {
            return;
        }
        final long first = rawFirstIndex();
        if (first < 0 || from < first) {
            t.toStart();
            return;
        }
        final int cycle = rollCycle().toCycle(from);
        final int lastCycle = queue.lastCycle();
        if (cycle < lastCycle) {
            // both bounds of listCyclesBetween must be existing cycles
            final Long next = queue.listCyclesBetween(queue.firstCycle(), lastCycle).higher((long) cycle);
            if (next != null && t.moveToCycle(next.intValue())) {
                return;
            }
        }
        t.toEnd();
        // Records appended between the failed moveToIndex and toEnd would be skipped (a subscriber asking for
        // "everything from the next record" relies on not skipping them): seek once more, which now finds
        // `from`, or the next cycle if the log rolled meanwhile.
        if (t.index() > from && retry) {
            seek(t, from, false);
        }
    }

    /** Index of the first record, or {@link #endIndex()} if the log is empty. */
    public long firstIndex() {
        checkOpen();
        final long first = rawFirstIndex();
        return first < 0 ? endIndex() : first;
    }

    private long rawFirstIndex() {
        final long first = queue.firstIndex();
        return first == Long.MAX_VALUE ? -1 : first;
    }

    /**
     * The position after the last complete record (0 for an empty log): every record now in the log has a
     * smaller index and every later one a larger or equal one, so it marks a snapshot. A torn last record is
     * excluded.
     */
    public long endIndex() {
        checkOpen();
        final long last = queue.lastIndex();
        if (last < 0) {
            return 0;
        }
        return last == tornIndexAtOpen ? last : last + 1;
    }

    /**
     * The log clock: the timestamp of the newest record appended by any process (0 for a new log). Every record
     * appended after this call has a timestamp at or above the value returned, so reading it <em>before</em>
     * {@link #endIndex()} gives a timestamp that no record after that end position is older than.
     */
    public long lastTimestamp() {
        checkOpen();
        return header.lastTimestamp();
    }

    /**
     * Index of the first event with a timestamp at or after {@code timestampMs}, or {@link #endIndex()} if
     * there is none. Binary search over the cycles (by their last record) and within the cycle (by sequence);
     * indexes are not contiguous across cycles.
     */
    public long indexAtOrAfter(final long timestampMs) {
        checkOpen();
        if (rawFirstIndex() < 0) {
            return endIndex();
        }
        try (TimeSearch search = new TimeSearch(queue, rollCycle())) {
            final long candidate = search.firstRecordAtOrAfter(timestampMs);
            if (candidate < 0) {
                return endIndex();
            }
            try (LogTailer t = tailer(candidate)) {
                for (LogEvent e = t.next(); e != null; e = t.next()) {
                    if (e.timestamp() >= timestampMs) {
                        return e.index();
                    }
                }
                return t.position();
            }
        } catch (final ClosedIllegalStateException e) {
            throw new ChumException(ErrorCode.CLOSED, "the log in " + dir + " is closed", e);
        }
    }

    /**
     * Forces the records this process appended since the last force to disk (fsync of the cycle files
     * written, and of the directory when a cycle file is new). Does nothing if nothing was appended since.
     * Thread-safe.
     */
    public void force() {
        checkOpen();
        synchronized (forceLock) {
            if (!appendedSinceForce) {
                return;
            }
            appendedSinceForce = false;
            int newestCycle = Integer.MIN_VALUE;
            for (final Map.Entry<Integer, File> e : filesToForce.entrySet()) {
                fsync(e.getValue().toPath());
                newestCycle = e.getKey();
            }
            if (newestCycle > highestSyncedDirectoryCycle) {
                fsyncDirectory();
                highestSyncedDirectoryCycle = newestCycle;
            }
            // the newest cycle file stays listed: later appends go there
            filesToForce.headMap(newestCycle).clear();
            forceCount.incrementAndGet();
        }
    }

    /** The time, in ms since the epoch, at which roll cycle {@code cycle} begins. */
    long cycleStart(final int cycle) {
        return (long) cycle * rollCycle().lengthInMillis() + queue.epoch();
    }

    /**
     * Raises the log clock to the start of the newest cycle file, so that the next append goes there: a roll creates
     * the new file and ends the old one before its first record raises the clock, and a writer that died in between
     * (its clock ahead of everyone's) left a newest file that no one else's clock reaches yet. Any thread.
     */
    void advanceClockToNewestCycle() {
        header.advanceTo(cycleStart(queue.lastCycle()));
        log().warn("The log in {} has a newer cycle file than its clock reaches (a writer died while it rolled);"
            + " appending there", dir);
    }

    /**
     * How many cycle files the log has from its first up to the one {@code position} lies in (0 for an empty log).
     * A checkpoint keeps it: fewer later means a cycle file was removed. Any thread.
     */
    public int cycleFilesUpTo(final long position) {
        checkOpen();
        if (rawFirstIndex() < 0) {
            return 0;
        }
        final int last = Math.min(queue.lastCycle(), rollCycle().toCycle(Math.max(0, position)));
        return queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle()).headSet((long) last, true).size();
    }

    /**
     * Forces to disk the cycle files holding the records in {@code [from, to)} (two positions as {@link #tailer}
     * takes them), whoever appended them: {@link #force()} covers only this process's appends, and the records a
     * process reads may be another's, not yet on disk. Each file is synced once; a clean file costs one quick
     * fdatasync. Not counted by {@link #forceCount()}. Thread-safe.
     */
    public void forceRecords(final long from, final long to) {
        checkOpen();
        if (to <= from || rawFirstIndex() < 0) {
            return;
        }
        final RollCycle cycles = rollCycle();
        final int first = Math.max(queue.firstCycle(), from <= 0 ? Integer.MIN_VALUE : cycles.toCycle(from));
        // `to` is a position: the first record of its cycle may not exist yet, so its cycle's file may not either
        final int last = Math.min(queue.lastCycle(), cycles.toCycle(to));
        if (first > last) {
            return;
        }
        try (ExcerptTailer t = queue.createTailer()) {
            // both bounds of listCyclesBetween must be existing cycles
            for (final Long cycle : queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle()).subSet(
                (long) first, true, (long) last, true)) {
                if (t.moveToCycle(cycle.intValue()) && t.currentFile() != null) {
                    fsync(t.currentFile().toPath());
                }
            }
        } catch (final ChumException e) {
            throw e;
        } catch (final RuntimeException e) {
            throw ChumException.wrap(e, ErrorCode.IO);
        }
    }

    private static void fsync(final Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(false);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot force " + file + " to disk: " + ChumException.describe(e), e);
        }
    }

    /** Makes a new cycle file's directory entry durable; best effort, as not every platform can open a directory. */
    private void fsyncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (final IOException e) {
            log().debug("Cannot fsync the directory {}: {}", dir, e.toString());
        }
    }

    /** Number of {@link #force()} calls that synced something (for tests and benchmarks). */
    public long forceCount() {
        return forceCount.get();
    }

    /** Streams a chunked payload from any thread, holding one chunk in memory. */
    @Override
    public InputStream openPayload(final PayloadRef ref) {
        checkOpen();
        if (ref.isEmpty()) {
            return InputStream.nullInputStream();
        }
        try {
            return new ChunkInputStream(queue.createTailer(), ref);
        } catch (final ClosedIllegalStateException e) {
            throw new ChumException(ErrorCode.CLOSED, "the log in " + dir + " is closed", e);
        }
    }

    /** The directory of the log. */
    public Path directory() {
        return dir;
    }

    /** The settings it was opened with (the block size and roll cycle in use may be the stored ones). */
    public LogConfig config() {
        return config;
    }

    /** The roll cycle in use (the one stored in the queue's metadata). */
    public RollCycle rollCycle() {
        return queue.rollCycle();
    }

    /** Records between two index entries in the cycle files this log creates (older ones may differ). */
    public int indexSpacing() {
        return queue.indexSpacing();
    }

    /** The block size in use (the one recorded in the log's header file). */
    public long blockSize() {
        return header.blockSize();
    }

    /** Closes the appender and every reader and tailer of this log. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (appender != null) {
                appender.close();
            }
        } finally {
            queue.close();
        }
    }

    // ---- package-private plumbing ----

    void checkOpen() {
        if (closed) {
            throw new ChumException(ErrorCode.CLOSED, "the log in " + dir + " is closed");
        }
    }

    LogHeaderFile header() {
        return header;
    }

    long tornIndexAtOpen() {
        return tornIndexAtOpen;
    }

    SingleChronicleQueue queue() {
        return queue;
    }

    void noteCycleWritten(final int cycle, final File file) {
        if (file != null) {
            filesToForce.put(cycle, file);
        }
    }

    void noteAppended() {
        if (!appendedSinceForce) {
            appendedSinceForce = true;
        }
    }

    /**
     * After a mapped write faulted mid-append, Chronicle may leave its cross-process write lock held by this
     * (still living) process, which would block every other process's appends. Release it as if this process
     * had died: the next writer overwrites the incomplete document, exactly as after a crash.
     */
    void releaseWriteLockAfterFault() {
        try (TableStoreWriteLock lock = new TableStoreWriteLock(queue.metaStore(), Pauser::timedBusy,
            config.lockTimeout().toMillis())) {
            if (lock.lockedBy() == ProcessHandle.current().pid()) {
                lock.forceUnlock();
                log().warn("Released the log write lock of {} held by this process after the fault", dir);
            }
        } catch (final RuntimeException | Error e) {
            log().warn("Could not release the log write lock of {} after the fault", dir, e);
        }
    }
}
