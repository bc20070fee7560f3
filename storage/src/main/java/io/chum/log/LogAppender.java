package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import net.openhft.chronicle.core.io.ClosedIllegalStateException;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.WriteAfterEOFException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Appends events and payload chunks to the log. There is exactly one per {@link EventLog}, owned by the
 * store's single writer thread: NOT thread-safe, and must be used by one thread only.
 *
 * <p>Each append writes one Chronicle document under the queue's cross-process write lock; the timestamp
 * is taken inside the lock from the shared log clock, so timestamps never decrease along the log even with
 * several processes appending. Before writing, the free disk space is checked against the reserve; a
 * refused append writes nothing and throws {@code DISK_FULL}. If the mapped write itself faults (SIGBUS,
 * seen as {@code InternalError}), the appender is marked failed and every later append throws
 * {@code DISK_FULL} at once: the log must be closed and reopened (or the process restarted) after space
 * is freed. The log stays readable throughout. Closed with its {@link EventLog}.
 */
public final class LogAppender {
    private static final Logger LOG = LoggerFactory.getLogger(LogAppender.class);
    /**
     * Largest BLOB or CLOB kept inline in its record (and within {@link LogConfig#inlineLimit()}): one log record
     * instead of two, which halves the writer's and the readers' per-record work for small BLOBs. Larger ones go to
     * chunk records, so tailing the log (replay, exporters) skips their bytes instead of copying and checking them.
     */
    public static final int BLOB_INLINE_LIMIT = 16 << 10;
    /** Chronicle's per-document header. */
    private static final int DOCUMENT_OVERHEAD = 4;
    /** How much of the disk reserve a chum record may use (section 10 of docs/storage-format.md). */
    static final long CHUM_RECORD_SLACK = 1 << 20;

    private final EventLog log;
    private final ExcerptAppender chronicle;
    private final RecordEncoder encoder = new RecordEncoder();
    private final DiskSpaceGuard diskGuard;
    private final LongSupplier clock;
    private final Durability durability;
    private final int inlineLimit;
    private final int chunkSize;
    private final SplittableRandom streamIds;
    private final RollCycle rollCycle;
    /** Records a cycle file takes: Chronicle's limit, or what the index arrays can cover if that is lower. */
    private final long cycleCapacity;
    private LogReader chainReader;
    private long lastIndex = -1;
    private long lastTimestamp;
    /** The last event given to {@link #append}, where it went, and the chunks its payload was written to (or null). */
    private LogEvent lastEvent;
    private long lastEventIndex = -1;
    private long lastEventTimestamp;
    private PayloadRef lastEventChunks;
    private int lastCycle = Integer.MIN_VALUE;
    private boolean appendedSinceCommit;
    private boolean tornMarkPending;
    private long lastChunkStream;
    private long lastChunkIndex = -1;
    private int lastChunkSequence;
    private String failure;
    private boolean closed;

    LogAppender(final EventLog log, final ExcerptAppender chronicle, final LogConfig config) {
        this.log = log;
        this.chronicle = chronicle;
        this.clock = config.clock();
        this.durability = config.durability();
        this.inlineLimit = config.inlineLimit();
        this.chunkSize = config.chunkSize();
        this.diskGuard = new DiskSpaceGuard(log.directory(), config.diskReserve(), config.diskCheckInterval());
        this.streamIds = new SplittableRandom(System.nanoTime() ^ ProcessHandle.current().pid() << 32);
        this.tornMarkPending = log.tornIndexAtOpen() >= 0;
        this.rollCycle = log.rollCycle();
        this.cycleCapacity = Math.min(rollCycle.maxMessagesPerCycle(),
            (long) config.indexCount() * config.indexCount() * config.indexSpacing());
    }

