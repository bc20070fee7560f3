package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The byte payload of an event (microdata, ID microdata, a chum record body): either inline bytes or a
 * reference to chunk records in the log.
 *
 * <p>Choice for chunked payloads: {@link #bytes()} loads them <em>lazily, on every call</em>, through the
 * log they were read from (it opens its own short-lived reader, so any thread may call it while the log is
 * open). Nothing is cached, so a replay that never looks at a 2 GB payload never loads it; callers that
 * need the bytes twice keep the array. {@link #open()} streams either kind without holding it in memory.
 *
 * <p>Inline arrays are not copied: the array passed to {@link #of(byte[])} and returned by {@link #bytes()}
 * belongs to the payload and must not be modified. Otherwise immutable; thread-safe.
 */
public final class Payload {
    private static final Payload EMPTY_INLINE = new Payload(new byte[0], null, null);
    /** The longest payload {@link #bytes()} loads into an array; a longer one must be streamed. */
    public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 16;

    private final byte[] inline;
    private final PayloadRef ref;
    private final PayloadSource source;

    private Payload(final byte[] inline, final PayloadRef ref, final PayloadSource source) {
        this.inline = inline;
        this.ref = ref;
        this.source = source;
    }

    /** Inline bytes (the appender chunks them if they are longer than the log's inline limit). */
    public static Payload of(final byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY_INLINE : new Payload(bytes, null, null);
    }

    /**
     * A payload already written as chunks (for example through {@link LogAppender#newPayload(long)}), so a
     * large object can be stored without ever being held in memory.
     */
    public static Payload chunked(final PayloadRef ref) {
        return new Payload(null, Objects.requireNonNull(ref, "ref"), null);
    }

    static Payload chunked(final PayloadRef ref, final PayloadSource source) {
        return new Payload(null, ref, source);
    }

    /** True if the bytes live in chunk records rather than in the event record. */
    public boolean isChunked() {
        return ref != null;
    }

    /** The chunk reference, or null for an inline payload. */
    public PayloadRef ref() {
        return ref;
    }

    /** Length in bytes. */
    public long length() {
        return inline != null ? inline.length : ref.length();
    }

    /**
     * The bytes. Inline: the array itself. Chunked: loaded from the log on every call; {@code CS-IO} if the
     * payload does not fit in an array or the payload was not read from a log, {@code CS-CLOSED} if that log
     * is closed, {@code CS-CORRUPT} if a chunk is damaged.
     */
    public byte[] bytes() {
        if (inline != null) {
            return inline;
        }
        if (ref.length() > MAX_ARRAY_LENGTH) {
            throw new ChumException(ErrorCode.IO, "payload of " + ref.length()
                + " bytes is too large for an array; stream it with open()");
        }
        final byte[] out = new byte[(int) ref.length()];
        try (InputStream in = open()) {
            int off = 0;
            while (off < out.length) {
                final int n = in.read(out, off, out.length - off);
                if (n < 0) {
                    throw new ChumException(ErrorCode.CORRUPT_RECORD, "payload ended after " + off + " of "
                        + out.length + " bytes, first chunk " + RecordFormat.indexName(ref.firstChunkIndex()));
                }
                off += n;
            }
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read payload: " + ChumException.describe(e), e);
        }
        return out;
    }

    /** A stream over the bytes; for a chunked payload it holds at most one chunk in memory. */
    public InputStream open() {
        if (inline != null) {
            return new ByteArrayInputStream(inline);
        }
        if (source == null) {
            throw new ChumException(ErrorCode.IO, "chunked payload " + ref + " was not read from a log");
        }
        return source.openPayload(ref);
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Payload)) {
            return false;
        }
        final Payload p = (Payload) o;
        return inline != null ? Arrays.equals(inline, p.inline) : ref.equals(p.ref);
    }

    @Override
    public int hashCode() {
        return inline != null ? Arrays.hashCode(inline) : ref.hashCode();
    }

    @Override
    public String toString() {
        return inline != null ? "Payload[" + inline.length + " bytes inline]" : "Payload[" + ref + "]";
    }
}
