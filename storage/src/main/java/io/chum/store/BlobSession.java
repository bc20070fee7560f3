package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.Payload;
import io.chum.log.PayloadRef;
import io.chum.log.PayloadWriter;

/**
 * The writer-thread side of one BLOB upload: the payload writer that appends its chunks, or the bytes of a small
 * upload that stays inline in its commit record. Created by a {@link BlobWriter}, then used only by the writer
 * thread through tasks, except {@link #abort()} which the uploading thread may call at any time (a volatile flag)
 * so queued chunks are dropped, and {@link #keepInline}, which the uploading thread calls before it hands the
 * commit to the writer thread (the task queue publishes it).
 */
final class BlobSession {
    private final boolean clob;
    private final long origin;
    private volatile boolean aborted;
    /** Set once by the uploading thread before the commit task is queued; then read by the writer thread. */
    private byte[] inline;
    /** Writer thread only, below. */
    private PayloadWriter payload;
    private RuntimeException failure;

    BlobSession(final boolean clob, final long origin) {
        this.clob = clob;
        this.origin = origin;
    }

    boolean clob() {
        return clob;
    }

    long origin() {
        return origin;
    }

    void abort() {
        aborted = true;
    }

    /** Appends {@code bytes[0, length)} as chunk data; an earlier failure or an abort makes it a no-op. */
    void write(final StoreWriter writer, final byte[] bytes, final int length) {
        if (aborted || failure != null) {
            return;
        }
        try {
            if (payload == null) {
                payload = writer.newPayload();
            }
            payload.write(bytes, 0, length);
        } catch (final RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** Keeps all of the upload's bytes for its commit record; only when no chunk was written. */
    void keepInline(final byte[] bytes) {
        inline = bytes;
    }

    /**
     * The upload's bytes for its commit record: inline ones, or the reference to every chunk written. Fails if the
     * upload was aborted or a chunk could not be written.
     */
    Payload finish() {
        if (aborted) {
            throw new ChumException(ErrorCode.CLOSED, "the BLOB upload was aborted");
        }
        if (failure != null) {
            throw new ChumException(failure instanceof ChumException c ? c.errorCode() : ErrorCode.IO,
                "a chunk of the BLOB upload could not be written: " + failure.getMessage(), failure);
        }
        if (inline != null) {
            return Payload.of(inline);
        }
        return Payload.chunked(payload == null ? PayloadRef.EMPTY : payload.finish());
    }
}
