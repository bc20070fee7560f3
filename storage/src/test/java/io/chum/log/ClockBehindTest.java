package io.chum.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A writer whose clock is a day behind the log still appends after the newest record, in its cycle. */
class ClockBehindTest {
    private static final long DAY = 86_400_000L;
    private static final long LATER = 1_800_000_000_000L;

    @Test
    @Timeout(60)
    void shouldAppendAfterTheNewestRecordWhenTheClockIsBehindTheLog(@TempDir final Path dir) {
        final long first;
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withClock(() -> LATER))) {
            first = log.appender().append(TestEvents.object("<div>later</div>"));
        }
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withClock(() -> LATER - DAY))) {
            final long second = log.appender().append(TestEvents.object("<div>clock behind</div>"));
            assertTrue(second > first, "appended after the newest record, not into an older cycle");
            final List<LogEvent> all = EventLogRoundTripTest.readAllFrom(log, 0);
            assertEquals(2, all.size());
            assertEquals(second, all.get(1).index());
            assertEquals(LATER, all.get(1).timestamp());
        }
    }
}