    /**
     * Appends one event and returns its log index. Payloads longer than the inline limit are first written
     * as chunk records. The event's own index and timestamp are ignored; its origin is kept.
     *
     * @throws ChumException DISK_FULL (nothing appended), IO, CLOSED
     */
    public long append(final LogEvent event) {
        Objects.requireNonNull(event, "event");
        ensureWritable();
        PayloadRef chunks = null;
        if (event instanceof ObjectWritten) {
            final ObjectWritten o = (ObjectWritten) event;
            final PayloadRef ref = chunkIfLarger(o.payload(), inlineLimit);
            chunks = ref;
            encoder.begin(RecordFormat.KIND_OBJECT, ref != null ? RecordFormat.FLAG_CHUNKED : 0, o.origin());
            encoder.putHash(o.hash());
            encoder.putString(o.type());
            putPayload(o.payload(), ref);
        } else if (event instanceof IdObjectWritten) {
            final IdObjectWritten o = (IdObjectWritten) event;
            final PayloadRef ref = chunkIfLarger(o.payload(), inlineLimit);
            chunks = ref;
            encoder.begin(RecordFormat.KIND_ID_OBJECT, ref != null ? RecordFormat.FLAG_CHUNKED : 0, o.origin());
            encoder.putHash(o.idHash());
            encoder.putString(o.type());
            putPayload(o.payload(), ref);
        } else if (event instanceof BlobWritten) {
            final BlobWritten b = (BlobWritten) event;
            final PayloadRef ref = chunkIfLarger(b.content(), Math.min(inlineLimit, BLOB_INLINE_LIMIT));
            chunks = ref;
            // only inline BLOB bytes need format version 2; a chunked BLOB keeps the version 1 layout
            encoder.begin(ref != null ? RecordFormat.VERSION_1 : RecordFormat.VERSION_2, RecordFormat.KIND_BLOB,
                ref != null ? RecordFormat.FLAG_CHUNKED : 0, b.origin());
            encoder.putHash(b.hash());
            encoder.putByte(b.clob() ? 1 : 0);
            encoder.putLong(b.size());
            putPayload(b.content(), ref);
        } else if (event instanceof HeadChanged) {
            final HeadChanged h = (HeadChanged) event;
            encoder.begin(RecordFormat.KIND_HEAD, 0, h.origin());
            encoder.putHash(h.id());
            encoder.putHash(h.node());
            encoder.putHash(h.data());
            encoder.putLong(h.depth());
            encoder.putLong(h.creationTime());
            encoder.putInt(h.replaces().size());
            for (final Hash replaced : h.replaces()) {
                encoder.putHash(replaced);
            }
        } else if (event instanceof ChumRecord) {
            final ChumRecord c = (ChumRecord) event;
            final PayloadRef ref = chunkIfLarger(c.payload(), inlineLimit);
            chunks = ref;
            encoder.begin(RecordFormat.KIND_CHUM, ref != null ? RecordFormat.FLAG_CHUNKED : 0, c.origin());
            encoder.putInt(c.recordType());
            putPayload(c.payload(), ref);
        } else {
            final TrustChanged t = (TrustChanged) event;
            encoder.begin(RecordFormat.KIND_TRUST, 0, t.origin());
            encoder.putString(t.email());
            encoder.putHash(t.person());
            t.writeKeyTo(encoder.buffer(), encoder.skip(TrustChanged.KEY_LENGTH));
            encoder.putByte(t.revoked() ? 1 : 0);
        }
        final long index = writeRecord();
        lastEvent = event;
        lastEventIndex = index;
        lastEventTimestamp = lastTimestamp;
        lastEventChunks = chunks;
        return index;
    }

    /**
     * The event of the last {@link #append} as a reader decodes it at its index: with that index and its timestamp,
     * and a payload the append wrote as chunks loading lazily from the log. Lets the log's single writer apply what
     * it appended without reading it back.
     *
     * @throws IllegalStateException if nothing was appended yet
     */
    public LogEvent lastEvent() {
        final LogEvent e = lastEvent;
        if (e == null) {
            throw new IllegalStateException("no event was appended yet");
        }
        final long i = lastEventIndex;
        final long t = lastEventTimestamp;
        if (e instanceof ObjectWritten o) {
            return new ObjectWritten(i, t, o.origin(), o.hash(), o.type(), asWritten(o.payload()));
        } else if (e instanceof IdObjectWritten o) {
            return new IdObjectWritten(i, t, o.origin(), o.idHash(), o.type(), asWritten(o.payload()));
        } else if (e instanceof BlobWritten b) {
            return new BlobWritten(i, t, b.origin(), b.hash(), b.clob(), b.size(), asWritten(b.content()));
        } else if (e instanceof HeadChanged h) {
            return new HeadChanged(i, t, h.origin(), h.id(), h.node(), h.data(), h.depth(), h.creationTime(),
                h.replaces());
        } else if (e instanceof ChumRecord c) {
            return new ChumRecord(i, t, c.origin(), c.recordType(), asWritten(c.payload()));
        }
        final TrustChanged tr = (TrustChanged) e;
        return new TrustChanged(i, t, tr.origin(), tr.email(), tr.person(), tr.publicSignKey(), tr.revoked());
    }

    private Payload asWritten(final Payload given) {
        return lastEventChunks != null ? Payload.chunked(lastEventChunks, log) : given;
    }

    /** A new random stream id for {@link #appendChunk}. */
    public long newStreamId() {
        long id;
        do {
            id = streamIds.nextLong();
        } while (id == 0);
        return id;
    }

