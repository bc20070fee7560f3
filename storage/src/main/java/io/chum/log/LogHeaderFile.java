package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The log's own small header file {@code chum-log.hdr}, memory-mapped and shared by every process that has
 * the log open. It records the format version and block size (Chronicle stores neither) and holds the
 * <em>log clock</em>: the highest timestamp handed out, which keeps timestamps non-decreasing across
 * processes and across a wall clock that steps back.
 *
 * <pre>
 *  0  8  magic "CHUMLOG\0"
 *  8  4  format version (1), little-endian
 *  12 4  reserved (0)
 *  16 8  block size of the queue files, little-endian
 *  24 8  reserved (0)
 *  32 8  log clock: last timestamp handed out (ms), native byte order, updated atomically
 *  40 24 reserved (0)
 * </pre>
 *
 * <p>Threading: {@link #nextTimestamp(long)} is called by an appender while it holds Chronicle's write
 * lock, so updates from different processes are already serialised; the compare-and-set only guards
 * against misuse. Other methods are thread-safe. The 64-byte mapping is never unmapped explicitly (the
 * garbage collector releases it), so an append racing with close can never touch unmapped memory.
 */
final class LogHeaderFile {
    static final String FILE_NAME = "chum-log.hdr";
    static final int LENGTH = 64;
    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "CHUMLOG\0".getBytes(StandardCharsets.US_ASCII);
    private static final int OFF_VERSION = 8;
    private static final int OFF_BLOCK_SIZE = 16;
    private static final int OFF_CLOCK = 32;

    private final Path path;
    private final UnsafeBuffer buffer;
    private final long blockSize;

    private LogHeaderFile(final Path path, final MappedByteBuffer mapped, final long blockSize) {
        this.path = path;
        this.buffer = new UnsafeBuffer(mapped);
        this.blockSize = blockSize;
    }

    /**
     * Opens the header file of {@code dir}, creating it with {@code blockSizeForNewLog} if it does not exist.
     * Creation is serialised between processes with a file lock, and the file is written with real bytes
     * (not sparse), so updating the mapped clock can never fault on a full disk.
     */
    static LogHeaderFile openOrCreate(final Path dir, final long blockSizeForNewLog) {
        final Path path = dir.resolve(FILE_NAME);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
            if (ch.size() == 0) {
                final ByteBuffer init = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
                init.put(MAGIC).putInt(OFF_VERSION, FORMAT_VERSION).putLong(OFF_BLOCK_SIZE, blockSizeForNewLog);
                init.clear();
                long written = 0;
                while (init.hasRemaining()) {
                    written += ch.write(init, written);
                }
                ch.force(true);
            }
            final ByteBuffer head = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            int read = 0;
            while (read < LENGTH) {
                final int n = ch.read(head, read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            if (read < LENGTH) {
                throw new ChumException(ErrorCode.STORE_FORMAT, path + " is truncated (" + read + " bytes)");
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (head.get(i) != MAGIC[i]) {
                    throw new ChumException(ErrorCode.STORE_FORMAT, path + " is not a chum-sync log header");
                }
            }
            final int version = head.getInt(OFF_VERSION);
            if (version != FORMAT_VERSION) {
                throw new ChumException(ErrorCode.STORE_FORMAT, path + " has log format version " + version
                    + "; this build reads version " + FORMAT_VERSION);
            }
            final long blockSize = head.getLong(OFF_BLOCK_SIZE);
            final MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, LENGTH);
            return new LogHeaderFile(path, mapped, blockSize);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot open log header " + path + ": "
                + ChumException.describe(e), e);
        }
    }

    /** The block size recorded when the log was created. */
    long blockSize() {
        return blockSize;
    }

    /** The last timestamp handed out. */
    long lastTimestamp() {
        return buffer.getLongVolatile(OFF_CLOCK);
    }

    /** {@code max(now, last)}, stored as the new last; call with the write lock held. */
    long nextTimestamp(final long now) {
        while (true) {
            final long last = buffer.getLongVolatile(OFF_CLOCK);
            if (now <= last) {
                return last;
            }
            if (buffer.compareAndSetLong(OFF_CLOCK, last, now)) {
                return now;
            }
        }
    }

    /** Raises the clock to at least {@code timestamp} (used on open with the last record's time). */
    void advanceTo(final long timestamp) {
        nextTimestamp(timestamp);
    }

    Path path() {
        return path;
    }
}
