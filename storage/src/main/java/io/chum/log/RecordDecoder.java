package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import net.openhft.chronicle.bytes.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static io.chum.log.RecordFormat.HEADER_LENGTH;

/**
 * Copies one record out of a Chronicle document into a reused buffer, validates it (length, CRC32C,
 * magic, version, kind) and decodes it. Every failure names the record's index. Not thread-safe: one per
 * reader, tailer or payload stream.
 */
final class RecordDecoder {
    /** Sanity bound on a record's length, far above any block size in use. */
    private static final int MAX_RECORD_LENGTH = 1 << 30;

    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[1024];
    private int length;
    private long index;

    /**
     * Copies the rest of the document {@code in} (positioned at the record start) and validates it.
     * CORRUPT_RECORD if damaged, STORE_FORMAT if written by another format version.
     *
     * @return the record kind
     */
    int load(final Bytes<?> in, final long recordIndex) {
        index = recordIndex;
        final long remaining = in.readRemaining();
        if (remaining < HEADER_LENGTH || remaining > MAX_RECORD_LENGTH) {
            throw corrupt("record of " + remaining + " bytes");
        }
        length = (int) remaining;
        if (buf.length < length) {
            buf = new byte[Math.max(length, Math.min(buf.length * 2, MAX_RECORD_LENGTH))];
        }
        final int read = in.read(buf, 0, length);
        if (read != length) {
            throw corrupt("only " + read + " of " + length + " bytes readable");
        }
        return validate();
    }

    private int validate() {
        final int bodyLength = RecordFormat.getInt(buf, RecordFormat.OFF_BODY_LENGTH);
        if (bodyLength != length - HEADER_LENGTH) {
            throw corrupt("body length field says " + bodyLength + " bytes, the record has "
                + (length - HEADER_LENGTH));
        }
        crc.reset();
        crc.update(buf, HEADER_LENGTH, bodyLength);
        crc.update(buf, 0, RecordFormat.OFF_CRC);
        final int expected = RecordFormat.getInt(buf, RecordFormat.OFF_CRC);
        if ((int) crc.getValue() != expected) {
            throw corrupt("CRC32C mismatch (stored " + Integer.toHexString(expected) + ", computed "
                + Integer.toHexString((int) crc.getValue()) + ")");
        }
        if (buf[RecordFormat.OFF_MAGIC] != RecordFormat.MAGIC) {
            throw corrupt("bad magic byte " + (buf[RecordFormat.OFF_MAGIC] & 0xFF));
        }
        if (!RecordFormat.isKnownVersion(buf[RecordFormat.OFF_VERSION])) {
            throw new ChumException(ErrorCode.STORE_FORMAT, "log record " + RecordFormat.indexName(index)
                + " has format version " + (buf[RecordFormat.OFF_VERSION] & 0xFF) + "; this build reads versions "
                + RecordFormat.VERSION_1 + " and " + RecordFormat.VERSION_2);
        }
        final int kind = kind();
        if (!RecordFormat.isEventKind(kind) && kind != RecordFormat.KIND_CHUNK
            && kind != RecordFormat.KIND_TORN_MARK) {
            throw corrupt("unknown record kind " + kind);
        }
        return kind;
    }

    /**
     * True if the document at the read position of {@code in} looks like a chunk record (magic, version,
     * kind and length agree) without copying or CRC-checking it; used to skip chunks cheaply while tailing.
     * Chunk contents are verified when the payload is read.
     */
    static boolean looksLikeChunk(final Bytes<?> in) {
        final long start = in.readPosition();
        final long remaining = in.readRemaining();
        if (remaining < RecordFormat.CHUNK_OFF_DATA) {
            return false;
        }
        return in.readByte(start + RecordFormat.OFF_MAGIC) == RecordFormat.MAGIC
            && RecordFormat.isKnownVersion(in.readByte(start + RecordFormat.OFF_VERSION))
            && in.readByte(start + RecordFormat.OFF_KIND) == RecordFormat.KIND_CHUNK
            && readIntLe(in, start + RecordFormat.OFF_BODY_LENGTH) == remaining - HEADER_LENGTH;
    }

