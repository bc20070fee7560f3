package io.chum.store;

import io.chum.testing.ChildJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A BLOB far larger than the heap streams through the store, in and out, in a child JVM with a small heap. */
class LargeBlobTest {
    private static final String HEAP = "-Xmx48m";

    @Test
    @Timeout(180)
    void shouldStreamAHundredMegabyteBlobWithABoundedHeap(@TempDir final Path dir) throws Exception {
        assertStreams(dir, 100L << 20);
    }

    @Test
    @Tag("slow")
    @Timeout(1800)
    void shouldStreamAThreeGigabyteBlobWithABoundedHeap(@TempDir final Path dir) throws Exception {
        final long size = 3L << 30;
        assumeTrue(Files.getFileStore(dir).getUsableSpace() > 2 * size, "needs about 7 GB of free disk");
        assertStreams(dir, size);
    }

    private static void assertStreams(final Path dir, final long size) throws Exception {
        final StringBuilder output = new StringBuilder();
        final int exit;
        try (ChildJvm child = ChildJvm.start(StoreChildMain.class, List.of(HEAP), "bigblob",
            dir.resolve("store").toString(), String.valueOf(size))) {
            exit = child.awaitExit(output);
        }
        assertEquals(0, exit, "the child ran out of heap or failed:\n" + output);
        final String[] written = line(output, "WRITTEN ").split(" ");
        final String[] read = line(output, "READ ").split(" ");
        assertEquals(written[0], read[0], "the BLOB reads back with the same SHA-256");
        assertEquals(String.valueOf(size), written[1]);
        assertEquals(String.valueOf(size), read[1]);
        final long peak = Long.parseLong(line(output, "PEAKHEAP "));
        assertTrue(peak < 48L << 20, "peak heap " + peak + " stays under " + HEAP);
    }

    private static String line(final CharSequence output, final String prefix) {
        for (final String l : output.toString().split("\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in:\n" + output);
    }
}
