package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLogRoundTripTest {
    private static final long SEED = 20261128L;

    @Test
    @Timeout(60)
    void shouldRoundTripEveryEventKindIncludingEmptyAndNonAsciiStrings(@TempDir final Path dir) {
        final Random random = new Random(SEED);
        final byte[] key = TestEvents.bytes(random, 32);
        final List<LogEvent> written = List.of(
            new ObjectWritten(TestEvents.hash(random), "Person",
                "<div itemscope>ü€😀</div>".getBytes(StandardCharsets.UTF_8)),
            new ObjectWritten(TestEvents.hash(random), "", new byte[0]),
            new ObjectWritten(TestEvents.hash(random), "Grüße-Typ-€", "x".getBytes(StandardCharsets.UTF_8))
                .withOrigin(77),
            new IdObjectWritten(TestEvents.idHash(random), "Person", "<div data-id-object=\"true\">ä</div>"
                .getBytes(StandardCharsets.UTF_8)),
            new IdObjectWritten(TestEvents.idHash(random), "", new byte[0]),
            new BlobWritten(TestEvents.hash(random), false, 0, PayloadRef.EMPTY),
            new BlobWritten(TestEvents.hash(random), true, 0, PayloadRef.EMPTY).withOrigin(5),
            new BlobWritten(TestEvents.hash(random), false, 3, Payload.of(new byte[] {0, -1, 7})),
            new BlobWritten(TestEvents.hash(random), true, 0, Payload.of(new byte[0])).withOrigin(6),
            new HeadChanged(TestEvents.idHash(random), TestEvents.hash(random), TestEvents.hash(random), 0,
                1_700_000_000_000L, List.of()),
            new HeadChanged(TestEvents.idHash(random), TestEvents.hash(random), TestEvents.hash(random), 42, -1,
                List.of(TestEvents.hash(random), TestEvents.hash(random), TestEvents.hash(random)))
                .withOrigin(Long.MAX_VALUE),
            new ChumRecord(3, new byte[] {1, 2, 3, 0, -1}),
            new ChumRecord(-7, new byte[0]).withOrigin(9),
            new TrustChanged("alice@example.com", TestEvents.idHash(random), key, false),
            new TrustChanged("", TestEvents.idHash(random), key, true),
            new TrustChanged("jürgen@bücher.example", TestEvents.idHash(random), key, false));

        final List<Long> indexes = new ArrayList<>();
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            final LogAppender appender = log.appender();
            for (final LogEvent e : written) {
                indexes.add(appender.append(e));
            }
            appender.commitBatch();
            assertEquals(indexes.get(indexes.size() - 1), appender.lastIndex());
            assertEqualEvents(written, indexes, readAllFrom(log, 0), "same process, seed " + SEED);
        }
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            assertEqualEvents(written, indexes, readAllFrom(log, 0), "after reopen, seed " + SEED);
            try (LogReader reader = log.reader()) {
                for (int i = 0; i < written.size(); i++) {
                    assertSameContent(written.get(i), reader.read(indexes.get(i)), "random access " + i);
                }
            }
            assertEquals(indexes.get(0), log.firstIndex());
            assertEquals(indexes.get(indexes.size() - 1) + 1, log.endIndex());
        }
    }

    @Test
    @Timeout(60)
    void shouldAssignNonDecreasingTimestampsEvenWhenTheClockGoesBack(@TempDir final Path dir) {
        final long[] now = {1_000_000L};
        final LogConfig config = LogConfig.defaults().withClock(() -> now[0]);
        try (EventLog log = EventLog.open(dir, config)) {
            final LogAppender appender = log.appender();
            appender.append(TestEvents.object("a"));
            now[0] = 999_000L;
            appender.append(TestEvents.object("b"));
            assertEquals(1_000_000L, appender.lastTimestamp());
            now[0] = 1_000_500L;
            appender.append(TestEvents.object("c"));
            final List<LogEvent> events = readAllFrom(log, 0);
            assertEquals(List.of(1_000_000L, 1_000_000L, 1_000_500L),
                events.stream().map(LogEvent::timestamp).toList());
        }
        now[0] = 5L;
        try (EventLog log = EventLog.open(dir, config)) {
            final long index = log.appender().append(TestEvents.object("d"));
            try (LogReader reader = log.reader()) {
                assertEquals(1_000_500L, reader.read(index).timestamp(), "clock file keeps time after reopen");
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldReportMissingAndNonEventIndexesAsNotFound(@TempDir final Path dir) {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            assertEquals(0, log.endIndex());
            assertEquals(0, log.firstIndex());
            try (LogTailer tailer = log.tailer(0)) {
                assertNull(tailer.next());
            }
            final LogAppender appender = log.appender();
            final long chunk = appender.appendChunk(appender.newStreamId(), -1, new byte[] {1}, 0, 1);
            final long event = appender.append(TestEvents.object("a"));
            try (LogReader reader = log.reader()) {
                assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChumException.class, () -> reader.read(chunk))
                    .errorCode());
                assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChumException.class, () -> reader.read(event + 1))
                    .errorCode());
                assertEquals(event, reader.read(event).index());
            }
            try (LogTailer tailer = log.tailer(0)) {
                assertEquals(event, tailer.next().index(), "chunks are skipped by tailers");
                assertNull(tailer.next());
                assertEquals(event + 1, tailer.position());
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseEverythingAfterClose(@TempDir final Path dir) {
        final EventLog log = EventLog.open(dir, LogConfig.defaults());
        final LogAppender appender = log.appender();
        final LogTailer tailer = log.tailer(0);
        log.close();
        assertEquals(ErrorCode.CLOSED, assertThrows(ChumException.class,
            () -> appender.append(TestEvents.object("x"))).errorCode());
        assertEquals(ErrorCode.CLOSED, assertThrows(ChumException.class, tailer::next).errorCode());
        assertEquals(ErrorCode.CLOSED, assertThrows(ChumException.class, log::reader).errorCode());
        assertFalse(appender.isFailed());
    }

    @Test
    @Timeout(60)
    void shouldRejectADirectoryHoldingAForeignQueue(@TempDir final Path dir) {
        try (var queue = net.openhft.chronicle.queue.ChronicleQueue.singleBuilder(dir).build()) {
            try (var dc = queue.createAppender().writingDocument()) {
                dc.wire().bytes().writeInt(1);
            }
        }
        assertEquals(ErrorCode.STORE_FORMAT, assertThrows(ChumException.class,
            () -> EventLog.open(dir, LogConfig.defaults())).errorCode());
    }

    @Test
    void shouldNotShipChronicleAnalytics() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.openhft.chronicle.analytics.Analytics"),
            "the analytics jar must stay excluded so that nothing phones home");
    }

    @Test
    void shouldNotShipJna() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.sun.jna.Native"),
            "JNA must stay excluded: only the unused thread-affinity library would load it, at every start");
    }

    static List<LogEvent> readAllFrom(final EventLog log, final long from) {
        final List<LogEvent> out = new ArrayList<>();
        try (LogTailer tailer = log.tailer(from)) {
            for (LogEvent e = tailer.next(); e != null; e = tailer.next()) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    @Timeout(60)
    void shouldGiveTheLastAppendedEventAsAReaderDecodesIt(@TempDir final Path dir) {
        final Random random = new Random(SEED);
        final byte[] key = TestEvents.bytes(random, 32);
        final List<LogEvent> events = List.of(
            new ObjectWritten(TestEvents.hash(random), "Note", TestEvents.bytes(random, 3)),
            new ObjectWritten(TestEvents.hash(random), "Note", TestEvents.bytes(random, 21)).withOrigin(4),
            new IdObjectWritten(TestEvents.idHash(random), "Person", TestEvents.bytes(random, 30)),
            new BlobWritten(TestEvents.hash(random), false, 5, Payload.of(TestEvents.bytes(random, 5))),
            new BlobWritten(TestEvents.hash(random), true, 50, Payload.of(TestEvents.bytes(random, 50)))
                .withOrigin(8),
            new HeadChanged(TestEvents.idHash(random), TestEvents.hash(random), TestEvents.hash(random), 2, 99,
                List.of(TestEvents.hash(random))),
            new ChumRecord(11, TestEvents.bytes(random, 12)),
            new TrustChanged("bob@example.com", TestEvents.idHash(random), key, false));
        // payloads above 8 bytes are chunked by the appender, so both forms are compared
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withInlineLimit(8).withChunkSize(4));
             LogReader reader = log.reader()) {
            final LogAppender appender = log.appender();
            long index = -1;
            for (final LogEvent e : events) {
                index = appender.append(e);
                final LogEvent last = appender.lastEvent();
                final LogEvent read = reader.read(index);
                assertEquals(index, last.index(), e.toString());
                assertEquals(read.timestamp(), last.timestamp(), e.toString());
                assertSameContent(read, last, e.toString());
                if (e instanceof BlobWritten b) {
                    assertArrayEquals(b.content().bytes(), ((BlobWritten) last).content().bytes(), e.toString());
                } else {
                    assertSameContent(e, last, e.toString());
                }
            }
            final long chunk = appender.appendChunk(appender.newStreamId(), -1, new byte[] {1}, 0, 1);
            assertEquals(chunk, appender.lastIndex());
            assertEquals(index, appender.lastEvent().index(), "a chunk is not an event");
        }
    }

    private static void assertEqualEvents(final List<LogEvent> expected, final List<Long> indexes,
                                          final List<LogEvent> actual, final String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals((long) indexes.get(i), actual.get(i).index(), what + " index of event " + i);
            assertTrue(actual.get(i).timestamp() > 0, what + " timestamp of event " + i);
            assertSameContent(expected.get(i), actual.get(i), what + " event " + i);
        }
    }

    /** Equal in everything but index and timestamp, which the log assigns. */
    static void assertSameContent(final LogEvent expected, final LogEvent actual, final String what) {
        assertEquals(expected.getClass(), actual.getClass(), what);
        assertEquals(expected.origin(), actual.origin(), what + " origin");
        if (expected instanceof ObjectWritten) {
            final ObjectWritten e = (ObjectWritten) expected;
            final ObjectWritten a = (ObjectWritten) actual;
            assertEquals(e.hash(), a.hash(), what);
            assertEquals(e.type(), a.type(), what);
            assertArrayEquals(e.microdata(), a.microdata(), what);
        } else if (expected instanceof IdObjectWritten) {
            final IdObjectWritten e = (IdObjectWritten) expected;
            final IdObjectWritten a = (IdObjectWritten) actual;
            assertEquals(e.idHash(), a.idHash(), what);
            assertEquals(e.type(), a.type(), what);
            assertArrayEquals(e.idMicrodata(), a.idMicrodata(), what);
        } else if (expected instanceof BlobWritten) {
            final BlobWritten e = (BlobWritten) expected;
            final BlobWritten a = (BlobWritten) actual;
            assertEquals(new BlobWritten(a.index(), a.timestamp(), e.origin(), e.hash(), e.clob(), e.size(),
                e.content()), a, what);
        } else if (expected instanceof HeadChanged) {
            final HeadChanged e = (HeadChanged) expected;
            assertEquals(new HeadChanged(actual.index(), actual.timestamp(), e.origin(), e.id(), e.node(),
                e.data(), e.depth(), e.creationTime(), e.replaces()), actual, what);
        } else if (expected instanceof ChumRecord) {
            final ChumRecord e = (ChumRecord) expected;
            final ChumRecord a = (ChumRecord) actual;
            assertEquals(e.recordType(), a.recordType(), what);
            assertArrayEquals(e.body(), a.body(), what);
        } else {
            final TrustChanged e = (TrustChanged) expected;
            assertEquals(new TrustChanged(actual.index(), actual.timestamp(), e.origin(), e.email(), e.person(),
                e.publicSignKey(), e.revoked()), actual, what);
        }
    }
}
