package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log's indexing (LogConfig.withIndexing): cycle files get the configured index spacing when they are created
 * and keep it, so a log written with another spacing (every 64 records, before 16 became the default) stays
 * readable by index, and a cycle whose index is full refuses appends with a coded error, writing nothing.
 */
class LogIndexingTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    @Timeout(60)
    void shouldReadEveryRecordByIndexAcrossCycleFilesOfDifferentIndexing(@TempDir final Path dir) {
        final AtomicLong now = new AtomicLong(T0);
        final LogConfig config = LogConfig.defaults().withRollCycle(TestRollCycles.TEST_SECONDLY).withClock(now::get);
        final List<Long> indexes = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        try (EventLog log = EventLog.open(dir, config.withIndexing(64, 8 << 10))) {
            append(log, 300, indexes, texts);
        }
        try (EventLog log = EventLog.open(dir, config)) {
            assertEquals(LogConfig.DEFAULT_INDEX_SPACING, log.indexSpacing());
            // the first cycle file goes on with its own indexing, the next one is created with the new
            append(log, 300, indexes, texts);
            now.set(T0 + 1000);
            append(log, 300, indexes, texts);
        }
        try (SingleChronicleQueue raw = SingleChronicleQueueBuilder.binary(dir).readOnly(true).build()) {
            final String dump = raw.dump();
            assertTrue(dump.contains("indexSpacing: 64"), "the first cycle file keeps its spacing");
            assertTrue(dump.contains("indexSpacing: 16"), "the second cycle file has the default spacing");
        }

        try (EventLog log = EventLog.open(dir, config); LogReader reader = log.reader()) {
            final List<LogEvent> all = EventLogRoundTripTest.readAllFrom(log, 0);
            assertEquals(indexes.size(), all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(indexes.get(i), all.get(i).index());
            }
            final List<Integer> order = new ArrayList<>();
            for (int i = 0; i < indexes.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(7));
            for (final int i : order) {
                final ObjectWritten e = (ObjectWritten) reader.read(indexes.get(i));
                assertEquals(indexes.get(i), e.index());
                assertEquals(texts.get(i), new String(e.microdata(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseAnAppendToACycleWhoseIndexIsFullAndKeepWhatWasWritten(@TempDir final Path dir) {
        final AtomicLong now = new AtomicLong(T0);
        // 8 x 8 entries, one per record: 64 records a cycle file
        final LogConfig config = LogConfig.defaults().withRollCycle(TestRollCycles.TEST_SECONDLY).withClock(now::get)
            .withIndexing(1, 8);
        final List<Long> indexes = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        try (EventLog log = EventLog.open(dir, config)) {
            append(log, 64, indexes, texts);
            final ChumException e = assertThrows(ChumException.class,
                () -> log.appender().append(TestEvents.object("<div>one too many</div>")));
            assertEquals(ErrorCode.IO, e.errorCode());
            assertTrue(e.getMessage().contains("maximum of 64 records"), e.getMessage());
            assertEquals(64, EventLogRoundTripTest.readAllFrom(log, 0).size(), "the refused record is not in the log");
        }
        try (EventLog log = EventLog.open(dir, config)) {
            now.set(T0 + 1000);
            append(log, 10, indexes, texts);
            final List<LogEvent> all = EventLogRoundTripTest.readAllFrom(log, 0);
            assertEquals(74, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(indexes.get(i), all.get(i).index());
                final byte[] microdata = ((ObjectWritten) all.get(i)).microdata();
                assertEquals(texts.get(i), new String(microdata, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void shouldRejectIndexingThatIsNotAPowerOfTwoOrHasTooFewEntries() {
        assertThrows(IllegalArgumentException.class, () -> LogConfig.defaults().withIndexing(12, 8 << 10));
        assertThrows(IllegalArgumentException.class, () -> LogConfig.defaults().withIndexing(16, 1000));
        assertThrows(IllegalArgumentException.class, () -> LogConfig.defaults().withIndexing(0, 8 << 10));
        assertThrows(IllegalArgumentException.class, () -> LogConfig.defaults().withIndexing(16, 4));
    }

    private static void append(final EventLog log, final int n, final List<Long> indexes, final List<String> texts) {
        final LogAppender appender = log.appender();
        for (int i = 0; i < n; i++) {
            final String text = "<div>" + texts.size() + "</div>";
            indexes.add(appender.append(TestEvents.object(text)));
            texts.add(text);
        }
    }
}