    /** Reads a little-endian int at an absolute offset without relying on the platform byte order. */
    static int readIntLe(final Bytes<?> in, final long offset) {
        return (in.readByte(offset) & 0xFF) | (in.readByte(offset + 1) & 0xFF) << 8
            | (in.readByte(offset + 2) & 0xFF) << 16 | (in.readByte(offset + 3) & 0xFF) << 24;
    }

    /** Reads a little-endian long at an absolute offset. */
    static long readLongLe(final Bytes<?> in, final long offset) {
        return (readIntLe(in, offset) & 0xFFFF_FFFFL) | (long) readIntLe(in, offset + 4) << 32;
    }

    int kind() {
        return buf[RecordFormat.OFF_KIND] & 0xFF;
    }

    long timestamp() {
        return RecordFormat.getLong(buf, RecordFormat.OFF_TIMESTAMP);
    }

    long index() {
        return index;
    }

    // ---- chunk records ----

    long chunkStreamId() {
        return RecordFormat.getLong(buf, RecordFormat.CHUNK_OFF_STREAM_ID);
    }

    int chunkSequence() {
        return RecordFormat.getInt(buf, RecordFormat.CHUNK_OFF_SEQUENCE);
    }

    long chunkPrevious() {
        return RecordFormat.getLong(buf, RecordFormat.CHUNK_OFF_PREVIOUS);
    }

    int chunkDataLength() {
        final int n = RecordFormat.getInt(buf, RecordFormat.CHUNK_OFF_DATA_LENGTH);
        if (n < 1 || RecordFormat.CHUNK_OFF_DATA + n != length) {
            throw corrupt("chunk data length " + n + " does not match the record length " + length);
        }
        return n;
    }

    /** The buffer holding the loaded record; chunk data starts at {@link RecordFormat#CHUNK_OFF_DATA}. */
    byte[] buffer() {
        return buf;
    }

    // ---- torn marks ----

    long tornIndex() {
        return RecordFormat.getLong(buf, HEADER_LENGTH);
    }

    // ---- events ----

