package io.chum.projection;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads checkpoint content written by {@link CheckpointOutput}: little-endian, through a 1 MiB buffer, in bulk
 * for primitive arrays, computing the CRC32C of everything consumed and refusing to read past the content
 * length. Any inconsistency is {@code CS-CORRUPT} (the caller then ignores the checkpoint). Not thread-safe.
 */
final class CheckpointInput {
    private static final int BUFFER = 1 << 20;
    /** Longest string a checkpoint holds (type names, e-mails, recipe JSON). */
    private static final int MAX_STRING = 64 << 20;

    private final FileChannel channel;
    private final Path file;
    private final ByteBuffer buf;
    private final CRC32C crc = new CRC32C();
    private final byte[] hashBytes = new byte[32];
    private long unread;

    /** Reads {@code length} content bytes from the channel's current position. */
    CheckpointInput(final FileChannel channel, final Path file, final long length) {
        this(channel, file, length, ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * As the other constructor, through {@code buffer} (little-endian, whatever it holds is discarded): for a caller
     * that reads many short stretches of a file and would otherwise fault in a fresh buffer for each.
     */
    CheckpointInput(final FileChannel channel, final Path file, final long length, final ByteBuffer buffer) {
        this.channel = channel;
        this.file = file;
        this.unread = length;
        this.buf = buffer;
        buf.clear().limit(0);
    }

    int getByte() {
        ensure(1);
        return buf.get() & 0xFF;
    }

    int getInt() {
        ensure(4);
        return buf.getInt();
    }

    long getLong() {
        ensure(8);
        return buf.getLong();
    }

    Hash getHash() {
        ensure(hashBytes.length);
        buf.get(hashBytes);
        return Hash.ofBytes(hashBytes, 0);
    }

    IdHash getIdHash() {
        ensure(hashBytes.length);
        buf.get(hashBytes);
        return IdHash.ofBytes(hashBytes, 0);
    }

    String getString() {
        final int n = getInt();
        if (n < 0 || n > MAX_STRING) {
            throw corrupt("string of " + n + " bytes");
        }
        final byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            ensure(1);
            final int k = Math.min(buf.remaining(), n - off);
            buf.get(b, off, k);
            off += k;
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    void getLongs(final long[] a, final int count) {
        int off = 0;
        while (off < count) {
            ensure(8);
            final int n = Math.min(buf.remaining() / 8, count - off);
            buf.asLongBuffer().get(a, off, n);
            buf.position(buf.position() + n * 8);
            off += n;
        }
    }

    void getInts(final int[] a, final int count) {
        int off = 0;
        while (off < count) {
            ensure(4);
            final int n = Math.min(buf.remaining() / 4, count - off);
            buf.asIntBuffer().get(a, off, n);
            buf.position(buf.position() + n * 4);
            off += n;
        }
    }

    /** A count field, checked against a sane bound so a damaged file cannot make us allocate gigabytes. */
    int getCount(final String what) {
        final int n = getInt();
        if (n < 0 || n > Integer.MAX_VALUE / 64) {
            throw corrupt(what + " count " + n);
        }
        return n;
    }

    /** Checks that every content byte was consumed and the CRC matches. */
    void finish(final int expectedCrc) {
        if (buf.hasRemaining() || unread > 0) {
            throw corrupt((buf.remaining() + unread) + " bytes after the last section");
        }
        if ((int) crc.getValue() != expectedCrc) {
            throw corrupt("CRC32C mismatch (stored " + Integer.toHexString(expectedCrc) + ", computed "
                + Integer.toHexString((int) crc.getValue()) + ")");
        }
    }

    ChumException corrupt(final String why) {
        return new ChumException(ErrorCode.CORRUPT_RECORD, "checkpoint " + file + " is damaged: " + why);
    }

    /** Makes at least {@code n} (≤ buffer size) bytes available; the CRC covers each byte once, when loaded. */
    private void ensure(final int n) {
        if (buf.remaining() >= n) {
            return;
        }
        buf.compact();
        try {
            while (buf.position() < n) {
                if (unread <= 0) {
                    throw corrupt("content ends early");
                }
                final int room = (int) Math.min(buf.remaining(), unread);
                final ByteBuffer slice = buf.slice().limit(room);
                final int r = channel.read(slice);
                if (r < 0) {
                    throw corrupt("file ends early");
                }
                final ByteBuffer fresh = buf.duplicate();
                fresh.limit(fresh.position() + r);
                crc.update(fresh);
                buf.position(buf.position() + r);
                unread -= r;
            }
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read the checkpoint " + file + ": "
                + ChumException.describe(e), e);
        }
        buf.flip();
    }
}