    /**
     * Appends one chunk of stream {@code streamId}, linked to the chunk at {@code previousChunkIndex} (-1 for
     * the first chunk), and returns its index. {@code len} must be 1..chunk size. The chunk's sequence number
     * follows the previous chunk's; if that chunk is not the one this appender wrote last, it is read back
     * from the log to check that it belongs to the stream.
     *
     * @throws ChumException DISK_FULL (nothing appended), IO, CLOSED
     */
    public long appendChunk(final long streamId, final long previousChunkIndex, final byte[] b, final int off,
                            final int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < 1 || len > chunkSize) {
            throw new IllegalArgumentException("chunk length " + len + " outside 1.." + chunkSize);
        }
        ensureWritable();
        return writeChunk(streamId, sequenceAfter(streamId, previousChunkIndex), previousChunkIndex, b, off, len);
    }

    /**
     * Starts writing a payload of unknown or known length as chunks, for a BLOB or a large object; append
     * the event that references {@link PayloadWriter#finish()} afterwards. Several writers may be open at a
     * time (their chunks interleave); each holds one chunk-sized buffer.
     *
     * @param expectedLength the payload length if known (checked against the free disk space up front), else -1
     * @throws ChumException DISK_FULL if the expected length does not fit
     */
    public PayloadWriter newPayload(final long expectedLength) {
        ensureWritable();
        if (expectedLength > 0) {
            diskGuard.check(expectedLength);
        }
        return new PayloadWriter(this, newStreamId(), chunkSize);
    }

    /**
     * Ends a batch: with {@link Durability#GROUP_COMMIT} forces everything appended since the last commit to
     * disk (one fsync round for the whole batch); with {@link Durability#PAGE_CACHE} does nothing.
     */
    public void commitBatch() {
        if (durability == Durability.GROUP_COMMIT && appendedSinceCommit) {
            log.force();
        }
        appendedSinceCommit = false;
    }

    /** Index of the last record this appender wrote, -1 if none. */
    public long lastIndex() {
        return lastIndex;
    }

    /** Timestamp of the last record this appender wrote, 0 if none. */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** True after a mapped write faulted; every append then fails with DISK_FULL. */
    public boolean isFailed() {
        return failure != null;
    }

    // ---- internals shared with PayloadWriter ----

    /** Writes a chunk record; callers have called {@link #ensureWritable()}. */
    long writeChunk(final long streamId, final int sequence, final long previousChunkIndex, final byte[] b,
                    final int off, final int len) {
        encoder.begin(RecordFormat.KIND_CHUNK, 0, 0);
        encoder.putLong(streamId);
        encoder.putInt(sequence);
        encoder.putLong(previousChunkIndex);
        encoder.putTail(b, off, len);
        final long index = writeRecord();
        lastChunkStream = streamId;
        lastChunkIndex = index;
        lastChunkSequence = sequence;
        return index;
    }

    /**
     * Throws if appending is impossible; before the first record of this process, marks a torn last record
     * found on open. Called before anything is encoded.
     */
    void ensureWritable() {
        if (closed) {
            throw new ChumException(ErrorCode.CLOSED, "the appender of the log in " + log.directory() + " is closed");
        }
        log.checkOpen();
        if (failure != null) {
            throw new ChumException(ErrorCode.DISK_FULL, "the log appender in " + log.directory()
                + " failed earlier (" + failure + "); free disk space, then close and reopen the log"
                + " (or restart the process)");
        }
        if (tornMarkPending) {
            writeTornMark();
            tornMarkPending = false;
        }
    }

    private int sequenceAfter(final long streamId, final long previousChunkIndex) {
        if (previousChunkIndex < 0) {
            return 0;
        }
        if (previousChunkIndex == lastChunkIndex && streamId == lastChunkStream) {
            return lastChunkSequence + 1;
        }
        if (chainReader == null) {
            chainReader = log.reader();
        }
        final RecordDecoder previous = chainReader.load(previousChunkIndex);
        if (previous.kind() != RecordFormat.KIND_CHUNK || previous.chunkStreamId() != streamId) {
            throw new IllegalArgumentException("record " + RecordFormat.indexName(previousChunkIndex)
                + " is not a chunk of stream " + Long.toHexString(streamId));
        }
        return previous.chunkSequence() + 1;
    }

    /** Writes inline bytes above {@code limit} as chunks and returns their reference; null if they stay inline. */
    private PayloadRef chunkIfLarger(final Payload payload, final int limit) {
        if (payload.isChunked()) {
            return payload.ref();
        }
        final byte[] bytes = payload.bytes();
        if (bytes.length <= limit) {
            return null;
        }
        diskGuard.check(bytes.length);
        final long stream = newStreamId();
        long first = -1;
        long previous = -1;
        int sequence = 0;
        for (int off = 0; off < bytes.length; off += chunkSize) {
            previous = writeChunk(stream, sequence++, previous, bytes, off, Math.min(chunkSize, bytes.length - off));
            if (first < 0) {
                first = previous;
            }
        }
        return new PayloadRef(stream, first, previous, sequence, bytes.length);
    }

    private void putPayload(final Payload payload, final PayloadRef chunkedRef) {
        if (chunkedRef != null) {
            encoder.putPayloadRef(chunkedRef);
        } else {
            final byte[] bytes = payload.bytes();
            encoder.putTail(bytes, 0, bytes.length);
        }
    }

    /** Writes the record in the encoder as one document and returns its index. */
    private long writeRecord() {
        encoder.finishBody();
        // A chum's own records are small, and one that hit the full disk must still be able to log how it ended (its
        // END after its Chum object): they may use the first MiB of the reserve.
        diskGuard.reserve(encoder.recordLength() + DOCUMENT_OVERHEAD,
            encoder.kind() == RecordFormat.KIND_CHUM ? CHUM_RECORD_SLACK : 0);
        try {
            try {
                writeDocument();
            } catch (final WriteAfterEOFException e) {
                // The cycle file that max(now, log clock) names was closed by a roll whose writer died before its
                // first record raised the log clock: append in the newest cycle file instead (nothing was written).
                log.advanceClockToNewestCycle();
                writeDocument();
            }
        } catch (final InternalError e) {
            failure = "a write to the memory-mapped log file faulted: " + e.getMessage();
            LOG.error("Appending to the log in {} faulted; the disk is probably full. Appends are refused until"
                + " the log is reopened.", log.directory(), e);
            log.releaseWriteLockAfterFault();
            throw new ChumException(ErrorCode.DISK_FULL, "appending to the log in " + log.directory()
                + " faulted (disk full?); free disk space, then close and reopen the log (or restart the process)",
                e);
        } catch (final ClosedIllegalStateException e) {
            throw new ChumException(ErrorCode.CLOSED, "the log in " + log.directory() + " is closed", e);
        } catch (final ChumException e) {
            throw e;
        } catch (final RuntimeException e) {
            throw new ChumException(ErrorCode.IO, "cannot append to the log in " + log.directory() + ": " + e, e);
        }
        lastIndex = chronicle.lastIndexAppended();
        appendedSinceCommit = true;
        final int cycle = chronicle.cycle();
        if (cycle != lastCycle) {
            lastCycle = cycle;
            log.noteCycleWritten(cycle, chronicle.currentFile());
        }
        log.noteAppended();
        return lastIndex;
    }

    private void writeDocument() {
        try (DocumentContext dc = chronicle.writingDocument()) {
            boolean written = false;
            try {
                // Chronicle commits a record before it indexes it: past a full index the record would stay in
                // the log although the append failed. Refused here, a failed append has written nothing.
                if (rollCycle.toSequenceNumber(dc.index()) >= cycleCapacity) {
                    throw new ChumException(ErrorCode.IO, "the current cycle file of the log in "
                        + log.directory() + " holds its maximum of " + cycleCapacity
                        + " records; appends go on in the next roll cycle");
                }
                // At least the start of the cycle Chronicle chose: it read the clock before this does, and a clock
                // stepped back in between would leave the log clock in an earlier cycle, into which another process
                // would then append behind this record, where readers already past it never look.
                final long cycleStart = log.cycleStart(rollCycle.toCycle(dc.index()));
                final long timestamp = log.header().nextTimestamp(Math.max(clock.getAsLong(), cycleStart));
                encoder.writeTo(dc.wire().bytes(), timestamp);
                lastTimestamp = timestamp;
                written = true;
            } finally {
                if (!written) {
                    dc.rollbackOnClose();
                }
            }
        }
    }

    private void writeTornMark() {
        final long torn = log.tornIndexAtOpen();
        encoder.begin(RecordFormat.KIND_TORN_MARK, 0, 0);
        encoder.putLong(torn);
        LOG.warn("Log record {} in {} is torn (crash during append); appending a mark so readers skip it",
            RecordFormat.indexName(torn), log.directory());
        writeRecord();
    }

    void close() {
        if (!closed) {
            closed = true;
            if (chainReader != null) {
                chainReader.close();
            }
            chronicle.close();
        }
    }
}
