package io.chum.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Constants and little-endian helpers of the record format (see {@code docs/storage-format.md}).
 *
 * <pre>
 *  offset size field
 *  0      1    magic 0xC5
 *  1      1    format version needed to read the record (1 or 2)
 *  2      1    record kind
 *  3      1    flags (bit 0: the payload is chunked, a PayloadRef replaces the inline bytes)
 *  4      4    body length in bytes (u32)
 *  8      8    timestamp, ms since the epoch
 *  16     8    origin (0 = local write, else the chum session's start-record index)
 *  24     4    CRC32C over the body and then header bytes 0..23
 *  28     ...  body, layout by kind
 * </pre>
 *
 * <p>All integers are little-endian. Stateless; thread-safe.
 */
final class RecordFormat {
    static final byte MAGIC = (byte) 0xC5;
    /** The first format: a BLOB record always references chunks. */
    static final byte VERSION_1 = 1;
    /**
     * Version 2 adds one layout: a BLOB record whose content is a payload like an object's, so small BLOB bytes can
     * stay in the record. Only such records are written as version 2; every other record is written as version 1,
     * which both versions read the same way.
     */
    static final byte VERSION_2 = 2;

    static final int OFF_MAGIC = 0;
    static final int OFF_VERSION = 1;
    static final int OFF_KIND = 2;
    static final int OFF_FLAGS = 3;
    static final int OFF_BODY_LENGTH = 4;
    static final int OFF_TIMESTAMP = 8;
    static final int OFF_ORIGIN = 16;
    static final int OFF_CRC = 24;
    static final int HEADER_LENGTH = 28;

    static final int FLAG_CHUNKED = 1;

    static final int KIND_OBJECT = 1;
    static final int KIND_ID_OBJECT = 2;
    static final int KIND_BLOB = 3;
    static final int KIND_HEAD = 4;
    static final int KIND_CHUM = 5;
    static final int KIND_TRUST = 6;
    /** One piece of a chunked payload; not an event. */
    static final int KIND_CHUNK = 16;
    /** Written after reopening a log whose last record was torn; names the record to ignore. Not an event. */
    static final int KIND_TORN_MARK = 17;

    /** Chunk body: stream id, sequence, previous chunk index, data length, data. */
    static final int CHUNK_OFF_STREAM_ID = HEADER_LENGTH;
    static final int CHUNK_OFF_SEQUENCE = HEADER_LENGTH + 8;
    static final int CHUNK_OFF_PREVIOUS = HEADER_LENGTH + 12;
    static final int CHUNK_OFF_DATA_LENGTH = HEADER_LENGTH + 20;
    static final int CHUNK_OFF_DATA = HEADER_LENGTH + 24;

    /** Stream id, first index, last index, chunk count, total length. */
    static final int PAYLOAD_REF_LENGTH = 40;
    /** Longest string (type name, e-mail) in UTF-8 bytes; keeps every inline record small. */
    static final int MAX_STRING_BYTES = 65_535;
    /**
     * Room for a record's fixed fields and strings on top of its inline payload or chunk data. Also bounds the
     * HEAD record, which has no payload: 28 + 96 + 20 + 32 × {@link HeadChanged#MAX_REPLACES} bytes.
     */
    static final int MAX_OVERHEAD = HEADER_LENGTH + 3 * 32 + PAYLOAD_REF_LENGTH + 64 + MAX_STRING_BYTES;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private RecordFormat() {
    }

    static void putInt(final byte[] b, final int offset, final int v) {
        INT.set(b, offset, v);
    }

    static int getInt(final byte[] b, final int offset) {
        return (int) INT.get(b, offset);
    }

    static void putLong(final byte[] b, final int offset, final long v) {
        LONG.set(b, offset, v);
    }

    static long getLong(final byte[] b, final int offset) {
        return (long) LONG.get(b, offset);
    }

    /** True for a format version this build reads. */
    static boolean isKnownVersion(final byte version) {
        return version == VERSION_1 || version == VERSION_2;
    }

    static boolean isEventKind(final int kind) {
        return kind >= KIND_OBJECT && kind <= KIND_TRUST;
    }

    static String kindName(final int kind) {
        switch (kind) {
            case KIND_OBJECT: return "OBJECT";
            case KIND_ID_OBJECT: return "ID_OBJECT";
            case KIND_BLOB: return "BLOB";
            case KIND_HEAD: return "HEAD";
            case KIND_CHUM: return "CHUM";
            case KIND_TRUST: return "TRUST";
            case KIND_CHUNK: return "CHUNK";
            case KIND_TORN_MARK: return "TORN_MARK";
            default: return "unknown kind " + kind;
        }
    }

    /** The index as cycle/sequence hex for messages, e.g. {@code 0x513100000009}. */
    static String indexName(final long index) {
        return "0x" + Long.toHexString(index);
    }
}
