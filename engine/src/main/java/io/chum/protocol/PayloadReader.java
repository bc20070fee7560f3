package io.chum.protocol;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;

/**
 * A bounds-checked big-endian cursor over one payload. Every read checks the remaining bytes first, so a
 * malformed payload ends in a {@code CS-PROTOCOL} exception naming the message and the field, never in an
 * index exception. One per decode; not thread-safe.
 */
final class PayloadReader {
    private final String message;
    private final byte[] buf;
    private final int end;
    private int pos;

    PayloadReader(final String message, final byte[] buf, final int offset, final int length) {
        this.message = message;
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    byte[] buffer() {
        return buf;
    }

    void skip(final int n, final String field) {
        need(n, field);
        pos += n;
    }

    int u8(final String field) {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    int u16(final String field) {
        need(2, field);
        final int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(final String field) {
        need(4, field);
        final long v = getInt(buf, pos) & 0xFFFF_FFFFL;
        pos += 4;
        return v;
    }

    /** A u32 count or size that must not exceed {@code max}. */
    int count(final String field, final int max) {
        final long v = u32(field);
        if (v > max) {
            throw fail(field, Long.toString(v) + " exceeds the limit of " + max);
        }
        return (int) v;
    }

    long i64(final String field) {
        need(8, field);
        final long v = getLong(buf, pos);
        pos += 8;
        return v;
    }

    /** An i64 that must not be negative (timestamps, cursors). */
    long nonNegativeI64(final String field) {
        final long v = i64(field);
        if (v < 0) {
            throw fail(field, Long.toString(v) + " is negative");
        }
        return v;
    }

    /** A u64; values of 2^63 and above are not used by the protocol. */
    long u64(final String field) {
        final long v = i64(field);
        if (v < 0) {
            throw fail(field, Long.toUnsignedString(v) + " exceeds 2^63-1");
        }
        return v;
    }

    long batchId(final String field) {
        final long v = u64(field);
        if (v == 0) {
            throw fail(field, "0 is not a batch id (they start at 1)");
        }
        return v;
    }

    boolean bool(final String field) {
        final int v = u8(field);
        if (v > 1) {
            throw fail(field, v + " is not a boolean (0 or 1)");
        }
        return v == 1;
    }

    EntryKind kind(final String field) {
        final int code = u8(field);
        final EntryKind kind = EntryKind.ofCodeOrNull(code);
        if (kind == null) {
            throw fail(field, code + " is not an entry kind (1..4)");
        }
        return kind;
    }

    Sha256Value hash(final EntryKind kind, final String field) {
        need(Sha256Value.BYTES, field);
        final Sha256Value h = kind.hashOf(buf, pos);
        pos += Sha256Value.BYTES;
        return h;
    }

    IdHash idHash(final String field) {
        need(Sha256Value.BYTES, field);
        final IdHash h = IdHash.ofBytes(buf, pos);
        pos += Sha256Value.BYTES;
        return h;
    }

    /** A u16-length-prefixed, strictly UTF-8 string of at most {@code maxBytes} bytes. */
    String string(final String field, final int maxBytes) {
        final int length = u16(field);
        if (length > maxBytes) {
            throw fail(field, "has " + length + " bytes, more than the limit of " + maxBytes);
        }
        need(length, field);
        final String s = Utf8.decodeOrNull(buf, pos, length);
        if (s == null) {
            throw fail(field, "is not well-formed UTF-8");
        }
        pos += length;
        return s;
    }

    /** The payload must end here. */
    void expectEnd() {
        if (pos != end) {
            throw fail("payload", "has " + (end - pos) + " trailing bytes");
        }
    }

    ChumException fail(final String field, final String problem) {
        return new ChumException(ErrorCode.PROTOCOL, "malformed " + message + " frame: " + field + ' ' + problem);
    }

    private void need(final int n, final String field) {
        if (end - pos < n) {
            throw fail(field, "is truncated: needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    static int getInt(final byte[] b, final int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static long getLong(final byte[] b, final int i) {
        return ((long) getInt(b, i) << 32) | (getInt(b, i + 4) & 0xFFFF_FFFFL);
    }
}
