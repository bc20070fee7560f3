package io.chum.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Damages a file in place, as a bad disk or a cut copy would: for tests of what a reader does with it. Stateless. */
public final class DamagedFiles {
    private DamagedFiles() {
    }

    /** Flips the lowest bit of the byte at {@code at}; a second call at the same place restores it. */
    public static void flipBit(final Path file, final long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 1));
            b.rewind();
            ch.write(b, at);
        }
    }

    /** Cuts the file to its first {@code length} bytes. */
    public static void cutTo(final Path file, final long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
    }
}
