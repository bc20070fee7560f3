package io.chum.protocol;

import java.util.Objects;

/**
 * Writes the payload of a {@link DataPack} straight into an array of exactly its length, so the sender copies each
 * entry once (from the store into the frame) and hands the array to the transport. The caller plans the pack first:
 * it knows how many entries go in and their total size. Not thread-safe: one per pack.
 */
public final class DataPackWriter {
    private final byte[] payload;
    private final int entryCount;
    private int added;
    private int pos;

    /**
     * A writer for a pack of {@code entryCount} entries of {@code contentBytes} bytes in total.
     *
     * @throws IllegalArgumentException if the payload would exceed {@code maxPayloadBytes}
     */
    public DataPackWriter(final long batchId, final int entryCount, final long contentBytes,
                          final int maxPayloadBytes) {
        Require.batchId(batchId);
        if (entryCount < 1) {
            throw new IllegalArgumentException("a DATA_PACK holds at least one entry: " + entryCount);
        }
        final long length = DataPack.payloadLength(entryCount, contentBytes);
        if (length > maxPayloadBytes) {
            throw new IllegalArgumentException("a DATA_PACK of " + length + " bytes exceeds " + maxPayloadBytes);
        }
        this.payload = new byte[(int) length];
        this.entryCount = entryCount;
        final PayloadWriter w = new PayloadWriter(payload, 0).i64(batchId).u32(entryCount);
        this.pos = w.position();
    }

    /** Adds the next entry from {@code src[offset, offset + length)}. */
    public void add(final byte[] src, final int offset, final int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        pos = new PayloadWriter(payload, claim(length)).bytes(src, offset, length).position();
    }

    /** Writes an entry's bytes straight into the pack's payload. */
    @FunctionalInterface
    public interface EntryFiller {
        /** Fills exactly {@code dst[offset, offset + length)}. */
        void fill(byte[] dst, int offset, int length);
    }

    /** Adds the next entry of {@code length} bytes, which {@code filler} writes in place (no intermediate copy). */
    public void add(final int length, final EntryFiller filler) {
        final int at = claim(length);
        filler.fill(payload, at, length);
        pos = at + length;
    }

    /** The finished payload; every announced entry must have been added. The writer must not be used after. */
    public byte[] finish() {
        if (added != entryCount || pos != payload.length) {
            throw new IllegalStateException("the DATA_PACK holds " + added + " of " + entryCount + " entries, "
                + pos + " of " + payload.length + " bytes");
        }
        return payload;
    }

    private int claim(final int length) {
        if (added == entryCount || payload.length - pos - DataPack.ENTRY_HEADER_BYTES < length) {
            throw new IllegalStateException("entry " + added + " of " + length + " bytes does not fit the pack");
        }
        added++;
        return new PayloadWriter(payload, pos).u32(length).position();
    }
}
