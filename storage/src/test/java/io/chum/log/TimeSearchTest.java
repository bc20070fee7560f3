package io.chum.log;

import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** indexAtOrAfter over several roll cycles (one per second of a test clock), with a missing cycle. */
class TimeSearchTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    @Timeout(60)
    void shouldFindTheFirstEventAtOrAfterATimeAcrossCycles(@TempDir final Path dir) {
        final AtomicLong now = new AtomicLong(T0);
        final LogConfig config = LogConfig.defaults().withRollCycle(TestRollCycles.TEST_SECONDLY)
            .withClock(now::get).withInlineLimit(1000).withChunkSize(1000);
        final long[] times = {T0 + 100, T0 + 200, T0 + 200, T0 + 250, T0 + 300, T0 + 1500, T0 + 1600, T0 + 3100,
            T0 + 3100, T0 + 3900};
        try (EventLog log = EventLog.open(dir, config)) {
            final LogAppender appender = log.appender();
            for (int i = 0; i < times.length; i++) {
                now.set(times[i]);
                // the event at T0+250 is chunked: its chunk records come first, with the same timestamp
                appender.append(TestEvents.object(i == 3 ? "x".repeat(3000) : "<div>" + i + "</div>"));
            }
            final List<LogEvent> events = EventLogRoundTripTest.readAllFrom(log, 0);
            assertEquals(times.length, events.size());
            for (int i = 0; i < times.length; i++) {
                assertEquals(times[i], events.get(i).timestamp());
            }
            final int cycleA = log.rollCycle().toCycle(events.get(0).index());
            assertNotEquals(cycleA, log.rollCycle().toCycle(events.get(5).index()));
            assertEquals(cycleA + 3, log.rollCycle().toCycle(events.get(7).index()), "cycle A+2 has no file");

            assertEquals(events.get(0).index(), log.indexAtOrAfter(0), "before the first");
            assertEquals(events.get(0).index(), log.indexAtOrAfter(T0 + 100));
            assertEquals(events.get(1).index(), log.indexAtOrAfter(T0 + 200), "first of equal timestamps");
            assertEquals(events.get(3).index(), log.indexAtOrAfter(T0 + 201), "skips the chunks of the event");
            assertEquals(events.get(5).index(), log.indexAtOrAfter(T0 + 301), "into the next cycle");
            assertEquals(events.get(7).index(), log.indexAtOrAfter(T0 + 2500), "over the missing cycle");
            assertEquals(events.get(9).index(), log.indexAtOrAfter(T0 + 3900), "the last");
            assertEquals(log.endIndex(), log.indexAtOrAfter(T0 + 3901), "after the last");
            assertEquals(log.endIndex(), log.indexAtOrAfter(Long.MAX_VALUE));

            for (long t = T0 - 10; t <= T0 + 4000; t += 61) {
                assertEquals(linearSearch(events, t, log.endIndex()), log.indexAtOrAfter(t), "t = T0 + " + (t - T0));
            }

            final long afterCycleB;
            try (LogTailer tailer = log.tailer(events.get(6).index())) {
                tailer.next();
                afterCycleB = tailer.position();
            }
            try (LogTailer tailer = log.tailer(afterCycleB)) {
                assertEquals(events.get(7).index(), tailer.next().index(), "a position in a cycle gap");
            }
        }
    }

    @Test
    @Timeout(30)
    void shouldAnswerTheEndOfAnEmptyLog(@TempDir final Path dir) {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            assertEquals(0, log.indexAtOrAfter(0));
            assertEquals(log.endIndex(), log.indexAtOrAfter(T0));
        }
    }

    private static long linearSearch(final List<LogEvent> events, final long t, final long end) {
        for (final LogEvent e : events) {
            if (e.timestamp() >= t) {
                return e.index();
            }
        }
        return end;
    }
}
