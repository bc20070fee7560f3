package io.chum.log;

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

/** A 2 GB BLOB written and read back through chunks in a child JVM whose heap is far smaller than the BLOB. */
@Tag("slow")
class HugeBlobTest {
    private static final long SIZE = 2L << 30;
    private static final String HEAP = "-Xmx64m";

    @Test
    @Timeout(900)
    void shouldStreamATwoGigabyteBlobWithABoundedHeap(@TempDir final Path dir) throws Exception {
        assumeTrue(Files.getFileStore(dir).getUsableSpace() > 3 * SIZE, "needs about 6 GB of free disk");
        final StringBuilder output = new StringBuilder();
        final int exit;
        try (ChildJvm child = ChildJvm.start(LogChildMain.class, List.of(HEAP), "hugeblob", dir.toString(),
            String.valueOf(SIZE))) {
            exit = child.awaitExit(output);
        }
        assertEquals(0, exit, "the child ran out of heap or failed:\n" + output);
        final String written = line(output, "WRITTEN ");
        final String read = line(output, "READ ");
        assertEquals(written, read, "the BLOB reads back with the same SHA-256");
        final long peakHeap = Long.parseLong(line(output, "PEAKHEAP "));
        assertTrue(peakHeap < 64L << 20, "peak heap " + peakHeap + " stays under " + HEAP);
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
