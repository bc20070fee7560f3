package io.chum.model;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An input stream that computes the SHA-256 {@link Hash} of everything read through it: to check a BLOB
 * (raw bytes) or CLOB (UTF-8 bytes) against the hash it was offered under while it is being read.
 *
 * <p>{@link #hash()} is available once end of stream was reached; skipped bytes are read and hashed too.
 * Mark/reset is not supported. Not thread-safe: one reader at a time.
 */
public final class HashingInputStream extends InputStream {
    private static final int SKIP_BUFFER = 8192;

    private final InputStream source;
    private final MessageDigest digest = Sha256.newDigest();
    private long byteCount;
    private Hash hash;

    public HashingInputStream(final InputStream source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public int read() throws IOException {
        if (hash != null) {
            return -1;
        }
        final int b = source.read();
        if (b < 0) {
            finish();
        } else {
            digest.update((byte) b);
            byteCount++;
        }
        return b;
    }

    @Override
    public int read(final byte[] b, final int off, final int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (hash != null) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        final int n = source.read(b, off, len);
        if (n < 0) {
            finish();
        } else {
            digest.update(b, off, n);
            byteCount += n;
        }
        return n;
    }

    /** Reads (and hashes) up to {@code n} bytes instead of skipping them in the source. */
    @Override
    public long skip(final long n) throws IOException {
        final byte[] scratch = new byte[(int) Math.min(SKIP_BUFFER, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            final int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return hash != null ? 0 : source.available();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** True once end of stream was reached and {@link #hash()} is known. */
    public boolean isComplete() {
        return hash != null;
    }

    /** The SHA-256 of all bytes of the stream; only after end of stream was reached. */
    public Hash hash() {
        if (hash == null) {
            throw new IllegalStateException("the hash is known only after the end of the stream was read");
        }
        return hash;
    }

    /** How many bytes were read so far. */
    public long byteCount() {
        return byteCount;
    }

    private void finish() {
        hash = Hash.ofBytes(digest.digest());
    }
}
