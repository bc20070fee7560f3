package io.chum.projection;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The object index's entries on disk, {@code <store>/projections/objects.bin}, written by a checkpoint only where
 * the index grew since the last one. Entries never change once added, and they are most of a checkpoint (44 of the
 * 52 MB at a million objects), so a checkpoint writes what changed, not the whole index.
 *
 * <pre>
 *  offset               size  field (little-endian)
 *  0                    8     magic "CHUMOBJS"
 *  8                    4     format version (1)
 *  12                   4     entries per chunk (65,536)
 *  16                   48    reserved (0)
 *  64 + c × 2,883,584   ...   chunk c: 65,536 × 40 bytes of words ([w0, w1, w2, w3, logIndex] per entry),
 *                             then 65,536 × 4 bytes of metas; the last chunk only as far as its entries go
 * </pre>
 *
 * <p>The file does not say how many of its entries are valid: the checkpoint does, with a CRC32C of each chunk's
 * words and of its metas, as far as its entries go ({@link Checkpoint}). Entries past that count (written for a
 * checkpoint whose writer died before renaming it into place, or for another process's newer one) are ignored.
 * Entry {@code i} is the {@code i}-th new key of the log in every process that opens the store, so two processes
 * write the same bytes at the same places; where the file does not hold what a checkpoint says (damaged, replaced,
 * cut short), the CRCs refuse the checkpoint and the store is rebuilt from the log. The file never shrinks.
 *
 * <p>Threading: one instance per checkpoint written or loaded, used by the store's writer thread alone.
 */
final class ObjectIndexFile implements AutoCloseable {
    /** File name inside the projections directory. */
    static final String FILE_NAME = "objects.bin";
    /** Format version of the file. */
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 64;
    private static final byte[] MAGIC = "CHUMOBJS".getBytes(StandardCharsets.US_ASCII);
    private static final int WORD_BYTES = ObjectIndex.WORDS_PER_ENTRY * Long.BYTES;
    private static final long WORDS_REGION = (long) ObjectIndex.CHUNK_ENTRIES * WORD_BYTES;
    private static final long CHUNK_BYTES = WORDS_REGION + (long) ObjectIndex.CHUNK_ENTRIES * Integer.BYTES;
    /** Entries encoded or decoded at a time: 256,000 bytes of words. */
    private static final int SLICE_ENTRIES = 6_400;

    private final FileChannel channel;
    private final Path file;
    /**
     * Small, and one for all regions, so that a checkpoint does not fault in megabytes of fresh memory for a few new
     * entries, nor a load one buffer per chunk.
     */
    private final ByteBuffer buf = ByteBuffer.allocateDirect(SLICE_ENTRIES * WORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private boolean written;

    private ObjectIndexFile(final FileChannel channel, final Path file) {
        this.channel = channel;
        this.file = file;
    }

    /** Opens (or creates) the file in {@code dir} for a checkpoint's writes; {@code CS-IO} if it cannot. */
    static ObjectIndexFile forWriting(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        try {
            return new ObjectIndexFile(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), file);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot open the object index file " + file + ": "
                + ChumException.describe(e), e);
        }
    }

    /**
     * Opens the file in {@code dir} to load {@code entries} entries: {@code CS-CORRUPT} if it is missing, not such a
     * file, or too short to hold them; {@code CS-IO} if it cannot be read.
     */
    static ObjectIndexFile forReading(final Path dir, final int entries) {
        final Path file = dir.resolve(FILE_NAME);
        final ObjectIndexFile f;
        try {
            f = new ObjectIndexFile(FileChannel.open(file, StandardOpenOption.READ), file);
        } catch (final NoSuchFileException e) {
            throw new ChumException(ErrorCode.CORRUPT_RECORD, "the object index file " + file + " is missing", e);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot open the object index file " + file + ": "
                + ChumException.describe(e), e);
        }
        try {
            if (!f.holds(entries)) {
                throw f.corrupt("it does not hold " + entries + " entries");
            }
            return f;
        } catch (final RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** True if the file has a valid header and is long enough for the first {@code entries} entries. */
    boolean holds(final int entries) {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (channel.size() < end(entries)) {
                return false;
            }
            while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
                // reads the whole header; the size check above says it is there
            }
        } catch (final IOException e) {
            throw io("read", e);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (header.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return header.getInt(8) == VERSION && header.getInt(12) == ObjectIndex.CHUNK_ENTRIES;
    }

    /** Writes the header, for a file whose entries are all written anew. */
    void writeHeader() {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(VERSION).putInt(ObjectIndex.CHUNK_ENTRIES).clear();
        writeAt(header, 0);
    }

    /**
     * The CRC32C of chunk {@code chunk}'s first {@code count} entries' words, of which those from {@code from} on are
     * written to the file.
     */
    int writeWords(final int chunk, final long[] words, final int from, final int count) {
        return writeRegion(wordsAt(chunk), WORD_BYTES, from, count,
            (b, first, n) -> b.asLongBuffer().put(words, first * ObjectIndex.WORDS_PER_ENTRY,
                n * ObjectIndex.WORDS_PER_ENTRY));
    }

    /** As {@link #writeWords}, for the metas. */
    int writeMetas(final int chunk, final int[] metas, final int from, final int count) {
        return writeRegion(metasAt(chunk), Integer.BYTES, from, count, (b, first, n) -> b.asIntBuffer().put(metas,
            first, n));
    }

    /**
     * Reads chunk {@code chunk}'s first {@code count} entries' words; {@code CS-CORRUPT} unless their CRC32C is
     * {@code expected}.
     */
    void readWords(final int chunk, final long[] words, final int count, final int expected) {
        final CheckpointInput in = region(wordsAt(chunk), (long) count * WORD_BYTES);
        in.getLongs(words, count * ObjectIndex.WORDS_PER_ENTRY);
        in.finish(expected);
    }

    /** As {@link #readWords}, for the metas. */
    void readMetas(final int chunk, final int[] metas, final int count, final int expected) {
        final CheckpointInput in = region(metasAt(chunk), (long) count * Integer.BYTES);
        in.getInts(metas, count);
        in.finish(expected);
    }

    /** The {@code length} bytes at {@code position}, read as checkpoint content is, through this file's buffer. */
    private CheckpointInput region(final long position, final long length) {
        try {
            channel.position(position);
        } catch (final IOException e) {
            throw io("read", e);
        }
        return new CheckpointInput(channel, file, length, buf);
    }

    /** Copies entries {@code [first, first + n)} of an array into a buffer. */
    private interface Copy {
        void entries(ByteBuffer b, int first, int n);
    }

    /**
     * Encodes a region's first {@code count} entries (of {@code size} bytes each) a buffer at a time, for their CRC,
     * and writes those from {@code from} on.
     */
    private int writeRegion(final long regionAt, final int size, final int from, final int count, final Copy copy) {
        crc.reset();
        for (int first = 0; first < count; first += SLICE_ENTRIES) {
            final int n = Math.min(SLICE_ENTRIES, count - first);
            buf.clear();
            copy.entries(buf, first, n);
            buf.limit(n * size);
            crc.update(buf.duplicate());
            if (first + n > from) {
                final int skip = Math.max(0, from - first);
                buf.position(skip * size);
                writeAt(buf, regionAt + (long) (first + skip) * size);
            }
        }
        return (int) crc.getValue();
    }

    /** Forces what was written to disk (nothing to do if nothing was). */
    void force() {
        if (!written) {
            return;
        }
        try {
            channel.force(false);
        } catch (final IOException e) {
            throw io("force", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (final IOException e) {
            throw io("close", e);
        }
    }

    /** The file length that holds the first {@code entries} entries. */
    static long end(final int entries) {
        if (entries == 0) {
            return HEADER_LENGTH;
        }
        final int last = entries - 1;
        return metasAt(last >>> ObjectIndex.CHUNK_SHIFT)
            + (long) ((last & (ObjectIndex.CHUNK_ENTRIES - 1)) + 1) * Integer.BYTES;
    }

    static long wordsAt(final int chunk) {
        return HEADER_LENGTH + chunk * CHUNK_BYTES;
    }

    static long metasAt(final int chunk) {
        return wordsAt(chunk) + WORDS_REGION;
    }

    private void writeAt(final ByteBuffer b, final long position) {
        try {
            long at = position;
            while (b.hasRemaining()) {
                at += channel.write(b, at);
                written = true;
            }
        } catch (final IOException e) {
            throw io("write", e);
        }
    }

    private ChumException corrupt(final String why) {
        return new ChumException(ErrorCode.CORRUPT_RECORD, "the object index file " + file + " does not match the "
            + "checkpoint: " + why);
    }

    private ChumException io(final String what, final IOException e) {
        return new ChumException(ErrorCode.IO, "cannot " + what + " the object index file " + file + ": "
            + e.getMessage(), e);
    }
}
