package io.chum.model;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An output stream that computes the SHA-256 {@link Hash} of everything written through it and optionally
 * passes the bytes on: the hash of a BLOB (raw bytes) or of a CLOB (its UTF-8 bytes, see {@link Utf8}).
 *
 * <p>{@link #hash()} is available after {@link #close()}. Not thread-safe: one writer at a time.
 */
public final class HashingOutputStream extends OutputStream {
    private final OutputStream target;
    private final MessageDigest digest = Sha256.newDigest();
    private long byteCount;
    private Hash hash;

    /** Hashes only; the bytes go nowhere. */
    public HashingOutputStream() {
        this.target = null;
    }

    /** Hashes and writes every byte to {@code target}; closing this stream closes {@code target}. */
    public HashingOutputStream(final OutputStream target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void write(final int b) throws IOException {
        ensureOpen();
        digest.update((byte) b);
        byteCount++;
        if (target != null) {
            target.write(b);
        }
    }

    @Override
    public void write(final byte[] b, final int off, final int len) throws IOException {
        ensureOpen();
        Objects.checkFromIndexSize(off, len, b.length);
        digest.update(b, off, len);
        byteCount += len;
        if (target != null) {
            target.write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        if (target != null) {
            target.flush();
        }
    }

    /** Finishes the hash and closes the target. Idempotent. */
    @Override
    public void close() throws IOException {
        if (hash != null) {
            return;
        }
        hash = Hash.ofBytes(digest.digest());
        if (target != null) {
            target.close();
        }
    }

    /** The SHA-256 of all bytes written; only after {@link #close()}. */
    public Hash hash() {
        if (hash == null) {
            throw new IllegalStateException("the hash is known only after close()");
        }
        return hash;
    }

    /** How many bytes were written so far. */
    public long byteCount() {
        return byteCount;
    }

    private void ensureOpen() throws IOException {
        if (hash != null) {
            throw new IOException("stream closed");
        }
    }
}
