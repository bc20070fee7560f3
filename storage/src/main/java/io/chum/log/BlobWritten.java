package io.chum.log;

import io.chum.model.Hash;

import java.util.Objects;

/**
 * Commit record of a BLOB or CLOB. Small bytes are kept in the record itself (an inline {@link Payload}); larger
 * ones were appended before as chunk records, which the record references. The BLOB exists only once this record
 * is in the log; chunks without a commit record are never referenced. Immutable; thread-safe.
 *
 * @param index     log index, -1 before append
 * @param timestamp ms since the epoch, 0 before append
 * @param origin    0 for a local write, else the bringing chum session's id
 * @param hash      SHA-256 of the bytes
 * @param clob      true for a CLOB (UTF-8 text), false for a BLOB
 * @param size      length in bytes; equals {@code content.length()}
 * @param content   the bytes: inline, or chunks in the log
 */
public record BlobWritten(long index, long timestamp, long origin, Hash hash, boolean clob, long size,
                          Payload content) implements LogEvent {

    public BlobWritten {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(content, "content");
        if (size != content.length()) {
            throw new IllegalArgumentException("size " + size + " differs from the content length "
                + content.length() + " of BLOB " + hash);
        }
    }

    /** An event to append, written locally (origin 0). */
    public BlobWritten(final Hash hash, final boolean clob, final long size, final Payload content) {
        this(-1, 0, 0, hash, clob, size, content);
    }

    /** An event to append for bytes already written as chunks, written locally (origin 0). */
    public BlobWritten(final Hash hash, final boolean clob, final long size, final PayloadRef chunks) {
        this(hash, clob, size, Payload.chunked(chunks));
    }

    /** The same event with another origin. */
    public BlobWritten withOrigin(final long newOrigin) {
        return new BlobWritten(index, timestamp, newOrigin, hash, clob, size, content);
    }
}
