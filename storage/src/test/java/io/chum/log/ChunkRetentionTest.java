package io.chum.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log's chunks stay mapped while it is open: {@code -DmappedFile.retain=true}, which config/jvm.args gives every
 * JVM of the project (these tests included). Without it Chronicle unmaps a chunk once no reader or appender is on it
 * and maps it again at the next read there, which made reads by index spread over a large log mostly mmap, munmap and
 * page faults (docs/benchmarks.md §6.8).
 */
class ChunkRetentionTest {
    private static final int RECORD_BYTES = 8 << 10;
    private static final int RECORDS = 400;

    @Test
    @Timeout(60)
    void shouldKeepEveryChunkOfTheLogMappedWhileItIsOpen(@TempDir final Path dir) throws IOException {
        assertTrue(Boolean.getBoolean(EventLog.RETAIN_CHUNKS_PROPERTY), "config/jvm.args sets -D"
            + EventLog.RETAIN_CHUNKS_PROPERTY + "=true for every JVM");
        // 400 records of 8 KiB in chunks of 512 KiB: about seven chunks.
        final LogConfig config = LogConfig.defaults().withInlineLimit(16 << 10).withChunkSize(16 << 10)
            .withBlockSize(512 << 10);
        try (EventLog log = EventLog.open(dir, config)) {
            final List<Long> indexes = new ArrayList<>();
            final List<String> texts = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                final String text = "<div>" + i + "x".repeat(RECORD_BYTES) + "</div>";
                indexes.add(log.appender().append(TestEvents.object(text)));
                texts.add(text);
            }
            try (LogReader reader = log.reader()) {
                // back and forth across the chunks, as an exporter reads a directory's entries
                for (int k = 0; k < RECORDS; k++) {
                    final int i = k % 2 == 0 ? k / 2 : RECORDS - 1 - k / 2;
                    final ObjectWritten o = (ObjectWritten) reader.read(indexes.get(i));
                    assertArrayEquals(texts.get(i).getBytes(StandardCharsets.UTF_8), o.microdata(), "record " + i);
                }
            }
            final long mapped = cycleFileMappings(dir);
            assertTrue(mapped >= 5, "every chunk written and read stays mapped, but /proc/self/maps shows " + mapped
                + " mappings of the cycle file");
        }
    }

    /** The number of mappings of this process of the log's cycle files (the .cq4 files, not the metadata). */
    private static long cycleFileMappings(final Path dir) throws IOException {
        final String prefix = dir.toRealPath().toString();
        return Files.readAllLines(Paths.get("/proc/self/maps")).stream()
            .filter(line -> line.contains(prefix) && line.endsWith(".cq4"))
            .count();
    }
}
