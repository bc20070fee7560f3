package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real SIGBUS on a full file system. Needs a small, empty file system to fill, named by the environment
 * variable {@code CHUM_TEST_SMALL_FS} (e.g. {@code mount -t tmpfs -o size=8m tmpfs /mnt/small}); skipped
 * otherwise.
 */
@Tag("slow")
class DiskFaultTest {
    /** Small records: Chronicle's own overhead then outgrows the guard's estimate and the mapped write faults. */
    private static final int RECORD_FILL = 10_000;

    @Test
    @Timeout(120)
    void shouldTurnAMappedWriteFaultIntoDiskFullAndRecoverAfterReopen() throws Exception {
        final String fs = System.getenv("CHUM_TEST_SMALL_FS");
        assumeTrue(fs != null && !fs.isBlank(), "CHUM_TEST_SMALL_FS not set");
        final Path dir = Paths.get(fs).resolve("log-" + System.nanoTime());
        // no reserve and no re-reading of the free space: let the mapped write hit the full disk
        final LogConfig config = LogConfig.defaults().withDiskReserve(0).withDiskCheckInterval(Long.MAX_VALUE / 2)
            .withBlockSize(4L << 20).withInlineLimit(64 << 10).withChunkSize(64 << 10);
        final List<Long> appended = new ArrayList<>();
        final Path filler = Paths.get(fs).resolve("filler-" + System.nanoTime());
        try {
            Files.write(filler, new byte[2 << 20]);
            final EventLog log = EventLog.open(dir, config);
            final LogAppender appender = log.appender();
            final ChumException fault = assertThrows(ChumException.class, () -> {
                for (int i = 0; ; i++) {
                    appended.add(appender.append(TestEvents.object("<div>" + i + "</div>" + "x".repeat(RECORD_FILL))));
                }
            });
            assertEquals(ErrorCode.DISK_FULL, fault.errorCode(), fault.toString());
            assertTrue(appender.isFailed(), "the fault marks the appender failed");
            final ChumException fast = assertThrows(ChumException.class,
                () -> appender.append(TestEvents.object("<div>again</div>")));
            assertEquals(ErrorCode.DISK_FULL, fast.errorCode());
            assertTrue(fast.getMessage().contains("reopen"), fast.getMessage());
            assertEquals(appended.size(), EventLogRoundTripTest.readAllFrom(log, 0).size(),
                "every acknowledged record stays readable");
            log.close();

            try (EventLog reopened = EventLog.open(dir, config.withDiskReserve(1 << 20))) {
                assertEquals(appended.size(), EventLogRoundTripTest.readAllFrom(reopened, 0).size());
                final ChumException refused = assertThrows(ChumException.class,
                    () -> reopened.appender().append(TestEvents.object("<div>no room</div>")));
                assertEquals(ErrorCode.DISK_FULL, refused.errorCode(), "the guard refuses while the disk is full");
            }
            Files.delete(filler);
            try (EventLog reopened = EventLog.open(dir, config.withDiskReserve(1 << 20))) {
                final long index = reopened.appender().append(TestEvents.object("<div>room again</div>"));
                final List<LogEvent> all = EventLogRoundTripTest.readAllFrom(reopened, 0);
                assertEquals(appended.size() + 1, all.size(), "writes resume once space is freed");
                assertEquals(index, all.get(all.size() - 1).index());
            }
        } finally {
            Files.deleteIfExists(filler);
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(final Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (final Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
