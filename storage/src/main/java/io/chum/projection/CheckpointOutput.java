package io.chum.projection;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Sha256Value;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Writes checkpoint content through a 1 MiB buffer into a file channel, little-endian, computing the CRC32C
 * of everything written. Primitive arrays go in bulk. Not thread-safe: used by the writer thread while it
 * writes a checkpoint.
 */
final class CheckpointOutput {
    private static final int BUFFER = 1 << 20;

    private final FileChannel channel;
    private final Path file;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final byte[] hashBytes = new byte[Sha256Value.BYTES];
    private long length;

    CheckpointOutput(final FileChannel channel, final Path file) {
        this.channel = channel;
        this.file = file;
    }

    void putByte(final int v) {
        ensure(1);
        buf.put((byte) v);
    }

    void putInt(final int v) {
        ensure(4);
        buf.putInt(v);
    }

    void putLong(final long v) {
        ensure(8);
        buf.putLong(v);
    }

    void putHash(final Sha256Value h) {
        h.writeTo(hashBytes, 0);
        ensure(hashBytes.length);
        buf.put(hashBytes);
    }

    /** Length-prefixed UTF-8. */
    void putString(final String s) {
        final byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        int off = 0;
        while (off < b.length) {
            ensure(1);
            final int n = Math.min(buf.remaining(), b.length - off);
            buf.put(b, off, n);
            off += n;
        }
    }

    void putLongs(final long[] a, final int count) {
        int off = 0;
        while (off < count) {
            ensure(8);
            final int n = Math.min(buf.remaining() / 8, count - off);
            buf.asLongBuffer().put(a, off, n);
            buf.position(buf.position() + n * 8);
            off += n;
        }
    }

    void putInts(final int[] a, final int count) {
        int off = 0;
        while (off < count) {
            ensure(4);
            final int n = Math.min(buf.remaining() / 4, count - off);
            buf.asIntBuffer().put(a, off, n);
            buf.position(buf.position() + n * 4);
            off += n;
        }
    }

    /** Writes what is buffered; afterwards {@link #length()} and {@link #crc()} cover everything. */
    void flush() {
        buf.flip();
        crc.update(buf.duplicate());
        length += buf.remaining();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot write the checkpoint " + file + ": "
                + ChumException.describe(e), e);
        }
        buf.clear();
    }

    long length() {
        return length;
    }

    int crc() {
        return (int) crc.getValue();
    }

    private void ensure(final int n) {
        if (buf.remaining() < n) {
            flush();
        }
    }
}
