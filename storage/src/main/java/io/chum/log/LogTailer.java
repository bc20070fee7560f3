package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.ClosedIllegalStateException;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads events in log order from a start position, including events other processes append while it
 * runs. One per thread: NOT thread-safe. Close it when done.
 *
 * <p>Chunk records and torn marks are skipped. A record that fails validation is handled as follows: if
 * it is the last record of the log it is a torn append, and the tailer stops before it ({@link #next()}
 * returns null and {@link #position()} stays on it); if the next record is a torn mark naming it, both are
 * skipped; otherwise {@code CORRUPT_RECORD} is thrown, naming the index, and the tailer stays on it.
 */
public final class LogTailer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogTailer.class);

    private final EventLog log;
    private final ExcerptTailer tailer;
    private final RecordDecoder decoder = new RecordDecoder();
    private long warnedTornIndex = -1;

    LogTailer(final EventLog log, final ExcerptTailer tailer) {
        this.log = log;
        this.tailer = tailer;
    }

    /** The next event, or null if the tailer has caught up with the log. */
    public LogEvent next() {
        log.checkOpen();
        try {
            while (true) {
                long badIndex = -1;
                ChumException bad = null;
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    final long index = dc.index();
                    final Bytes<?> in = dc.wire().bytes();
                    if (RecordDecoder.looksLikeChunk(in)) {
                        continue;
                    }
                    try {
                        final int kind = decoder.load(in, index);
                        if (kind == RecordFormat.KIND_TORN_MARK || kind == RecordFormat.KIND_CHUNK) {
                            continue;
                        }
                        return decoder.decodeEvent(log);
                    } catch (final ChumException e) {
                        if (e.errorCode() != ErrorCode.CORRUPT_RECORD) {
                            dc.rollbackOnClose();
                            throw e;
                        }
                        badIndex = index;
                        bad = e;
                    }
                }
                if (!skipTornRecord(badIndex, bad)) {
                    return null;
                }
            }
        } catch (final ClosedIllegalStateException e) {
            throw new ChumException(ErrorCode.CLOSED, "the log in " + log.directory() + " is closed", e);
        }
    }

    /**
     * Moves past the record at {@code index}, which must be the next one, without reading it: for the log's writer,
     * which has just appended it and applies the event it wrote ({@link LogAppender#lastEvent()}).
     *
     * @throws ChumException INTERNAL if the next record is not at {@code index}, CLOSED if the log is closed
     */
    public void skip(final long index) {
        log.checkOpen();
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent() || dc.index() != index) {
                dc.rollbackOnClose();
                throw new ChumException(ErrorCode.INTERNAL, "the tailer is not at log record "
                    + RecordFormat.indexName(index) + " but at " + RecordFormat.indexName(tailer.index()));
            }
        } catch (final ClosedIllegalStateException e) {
            throw new ChumException(ErrorCode.CLOSED, "the log in " + log.directory() + " is closed", e);
        }
    }

    /**
     * Decides about the damaged record at {@code badIndex}, which the tailer has just passed. Returns true if
     * it was skipped (a torn mark follows), false if the tailer stopped before it (it is the last record);
     * throws {@code bad} otherwise. In the last two cases the tailer is moved back onto it.
     */
    private boolean skipTornRecord(final long badIndex, final ChumException bad) {
        final boolean last;
        boolean marked = false;
        try (DocumentContext dc = tailer.readingDocument()) {
            last = !dc.isPresent();
            if (!last) {
                try {
                    final int kind = decoder.load(dc.wire().bytes(), dc.index());
                    marked = kind == RecordFormat.KIND_TORN_MARK && decoder.tornIndex() == badIndex;
                } catch (final ChumException e) {
                    bad.addSuppressed(e);
                }
            }
        }
        if (marked) {
            return true;
        }
        moveBack(badIndex);
        if (last) {
            if (warnedTornIndex != badIndex) {
                warnedTornIndex = badIndex;
                LOG.warn("The last log record {} in {} is torn; reading stops before it ({})",
                    RecordFormat.indexName(badIndex), log.directory(), bad.reason());
            }
            return false;
        }
        throw bad;
    }

    private void moveBack(final long index) {
        if (!tailer.moveToIndex(index)) {
            throw new ChumException(ErrorCode.INTERNAL, "cannot move the tailer back to log record "
                + RecordFormat.indexName(index));
        }
    }

    /**
     * The index of the next record this tailer will read; a valid start for {@link EventLog#tailer(long)}.
     * Indexes are not contiguous across roll cycles.
     */
    public long position() {
        log.checkOpen();
        return tailer.index();
    }

    @Override
    public void close() {
        tailer.close();
    }
}
