package io.chum.protocol;

import io.chum.model.Sha256Value;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * DATA (exporter to importer): the bytes of one wanted entry from {@code offset} on. An entry larger than one
 * frame is sent as consecutive DATA messages with increasing offsets.
 *
 * <p>A view, not a copy: it refers to {@code length} bytes of {@code buffer} from {@code bufferOffset}, which
 * whoever creates it hands over and must not change while the message is in use (a decoded DATA views the
 * payload array it was decoded from). This keeps sync data from being copied once more per frame. Equality
 * compares the bytes. Thread-safe as long as the viewed bytes do not change.
 *
 * @param batchId      the batch the entry was offered in
 * @param kind         the entry's kind, as offered
 * @param hash         the entry's hash, as offered
 * @param totalSize    the entry's whole size, as offered
 * @param offset       where in the entry this chunk starts
 * @param buffer       the array holding the chunk
 * @param bufferOffset where in {@code buffer} the chunk starts
 * @param length       the chunk's length; 0 only for an empty entry
 */
public record DataChunk(long batchId, EntryKind kind, Sha256Value hash, long totalSize, long offset,
                        byte[] buffer, int bufferOffset, int length) implements Message {

    /** Checks the chunk lies inside the entry and the buffer, and the hash type matches the kind. */
    public DataChunk {
        Require.batchId(batchId);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        if (!kind.accepts(hash)) {
            throw new IllegalArgumentException("a " + kind + " entry cannot be named by a "
                + hash.getClass().getSimpleName());
        }
        Require.nonNegative(totalSize, "totalSize");
        Require.nonNegative(offset, "offset");
        Objects.requireNonNull(buffer, "buffer");
        Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
        if (length > totalSize - offset || offset > totalSize) {
            throw new IllegalArgumentException("chunk [" + offset + ", +" + length + ") exceeds the entry's "
                + totalSize + " bytes");
        }
        if (length == 0 && totalSize != 0) {
            throw new IllegalArgumentException("an empty chunk is only sent for an empty entry");
        }
    }

    /** A DATA message carrying all of {@code chunk}. */
    public static DataChunk of(final long batchId, final EntryKind kind, final Sha256Value hash,
                               final long totalSize, final long offset, final byte[] chunk) {
        return new DataChunk(batchId, kind, hash, totalSize, offset, chunk, 0, chunk.length);
    }

    /** True if this chunk ends the entry. */
    public boolean isLast() {
        return offset + length == totalSize;
    }

    /** A read-only buffer over the chunk (no copy). */
    public ByteBuffer chunk() {
        return ByteBuffer.wrap(buffer, bufferOffset, length).slice().asReadOnlyBuffer();
    }

    /** A fresh copy of the chunk's bytes. */
    public byte[] chunkCopy() {
        return Arrays.copyOfRange(buffer, bufferOffset, bufferOffset + length);
    }

    @Override
    public byte frameType() {
        return MessageType.DATA;
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DataChunk)) {
            return false;
        }
        final DataChunk d = (DataChunk) o;
        return batchId == d.batchId && kind == d.kind && hash.equals(d.hash) && totalSize == d.totalSize
            && offset == d.offset && Arrays.equals(buffer, bufferOffset, bufferOffset + length,
            d.buffer, d.bufferOffset, d.bufferOffset + d.length);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(batchId);
        h = 31 * h + hash.hashCode();
        h = 31 * h + Long.hashCode(offset);
        for (int i = bufferOffset; i < bufferOffset + length; i++) {
            h = 31 * h + buffer[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "DataChunk[batchId=" + batchId + ", kind=" + kind + ", hash=" + hash.shortHex() + ", totalSize="
            + totalSize + ", offset=" + offset + ", length=" + length + ']';
    }
}
