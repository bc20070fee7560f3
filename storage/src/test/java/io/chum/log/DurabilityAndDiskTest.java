package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurabilityAndDiskTest {

    @Test
    @Timeout(30)
    void shouldForceOncePerGroupCommitAndNeverPerRecord(@TempDir final Path dir) {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withDurability(Durability.GROUP_COMMIT))) {
            final LogAppender appender = log.appender();
            for (int i = 0; i < 100; i++) {
                appender.append(TestEvents.object("<div>" + i + "</div>"));
            }
            assertEquals(0, log.forceCount(), "appends do not force");
            appender.commitBatch();
            assertEquals(1, log.forceCount());
            appender.commitBatch();
            assertEquals(1, log.forceCount(), "an empty batch forces nothing");
            appender.append(TestEvents.object("<div>more</div>"));
            appender.commitBatch();
            assertEquals(2, log.forceCount());
            log.force();
            assertEquals(2, log.forceCount(), "nothing new to force");
            appender.append(TestEvents.object("<div>explicit</div>"));
            log.force();
            assertEquals(3, log.forceCount());
        }
    }

    @Test
    @Timeout(30)
    void shouldNotForceInPageCacheMode(@TempDir final Path dir) {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withDurability(Durability.PAGE_CACHE))) {
            final LogAppender appender = log.appender();
            appender.append(TestEvents.object("<div>a</div>"));
            appender.commitBatch();
            assertEquals(0, log.forceCount());
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseAppendsThatWouldEatIntoTheDiskReserveAndStayReadable(@TempDir final Path dir) {
        final long first;
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            first = log.appender().append(TestEvents.object("<div>before</div>"));
        }
        final LogConfig noRoom = LogConfig.defaults().withDiskReserve(Long.MAX_VALUE / 4);
        try (EventLog log = EventLog.open(dir, noRoom)) {
            final long end = log.endIndex();
            final LogAppender appender = log.appender();
            final ChumException small = assertThrows(ChumException.class,
                () -> appender.append(TestEvents.object("<div>refused</div>")));
            assertEquals(ErrorCode.DISK_FULL, small.errorCode());
            final ChumException big = assertThrows(ChumException.class,
                () -> appender.append(TestEvents.object("y".repeat(1 << 20))));
            assertEquals(ErrorCode.DISK_FULL, big.errorCode());
            assertEquals(ErrorCode.DISK_FULL, assertThrows(ChumException.class,
                () -> appender.newPayload(1 << 20)).errorCode());
            assertEquals(end, log.endIndex(), "nothing appended, not even chunks");
            assertFalse(appender.isFailed(), "a refusal is not a fault");
            try (LogReader reader = log.reader()) {
                assertEquals(first, reader.read(first).index(), "the log stays readable");
            }
        }
    }
}
