package io.chum.protocol;

import java.util.Arrays;

/**
 * WANT (importer to exporter): which entries of an offered batch the importer lacks. Bit {@code i} of the
 * bitmap (byte {@code i / 8}, bit {@code i % 8}, least significant first) is set if it wants entry {@code i}.
 * For a PROBE offer a clear bit means "I have it and its whole closure". Immutable (the bitmap is copied in and
 * out); thread-safe.
 *
 * @param batchId    the batch answered
 * @param entryCount the number of entries of that offer
 * @param bitmap     {@code ceil(entryCount / 8)} bytes, bits beyond {@code entryCount} clear
 */
public record Want(long batchId, int entryCount, byte[] bitmap) implements Message {
    /** Checks the bitmap matches the count; keeps a copy. */
    public Want {
        Require.batchId(batchId);
        Require.nonNegative(entryCount, "entryCount");
        bitmap = bitmap.clone();
        if (bitmap.length != bitmapLength(entryCount)) {
            throw new IllegalArgumentException("a bitmap for " + entryCount + " entries has "
                + bitmapLength(entryCount) + " bytes, not " + bitmap.length);
        }
        if (unusedBits(entryCount, bitmap) != 0) {
            throw new IllegalArgumentException("bits beyond entry " + (entryCount - 1) + " must be clear");
        }
    }

    /** A WANT with bit {@code i} set where {@code wanted[i]} is true. */
    public static Want of(final long batchId, final boolean[] wanted) {
        final byte[] bitmap = new byte[bitmapLength(wanted.length)];
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i]) {
                bitmap[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        return new Want(batchId, wanted.length, bitmap);
    }

    /** A WANT of every entry: what a PUSH offer implies without one being sent. */
    public static Want all(final long batchId, final int entryCount) {
        final boolean[] wanted = new boolean[entryCount];
        Arrays.fill(wanted, true);
        return of(batchId, wanted);
    }

    /** True if the importer wants entry {@code index}. */
    public boolean wants(final int index) {
        if (index < 0 || index >= entryCount) {
            throw new IndexOutOfBoundsException("entry " + index + " of " + entryCount);
        }
        return (bitmap[index >>> 3] & (1 << (index & 7))) != 0;
    }

    /** How many entries the importer wants. */
    public int wantedCount() {
        int n = 0;
        for (final byte b : bitmap) {
            n += Integer.bitCount(b & 0xFF);
        }
        return n;
    }

    /** A copy of the bitmap. */
    @Override
    public byte[] bitmap() {
        return bitmap.clone();
    }

    /** Writes the bitmap into {@code dst} at {@code offset}; returns the offset after it. */
    int writeBitmap(final byte[] dst, final int offset) {
        System.arraycopy(bitmap, 0, dst, offset, bitmap.length);
        return offset + bitmap.length;
    }

    @Override
    public byte frameType() {
        return MessageType.WANT;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Want && ((Want) o).batchId == batchId && ((Want) o).entryCount == entryCount
            && Arrays.equals(((Want) o).bitmap, bitmap);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(batchId) + entryCount) + Arrays.hashCode(bitmap);
    }

    @Override
    public String toString() {
        return "Want[batchId=" + batchId + ", entryCount=" + entryCount + ", wanted=" + wantedCount() + ']';
    }

    /** The bitmap length for {@code entryCount} entries. */
    public static int bitmapLength(final int entryCount) {
        return (entryCount + 7) >>> 3;
    }

    /** The bits of the last byte beyond {@code entryCount}; 0 when well-formed. */
    static int unusedBits(final int entryCount, final byte[] bitmap) {
        final int used = entryCount & 7;
        if (used == 0 || bitmap.length == 0) {
            return 0;
        }
        return (bitmap[bitmap.length - 1] & 0xFF) >>> used;
    }
}
