package io.chum.store;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Where the microdata of a streamed object goes while it is rendered, once: held in memory up to the log's inline
 * limit, then, from the first byte beyond it, into a BLOB upload (chunk records). A small object is then stored as
 * any other object is, and a large one is never held whole.
 *
 * <p>NOT thread-safe: used by the rendering thread only.
 */
final class InlineOrUpload extends OutputStream {
    private static final int INITIAL_CAPACITY = 8 << 10;

    private final int limit;
    private final Supplier<BlobWriter> uploads;
    private byte[] held;
    private int heldLength;
    private BlobWriter upload;

    /** Holds up to {@code limit} bytes; more go to an upload from {@code uploads}, opened then. */
    InlineOrUpload(final int limit, final Supplier<BlobWriter> uploads) {
        this.limit = limit;
        this.uploads = uploads;
        this.held = new byte[Math.min(limit, INITIAL_CAPACITY)];
    }

    @Override
    public void write(final int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(final byte[] b, final int off, final int len) {
        if (upload != null) {
            upload.write(b, off, len);
        } else if (len <= limit - heldLength) {
            if (heldLength + len > held.length) {
                held = Arrays.copyOf(held, (int) Math.min(limit, Math.max(heldLength + len, 2L * held.length)));
            }
            System.arraycopy(b, off, held, heldLength, len);
            heldLength += len;
        } else {
            upload = uploads.get();
            upload.write(held, 0, heldLength);
            held = null;
            upload.write(b, off, len);
        }
    }

    /** The bytes written, if they all fit within the limit (no upload was opened). */
    byte[] held() {
        if (upload != null) {
            throw new IllegalStateException("the bytes went to an upload");
        }
        return Arrays.copyOf(held, heldLength);
    }

    /** The upload the bytes went to, or null while they all fit within the limit (and are held here). */
    BlobWriter upload() {
        return upload;
    }

    /** Aborts the upload, if one was opened: its chunks stay in the log unreferenced. */
    void abort() {
        if (upload != null) {
            upload.abort();
        }
    }
}
