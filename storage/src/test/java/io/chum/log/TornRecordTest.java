package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records that are complete for Chronicle but fail their CRC, made by flipping a byte in the .cq4 file. */
class TornRecordTest {

    @Test
    @Timeout(60)
    void shouldStopBeforeATornLastRecordAndAppendAfterIt(@TempDir final Path dir) throws IOException {
        final List<Long> indexes = writeObjects(dir, 5);
        final long torn = indexes.get(4);
        corrupt(dir, "object-4");

        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            assertEquals(torn, log.endIndex(), "the torn record is not part of the log");
            try (LogTailer tailer = log.tailer(0)) {
                for (int i = 0; i < 4; i++) {
                    assertEquals((long) indexes.get(i), tailer.next().index());
                }
                assertNull(tailer.next(), "reading stops before the torn record");
                assertEquals(torn, tailer.position());
                try (LogReader reader = log.reader()) {
                    final ChumException e = assertThrows(ChumException.class, () -> reader.read(torn));
                    assertEquals(ErrorCode.CORRUPT_RECORD, e.errorCode());
                    assertTrue(e.getMessage().contains(Long.toHexString(torn)), e.getMessage());
                }

                final long appended = log.appender().append(TestEvents.object("after"));
                assertTrue(appended > torn + 1, "a torn mark comes first");
                final LogEvent next = tailer.next();
                assertEquals(appended, next.index(), "the live tailer skips the torn record and its mark");
                assertNull(tailer.next());
            }
            assertEquals(5, EventLogRoundTripTest.readAllFrom(log, 0).size());
        }
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            final List<LogEvent> all = EventLogRoundTripTest.readAllFrom(log, 0);
            assertEquals(5, all.size(), "a later process skips the marked record too");
            assertEquals(log.endIndex(), all.get(4).index() + 1);
        }
    }

    @Test
    @Timeout(60)
    void shouldReportACorruptRecordInTheMiddleNamingItsIndex(@TempDir final Path dir) throws IOException {
        final List<Long> indexes = writeObjects(dir, 5);
        corrupt(dir, "object-2");
        try (EventLog log = EventLog.open(dir, LogConfig.defaults()); LogTailer tailer = log.tailer(0)) {
            tailer.next();
            tailer.next();
            final ChumException e = assertThrows(ChumException.class, tailer::next);
            assertEquals(ErrorCode.CORRUPT_RECORD, e.errorCode());
            assertTrue(e.getMessage().contains(Long.toHexString(indexes.get(2))), e.getMessage());
            assertEquals((long) indexes.get(2), tailer.position(), "the tailer stays on the corrupt record");
            assertThrows(ChumException.class, tailer::next, "and reports it again");
        }
    }

    private static List<Long> writeObjects(final Path dir, final int n) {
        final List<Long> indexes = new ArrayList<>();
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            for (int i = 0; i < n; i++) {
                indexes.add(log.appender().append(TestEvents.object("<div>object-" + i + "</div>")));
            }
        }
        return indexes;
    }

    /** Flips one byte of the record whose microdata contains {@code text}, in place in the queue file. */
    private static void corrupt(final Path dir, final String text) throws IOException {
        final byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.list(dir)) {
            for (final Path file : files.filter(p -> p.toString().endsWith(".cq4")).toList()) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    final ByteBuffer content = ByteBuffer.allocate((int) Math.min(ch.size(), 4 << 20));
                    ch.read(content, 0);
                    final byte[] bytes = content.array();
                    final int at = indexOf(bytes, needle);
                    if (at >= 0) {
                        ch.write(ByteBuffer.wrap(new byte[] {(byte) (bytes[at] ^ 0x20)}), at);
                        ch.force(true);
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("record with '" + text + "' not found in " + dir);
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
