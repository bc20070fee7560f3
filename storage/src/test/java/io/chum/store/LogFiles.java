package io.chum.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** Damages a store's log files in place, as a machine crash or a bad disk would (io.chum.log's approach). */
final class LogFiles {
    private LogFiles() {
    }

    /** Flips one bit of the first record whose bytes contain {@code text}, in the store in {@code storeDir}. */
    static void flipByteOf(final Path storeDir, final String text) throws IOException {
        final byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.list(storeDir.resolve("log"))) {
            for (final Path file : files.filter(p -> p.toString().endsWith(".cq4")).sorted().toList()) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    final ByteBuffer content = ByteBuffer.allocate((int) Math.min(ch.size(), 8 << 20));
                    ch.read(content, 0);
                    final int at = indexOf(content.array(), needle);
                    if (at >= 0) {
                        ch.write(ByteBuffer.wrap(new byte[] {(byte) (content.array()[at] ^ 0x20)}), at);
                        ch.force(true);
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("no record with '" + text + "' in " + storeDir);
    }

    private static int indexOf(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
