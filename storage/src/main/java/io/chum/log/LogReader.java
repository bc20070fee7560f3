package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import net.openhft.chronicle.core.io.ClosedIllegalStateException;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.InputStream;

/**
 * Random access to events by log index. One per thread: NOT thread-safe (it owns a Chronicle tailer that
 * must stay on the thread that first used it). Close it when done.
 */
public final class LogReader implements AutoCloseable {
    private final EventLog log;
    private final ExcerptTailer tailer;
    private final RecordDecoder decoder = new RecordDecoder();

    LogReader(final EventLog log, final ExcerptTailer tailer) {
        this.log = log;
        this.tailer = tailer;
    }

    /**
     * The event at {@code index}. NOT_FOUND if there is no record there or it is a chunk, CORRUPT_RECORD if
     * it is damaged (naming the index), CLOSED if the log is closed.
     */
    public LogEvent read(final long index) {
        final RecordDecoder d = load(index);
        if (!RecordFormat.isEventKind(d.kind())) {
            throw new ChumException(ErrorCode.NOT_FOUND, "log record " + RecordFormat.indexName(index) + " is a "
                + RecordFormat.kindName(d.kind()) + " record, not an event");
        }
        return d.decodeEvent(log);
    }

    /** Streams a chunked payload, holding one chunk in memory; the stream may be used on another thread. */
    public InputStream openPayload(final PayloadRef ref) {
        return log.openPayload(ref);
    }

    /**
     * Reads a whole payload into {@code dst} at {@code offset}: inline bytes are copied, a chunked payload is read as
     * {@link #readPayload(PayloadRef, byte[], int)} does.
     *
     * @throws IllegalArgumentException if the payload does not fit
     * @throws ChumException CORRUPT_RECORD if the chunks are damaged, CLOSED if the log is closed
     */
    public void readPayload(final Payload payload, final byte[] dst, final int offset) {
        if (payload.isChunked()) {
            readPayload(payload.ref(), dst, offset);
            return;
        }
        final byte[] bytes = payload.bytes();
        if (bytes.length > dst.length - offset) {
            throw new IllegalArgumentException("a payload of " + bytes.length + " bytes does not fit "
                + (dst.length - offset) + " bytes");
        }
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
    }

    /**
     * Reads a whole payload into {@code dst} at {@code offset} through this reader's own tailer, checking every chunk
     * as {@link #openPayload} does. Creates no Chronicle tailer, so it is the cheap way to read many small payloads.
     *
     * @throws IllegalArgumentException if the payload does not fit
     * @throws ChumException CORRUPT_RECORD if the chunks are damaged, CLOSED if the log is closed
     */
    public void readPayload(final PayloadRef ref, final byte[] dst, final int offset) {
        if (ref.length() > dst.length - offset) {
            throw new IllegalArgumentException("a payload of " + ref.length() + " bytes does not fit "
                + (dst.length - offset) + " bytes");
        }
        log.checkOpen();
        try (ChunkInputStream in = new ChunkInputStream(tailer, ref, false)) {
            int done = 0;
            while (done < ref.length()) {
                final int n = in.read(dst, offset + done, (int) ref.length() - done);
                if (n < 0) {
                    throw new ChumException(ErrorCode.CORRUPT_RECORD, "payload " + ref + " ended after " + done
                        + " bytes");
                }
                done += n;
            }
            if (in.read() >= 0) {
                throw new ChumException(ErrorCode.CORRUPT_RECORD, "payload " + ref + " is longer than it says");
            }
        } catch (final ClosedIllegalStateException e) {
            throw new ChumException(ErrorCode.CLOSED, "the log in " + log.directory() + " is closed", e);
        }
    }

    /** Loads and validates the record at {@code index} into this reader's decoder. */
    RecordDecoder load(final long index) {
        log.checkOpen();
        try {
            if (index < 0 || !tailer.moveToIndex(index)) {
                throw notFound(index);
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent() || dc.index() != index) {
                    throw notFound(index);
                }
                decoder.load(dc.wire().bytes(), index);
                return decoder;
            }
        } catch (final ClosedIllegalStateException e) {
            throw new ChumException(ErrorCode.CLOSED, "the log in " + log.directory() + " is closed", e);
        }
    }

    private ChumException notFound(final long index) {
        return new ChumException(ErrorCode.NOT_FOUND, "no log record at index " + RecordFormat.indexName(index)
            + " in " + log.directory());
    }

    @Override
    public void close() {
        tailer.close();
    }
}
