package io.chum.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * DATA_PACK (exporter to importer): the next {@code entryCount} wanted entries of a batch, each whole and in offer
 * order, in one frame. Many small objects thus share a frame instead of costing one DATA frame each (and the
 * entries' kind, hash and size, which the offer already told, are not repeated).
 *
 * <p>Payload: {@code u64 batchId}, {@code u32 entryCount} (1..4096), then per entry {@code u32 length} and that
 * many bytes. A view, not a copy: {@code buffer[offset, offset + length)} holds the entries part (lengths and
 * bytes), which whoever creates the record hands over and must not change while it is in use; a decoded pack
 * views the frame's payload, whose entry lengths the decoder has checked. Equality compares the bytes.
 * Thread-safe as long as the viewed bytes do not change.
 *
 * @param batchId    the batch the entries were offered in
 * @param entryCount how many entries the pack holds, ≥ 1
 * @param buffer     the array holding the entries part
 * @param offset     where the entries part starts in {@code buffer}
 * @param length     the length of the entries part
 */
public record DataPack(long batchId, int entryCount, byte[] buffer, int offset, int length) implements Message {
    /** Payload bytes before the entries: batchId and entry count. */
    public static final int HEADER_BYTES = 8 + 4;
    /** Bytes before each entry's content: its length. */
    public static final int ENTRY_HEADER_BYTES = 4;

    /** Receives one entry of a pack: its index in the pack and where its bytes are. */
    @FunctionalInterface
    public interface EntryVisitor {
        /** Called for entry {@code index}; its bytes are {@code buffer[offset, offset + length)}. */
        void visit(int index, byte[] buffer, int offset, int length);
    }

    /** Checks the entries part is well-formed: exactly {@code entryCount} length-prefixed entries. */
    public DataPack {
        Require.batchId(batchId);
        if (entryCount < 1) {
            throw new IllegalArgumentException("a DATA_PACK holds at least one entry: " + entryCount);
        }
        Objects.requireNonNull(buffer, "buffer");
        Objects.checkFromIndexSize(offset, length, buffer.length);
        final int end = walk(buffer, offset, length, entryCount);
        if (end != offset + length) {
            throw new IllegalArgumentException("the entries part is not " + entryCount + " length-prefixed entries");
        }
    }

    /** Calls {@code visitor} for every entry, in order. */
    public void forEachEntry(final EntryVisitor visitor) {
        int p = offset;
        for (int i = 0; i < entryCount; i++) {
            final int n = PayloadReader.getInt(buffer, p);
            visitor.visit(i, buffer, p + ENTRY_HEADER_BYTES, n);
            p += ENTRY_HEADER_BYTES + n;
        }
    }

    /** The payload length of a pack whose entries have {@code contentBytes} bytes in total. */
    public static long payloadLength(final int entryCount, final long contentBytes) {
        return HEADER_BYTES + (long) ENTRY_HEADER_BYTES * entryCount + contentBytes;
    }

    /**
     * Where the entries part of {@code count} entries starting at {@code from} ends, or -1 if the bytes up to
     * {@code from + length} do not hold them (a length running past the end).
     */
    static int walk(final byte[] b, final int from, final int length, final int count) {
        final int end = from + length;
        int p = from;
        for (int i = 0; i < count; i++) {
            if (end - p < ENTRY_HEADER_BYTES) {
                return -1;
            }
            final long n = PayloadReader.getInt(b, p) & 0xFFFFFFFFL;
            if (n > end - p - ENTRY_HEADER_BYTES) {
                return -1;
            }
            p += ENTRY_HEADER_BYTES + (int) n;
        }
        return p;
    }

    @Override
    public byte frameType() {
        return MessageType.DATA_PACK;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataPack d && d.batchId == batchId && d.entryCount == entryCount
            && Arrays.equals(buffer, offset, offset + length, d.buffer, d.offset, d.offset + d.length);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(batchId) * 31 + entryCount;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + buffer[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "DataPack[batchId=" + batchId + ", entries=" + entryCount + ", bytes=" + length + ']';
    }
}
