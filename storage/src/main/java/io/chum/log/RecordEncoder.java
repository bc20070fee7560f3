package io.chum.log;

import io.chum.model.Sha256Value;
import net.openhft.chronicle.bytes.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import static io.chum.log.RecordFormat.HEADER_LENGTH;
import static io.chum.log.RecordFormat.OFF_BODY_LENGTH;
import static io.chum.log.RecordFormat.OFF_CRC;
import static io.chum.log.RecordFormat.OFF_TIMESTAMP;

/**
 * Builds one record at a time in a reused buffer and writes it into a Chronicle document.
 *
 * <p>The header and the fixed fields of the body go into the buffer; a trailing payload (microdata, chunk
 * data) is not copied but written straight from the caller's array. The CRC32C is computed from the same
 * arrays that are written, in two steps: the body before Chronicle's write lock is taken
 * ({@link #finishBody()}), the header bytes 0..23 once the timestamp is known, inside the lock
 * ({@link #writeTo(Bytes, long)}). Not thread-safe: one per appender.
 */
final class RecordEncoder {
    private static final int MAX_CACHED_STRINGS = 256;
    private static final int MAX_CACHED_STRING_BYTES = 128;

    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[512];
    private int pos;
    private byte[] tail;
    private int tailOffset;
    private int tailLength;
    /** UTF-8 of recently written strings: type names repeat, so most appends encode nothing. */
    private final Map<String, byte[]> utf8Cache = new HashMap<>();

    /** Starts a format version 1 record; the timestamp is filled in by {@link #writeTo(Bytes, long)}. */
    void begin(final int kind, final int flags, final long origin) {
        begin(RecordFormat.VERSION_1, kind, flags, origin);
    }

    /** Starts a record of format {@code version} (the lowest that can read it). */
    void begin(final byte version, final int kind, final int flags, final long origin) {
        buf[RecordFormat.OFF_MAGIC] = RecordFormat.MAGIC;
        buf[RecordFormat.OFF_VERSION] = version;
        buf[RecordFormat.OFF_KIND] = (byte) kind;
        buf[RecordFormat.OFF_FLAGS] = (byte) flags;
        RecordFormat.putLong(buf, RecordFormat.OFF_ORIGIN, origin);
        pos = HEADER_LENGTH;
        tail = null;
        tailOffset = 0;
        tailLength = 0;
    }

    /** The kind of the record begun last. */
    int kind() {
        return buf[RecordFormat.OFF_KIND];
    }

    void putByte(final int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void putInt(final int v) {
        ensure(4);
        RecordFormat.putInt(buf, pos, v);
        pos += 4;
    }

    void putLong(final long v) {
        ensure(8);
        RecordFormat.putLong(buf, pos, v);
        pos += 8;
    }

    void putHash(final Sha256Value h) {
        ensure(Sha256Value.BYTES);
        h.writeTo(buf, pos);
        pos += Sha256Value.BYTES;
    }

    /** Reserves {@code n} bytes and returns their offset in {@link #buffer()}. */
    int skip(final int n) {
        ensure(n);
        final int at = pos;
        pos += n;
        return at;
    }

    byte[] buffer() {
        return buf;
    }

    /** Length-prefixed UTF-8. */
    void putString(final String s) {
        byte[] b = utf8Cache.get(s);
        if (b == null) {
            b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > RecordFormat.MAX_STRING_BYTES) {
                throw new IllegalArgumentException("string of " + b.length + " UTF-8 bytes is longer than "
                    + RecordFormat.MAX_STRING_BYTES + ": " + s.substring(0, 40) + "…");
            }
            if (b.length <= MAX_CACHED_STRING_BYTES) {
                if (utf8Cache.size() >= MAX_CACHED_STRINGS) {
                    utf8Cache.clear();
                }
                utf8Cache.put(s, b);
            }
        }
        putInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void putPayloadRef(final PayloadRef ref) {
        putLong(ref.streamId());
        putLong(ref.firstChunkIndex());
        putLong(ref.lastChunkIndex());
        putLong(ref.chunkCount());
        putLong(ref.length());
    }

    /** Length-prefixed bytes written from the caller's array; must be the last field of the body. */
    void putTail(final byte[] b, final int off, final int len) {
        putInt(len);
        tail = b;
        tailOffset = off;
        tailLength = len;
    }

    /** Bytes the record occupies in the document. */
    int recordLength() {
        return pos + tailLength;
    }

    /** Completes the body: sets its length and feeds it to the CRC. */
    void finishBody() {
        RecordFormat.putInt(buf, OFF_BODY_LENGTH, recordLength() - HEADER_LENGTH);
        crc.reset();
        crc.update(buf, HEADER_LENGTH, pos - HEADER_LENGTH);
        if (tailLength > 0) {
            crc.update(tail, tailOffset, tailLength);
        }
    }

    /** Stamps the timestamp, completes the CRC and writes the record; once per {@link #finishBody()}. */
    void writeTo(final Bytes<?> out, final long timestamp) {
        RecordFormat.putLong(buf, OFF_TIMESTAMP, timestamp);
        crc.update(buf, 0, OFF_CRC);
        RecordFormat.putInt(buf, OFF_CRC, (int) crc.getValue());
        out.write(buf, 0, pos);
        if (tailLength > 0) {
            out.write(tail, tailOffset, tailLength);
        }
    }

    private void ensure(final int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
