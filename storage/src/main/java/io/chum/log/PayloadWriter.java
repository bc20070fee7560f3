package io.chum.log;

import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes a payload of any length as chunk records, one chunk at a time: bytes are collected in a
 * chunk-sized buffer and appended whenever it fills; {@link #finish()} appends the last, shorter chunk and
 * returns the {@link PayloadRef} to put into the commit event ({@link BlobWritten}, or an
 * {@link ObjectWritten} with {@link Payload#chunked(PayloadRef)}). The payload is never held whole in
 * memory.
 *
 * <p>Created by {@link LogAppender#newPayload(long)}; NOT thread-safe: used by the appender's thread.
 * {@link #flush()} does nothing (every chunk but the last is full). {@link #close()} finishes the payload
 * if {@link #finish()} was not called.
 */
public final class PayloadWriter extends OutputStream {
    private final LogAppender appender;
    private final long streamId;
    private final int chunkSize;
    private byte[] buffer;
    private int fill;
    private long firstIndex = -1;
    private long lastIndex = -1;
    private int count;
    private long length;
    private PayloadRef result;

    PayloadWriter(final LogAppender appender, final long streamId, final int chunkSize) {
        this.appender = appender;
        this.streamId = streamId;
        this.chunkSize = chunkSize;
    }

    @Override
    public void write(final int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(final byte[] b, final int off, final int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (result != null) {
            throw new IllegalStateException("payload stream " + Long.toHexString(streamId) + " is finished");
        }
        int o = off;
        int remaining = len;
        while (remaining > 0) {
            if (fill == 0 && remaining >= chunkSize) {
                appendChunk(b, o, chunkSize);
                o += chunkSize;
                remaining -= chunkSize;
            } else {
                if (buffer == null) {
                    buffer = new byte[chunkSize];
                }
                final int n = Math.min(remaining, chunkSize - fill);
                System.arraycopy(b, o, buffer, fill, n);
                fill += n;
                o += n;
                remaining -= n;
                if (fill == chunkSize) {
                    appendChunk(buffer, 0, fill);
                    fill = 0;
                }
            }
        }
    }

    /** Appends the buffered rest as the last chunk and returns the reference to all chunks. Idempotent. */
    public PayloadRef finish() {
        if (result == null) {
            if (fill > 0) {
                appendChunk(buffer, 0, fill);
                fill = 0;
            }
            result = count == 0 ? PayloadRef.EMPTY : new PayloadRef(streamId, firstIndex, lastIndex, count, length);
            buffer = null;
        }
        return result;
    }

    /**
     * Writes {@code b[off, off + len)} as the whole payload and finishes it, appending every chunk straight from
     * {@code b} (no chunk buffer: cheap for many small payloads). Only on a fresh writer.
     */
    public PayloadRef writeAll(final byte[] b, final int off, final int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (result != null || fill > 0 || count > 0) {
            throw new IllegalStateException("writeAll needs a fresh payload stream " + Long.toHexString(streamId));
        }
        int o = off;
        int remaining = len;
        while (remaining > 0) {
            final int n = Math.min(remaining, chunkSize);
            appendChunk(b, o, n);
            o += n;
            remaining -= n;
        }
        return finish();
    }

    /** Bytes written so far. */
    public long length() {
        return length + fill;
    }

    @Override
    public void flush() {
        // Chunks are appended when full; a partial chunk is only written by finish().
    }

    @Override
    public void close() {
        finish();
    }

    private void appendChunk(final byte[] b, final int off, final int len) {
        appender.ensureWritable();
        lastIndex = appender.writeChunk(streamId, count, lastIndex, b, off, len);
        if (firstIndex < 0) {
            firstIndex = lastIndex;
        }
        count++;
        length += len;
    }
}
