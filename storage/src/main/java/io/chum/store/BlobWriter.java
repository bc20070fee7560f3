package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.LogAppender;
import io.chum.model.Hash;
import io.chum.model.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Streams a BLOB or CLOB into the store: bytes written here are hashed on the calling thread and handed to the
 * writer thread one chunk at a time, which appends them as chunk records. {@link #commit} then appends the
 * commit record, and only from then on is the BLOB visible. Closing without a commit aborts: nothing becomes
 * visible (chunks already appended stay in the log, unreferenced). An upload of at most {@link #INLINE_LIMIT}
 * bytes that never filled a chunk is not chunked at all: its bytes go into the commit record.
 *
 * <p>Bounded heap: at most {@link StoreConfig#blobBuffers()} chunk buffers are in flight between this writer and
 * the writer thread; {@link #write} blocks while all are queued. A CLOB's bytes are checked to be UTF-8 while
 * they stream ({@code CS-BAD-CLOB} at commit). For the importer, {@link #commit(Hash)} checks the hash the BLOB
 * was offered under ({@code CS-HASH-MISMATCH}, nothing visible).
 *
 * <p>NOT thread-safe: one thread at a time writes, seals and commits (a hand-over between threads must be a safe
 * publication, e.g. through a blocking queue).
 */
public final class BlobWriter extends OutputStream {
    /** An upload this small that never filled a chunk keeps its bytes for the commit record (the log's BLOB limit). */
    static final int INLINE_LIMIT = LogAppender.BLOB_INLINE_LIMIT;
    private static final long POLL_MILLIS = 100;

    private final StoreWriter writer;
    private final BlobSession session;
    private final int chunkSize;
    private final int maxBuffers;
    private final BlockingQueue<byte[]> free;
    private final MessageDigest digest = Sha256.newDigest();
    private final Utf8Validator utf8;
    /** Set by the writer thread when a chunk could not be appended; read by the uploading thread. */
    private volatile ChumException failure;
    private byte[] current;
    private int fill;
    private long size;
    private int buffersCreated;
    private boolean sentChunk;
    private boolean finished;
    private Hash sealed;

    BlobWriter(final StoreWriter writer, final boolean clob, final long origin, final int chunkSize,
               final int maxBuffers) {
        this.writer = writer;
        this.session = new BlobSession(clob, origin);
        this.chunkSize = chunkSize;
        this.maxBuffers = maxBuffers;
        this.free = new ArrayBlockingQueue<>(maxBuffers);
        this.utf8 = clob ? new Utf8Validator() : null;
    }

    @Override
    public void write(final int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(final byte[] b, final int off, final int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureWritable();
        int o = off;
        int remaining = len;
        while (remaining > 0) {
            if (current == null) {
                current = takeBuffer();
            }
            final int n = Math.min(remaining, chunkSize - fill);
            System.arraycopy(b, o, current, fill, n);
            accepted(n);
            o += n;
            remaining -= n;
        }
    }

    /** Copies {@code in} to its end into this writer, reading straight into the chunk buffers. */
    public void transferFrom(final InputStream in) {
        ensureWritable();
        try {
            while (true) {
                if (current == null) {
                    current = takeBuffer();
                }
                final int n = in.read(current, fill, chunkSize - fill);
                if (n < 0) {
                    return;
                }
                accepted(n);
            }
        } catch (final IOException e) {
            abort();
            throw new ChumException(ErrorCode.IO, "cannot read the BLOB source: " + ChumException.describe(e), e);
        }
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /**
     * Appends the commit record and returns the stored BLOB; {@link StoreStatus#EXISTS} if those bytes were stored
     * already.
     *
     * @param expected the hash the bytes must have (importer), or null to accept whatever they hash to
     * @throws ChumException HASH_MISMATCH or BAD_CLOB (aborted, nothing visible), DISK_FULL or IO from the log
     */
    public BlobResult commit(final Hash expected) {
        final Hash actual = seal();
        checkExpected(expected);
        finished = true;
        final long length = size;
        return writer.call(w -> w.commitBlob(session, actual, length), true);
    }

    /**
     * Ends the bytes without making them visible: hands the last chunk to the writer thread and returns the SHA-256
     * of everything written. After it, nothing more can be written; the upload is then committed by
     * {@link #commit}, or by {@link OneStore#importBatch} through {@link VerifiedEntry#blob(BlobWriter, Hash)}
     * (with the rest of a batch, one force for all), or aborted. Idempotent.
     *
     * @throws ChumException BAD_CLOB for a CLOB whose bytes are not UTF-8 (aborted), or the failure of a chunk
     */
    public Hash seal() {
        if (sealed != null) {
            return sealed;
        }
        ensureWritable();
        if (!sentChunk && fill <= INLINE_LIMIT) {
            session.keepInline(current == null ? new byte[0] : Arrays.copyOf(current, fill));
            current = null;
            fill = 0;
        } else if (fill > 0) {
            send();
        }
        final Hash actual = Hash.ofBytes(digest.digest());
        if (utf8 != null && !utf8.isComplete()) {
            abort();
            throw new ChumException(ErrorCode.BAD_CLOB, "CLOB " + actual + " is not valid UTF-8 at byte "
                + utf8.problemOffset());
        }
        sealed = actual;
        return actual;
    }

    /** True for a CLOB upload. */
    public boolean isClob() {
        return session.clob();
    }

    /** Throws HASH_MISMATCH (and aborts) unless the sealed bytes hash to {@code expected} (null: anything). */
    void checkExpected(final Hash expected) {
        if (finished) {
            throw new IllegalStateException("the BLOB upload is committed or aborted");
        }
        if (expected != null && !expected.equals(sealed)) {
            abort();
            throw new ChumException(ErrorCode.HASH_MISMATCH, (session.clob() ? "CLOB" : "BLOB") + " offered as "
                + expected + " hashes to " + sealed + " (" + size + " bytes)");
        }
    }

    /** The writer-thread side, for {@link Writes#importBatch}. */
    BlobSession session() {
        return session;
    }

    /** Marks the upload as handed to an import: closing it no longer aborts it. */
    void handedToImport() {
        finished = true;
    }

    /** Drops the upload: nothing becomes visible. Idempotent. */
    public void abort() {
        finished = true;
        session.abort();
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        if (!finished) {
            abort();
        }
    }

    private void accepted(final int n) {
        digest.update(current, fill, n);
        if (utf8 != null) {
            utf8.update(current, fill, n);
        }
        fill += n;
        size += n;
        if (fill == chunkSize) {
            send();
        }
    }

    /** Hands the current buffer to the writer thread, which returns it to {@link #free} once appended. */
    private void send() {
        final byte[] buf = current;
        final int n = fill;
        current = null;
        fill = 0;
        sentChunk = true;
        writer.submit(w -> {
            try {
                return w.writeChunk(session, buf, n);
            } finally {
                free.add(buf);
            }
        }, false).whenComplete((ignored, error) -> {
            if (error != null && failure == null) {
                failure = ChumException.wrap(error, ErrorCode.IO);
            }
        });
    }

    private byte[] takeBuffer() {
        final byte[] buf = free.poll();
        if (buf != null) {
            return buf;
        }
        if (buffersCreated < maxBuffers) {
            buffersCreated++;
            return new byte[chunkSize];
        }
        try {
            while (true) {
                final byte[] b = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
                if (writer.isStopped()) {
                    abort();
                    throw new ChumException(ErrorCode.CLOSED, "the store closed during a BLOB upload");
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new ChumException(ErrorCode.IO, "interrupted during a BLOB upload", e);
        }
    }

    private void ensureWritable() {
        if (finished || sealed != null) {
            throw new IllegalStateException("the BLOB upload is sealed, committed or aborted");
        }
        final ChumException f = failure;
        if (f != null) {
            abort();
            throw new ChumException(f.errorCode(), "the BLOB upload failed: " + f.reason(), f);
        }
    }
}