    /** Decodes the loaded event record; chunked payloads load lazily through {@code source}. */
    LogEvent decodeEvent(final PayloadSource source) {
        final int kind = kind();
        final int flags = buf[RecordFormat.OFF_FLAGS] & 0xFF;
        final long timestamp = timestamp();
        final long origin = RecordFormat.getLong(buf, RecordFormat.OFF_ORIGIN);
        final Cursor c = new Cursor();
        try {
            final LogEvent event;
            switch (kind) {
                case RecordFormat.KIND_OBJECT:
                    event = new ObjectWritten(index, timestamp, origin, Hash.ofBytes(buf, c.take(32)), c.string(),
                        c.payload(flags, source));
                    break;
                case RecordFormat.KIND_ID_OBJECT:
                    event = new IdObjectWritten(index, timestamp, origin, IdHash.ofBytes(buf, c.take(32)),
                        c.string(), c.payload(flags, source));
                    break;
                case RecordFormat.KIND_BLOB: {
                    final Hash hash = Hash.ofBytes(buf, c.take(32));
                    final boolean clob = c.bool();
                    final long size = RecordFormat.getLong(buf, c.take(8));
                    // version 1 had no flag here: its content is always a PayloadRef
                    final Payload content = buf[RecordFormat.OFF_VERSION] == RecordFormat.VERSION_1
                        ? Payload.chunked(c.ref(), source) : c.payload(flags, source);
                    event = new BlobWritten(index, timestamp, origin, hash, clob, size, content);
                    break;
                }
                case RecordFormat.KIND_HEAD: {
                    final IdHash id = IdHash.ofBytes(buf, c.take(32));
                    final Hash node = Hash.ofBytes(buf, c.take(32));
                    final Hash data = Hash.ofBytes(buf, c.take(32));
                    final long depth = RecordFormat.getLong(buf, c.take(8));
                    final long creationTime = RecordFormat.getLong(buf, c.take(8));
                    final int count = RecordFormat.getInt(buf, c.take(4));
                    if (count < 0 || count > HeadChanged.MAX_REPLACES) {
                        throw new IllegalArgumentException("head event replaces " + count + " heads");
                    }
                    final List<Hash> replaces = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        replaces.add(Hash.ofBytes(buf, c.take(32)));
                    }
                    event = new HeadChanged(index, timestamp, origin, id, node, data, depth, creationTime, replaces);
                    break;
                }
                case RecordFormat.KIND_CHUM: {
                    final int recordType = RecordFormat.getInt(buf, c.take(4));
                    event = new ChumRecord(index, timestamp, origin, recordType, c.payload(flags, source));
                    break;
                }
                case RecordFormat.KIND_TRUST: {
                    final String email = c.string();
                    final IdHash person = IdHash.ofBytes(buf, c.take(32));
                    final int keyAt = c.take(TrustChanged.KEY_LENGTH);
                    final byte[] key = Arrays.copyOfRange(buf, keyAt, keyAt + TrustChanged.KEY_LENGTH);
                    event = new TrustChanged(index, timestamp, origin, email, person, key, c.bool());
                    break;
                }
                default:
                    throw corrupt("record kind " + RecordFormat.kindName(kind) + " is not an event");
            }
            if (c.pos != length) {
                throw corrupt((length - c.pos) + " unexpected bytes after the " + RecordFormat.kindName(kind)
                    + " body");
            }
            return event;
        } catch (final IndexOutOfBoundsException | IllegalArgumentException e) {
            throw corrupt("malformed " + RecordFormat.kindName(kind) + " body: " + e.getMessage());
        }
    }

    ChumException corrupt(final String why) {
        return new ChumException(ErrorCode.CORRUPT_RECORD, "log record " + RecordFormat.indexName(index)
            + " is corrupt: " + why);
    }

    /** Walks the body of the loaded record with bounds checks. */
    private final class Cursor {
        private int pos = HEADER_LENGTH;

        int take(final int n) {
            if (n < 0 || pos + n > length) {
                throw new IndexOutOfBoundsException("field of " + n + " bytes at offset " + pos
                    + " runs past the record end " + length);
            }
            final int at = pos;
            pos += n;
            return at;
        }

        boolean bool() {
            final byte b = buf[take(1)];
            if (b != 0 && b != 1) {
                throw new IllegalArgumentException("boolean byte " + b);
            }
            return b == 1;
        }

        String string() {
            final int n = RecordFormat.getInt(buf, take(4));
            if (n > RecordFormat.MAX_STRING_BYTES) {
                throw new IllegalArgumentException("string of " + n + " bytes");
            }
            final int at = take(n);
            return new String(buf, at, n, StandardCharsets.UTF_8);
        }

        PayloadRef ref() {
            final int at = take(RecordFormat.PAYLOAD_REF_LENGTH);
            return new PayloadRef(RecordFormat.getLong(buf, at), RecordFormat.getLong(buf, at + 8),
                RecordFormat.getLong(buf, at + 16), RecordFormat.getLong(buf, at + 24),
                RecordFormat.getLong(buf, at + 32));
        }

        Payload payload(final int flags, final PayloadSource source) {
            if ((flags & RecordFormat.FLAG_CHUNKED) != 0) {
                return Payload.chunked(ref(), source);
            }
            final int n = RecordFormat.getInt(buf, take(4));
            final int at = take(n);
            return Payload.of(Arrays.copyOfRange(buf, at, at + n));
        }
    }
}
