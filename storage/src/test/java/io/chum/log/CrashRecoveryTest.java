package io.chum.log;

import io.chum.model.Hash;
import io.chum.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of an appending process; the timeouts bound the recovery time ("seconds, not minutes"). */
class CrashRecoveryTest {

    @Test
    @Timeout(90)
    void shouldReopenQuicklyAfterAWriterDiedHoldingTheWriteLockMidDocument(@TempDir final Path dir)
        throws Exception {
        try (ChildJvm child = ChildJvm.start(LogChildMain.class, List.of(), "hold", dir.toString())) {
            child.awaitLine("HOLDING");
            child.kill();
        }
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            final List<LogEvent> before = EventLogRoundTripTest.readAllFrom(log, 0);
            assertEquals(10, before.size(), "the ten complete records, not the incomplete one");
            final long end = log.endIndex();
            assertEquals(before.get(9).index() + 1, end);
            final long index = log.appender().append(TestEvents.object("<div>after the crash</div>"));
            assertEquals(end, index, "the incomplete document is overwritten");
            final List<LogEvent> after = EventLogRoundTripTest.readAllFrom(log, end);
            assertEquals(1, after.size());
            assertArrayEquals(TestEvents.object("<div>after the crash</div>").microdata(),
                ((ObjectWritten) after.get(0)).microdata());
        }
    }

    @Test
    @Timeout(90)
    void shouldTakeOverTheLockOfAWriterThatDiedWhileThisProcessHadTheLogOpen(@TempDir final Path dir)
        throws Exception {
        final LogConfig config = LogConfig.defaults().withLockTimeout(Duration.ofMillis(500));
        try (EventLog log = EventLog.open(dir, config)) {
            final LogAppender appender = log.appender();
            appender.append(TestEvents.object("<div>first</div>"));
            try (ChildJvm child = ChildJvm.start(LogChildMain.class, List.of(), "hold", dir.toString())) {
                child.awaitLine("HOLDING");
                child.kill();
            }
            final long index = appender.append(TestEvents.object("<div>after the peer died</div>"));
            final List<LogEvent> all = EventLogRoundTripTest.readAllFrom(log, 0);
            assertEquals(12, all.size(), "1 + the peer's 10 + 1");
            assertEquals(index, all.get(11).index());
        }
    }

    @Test
    @Timeout(120)
    void shouldReadEveryCompleteRecordAfterAnAppendingProcessIsKilled(@TempDir final Path dir) throws Exception {
        try (ChildJvm child = ChildJvm.start(LogChildMain.class, List.of(), "loop", dir.toString())) {
            child.awaitLine("READY");
            Thread.sleep(300);
            child.kill();
        }
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            int objects = 0;
            int blobs = 0;
            try (LogTailer tailer = log.tailer(0)) {
                for (LogEvent e = tailer.next(); e != null; e = tailer.next()) {
                    if (e instanceof ObjectWritten) {
                        final ObjectWritten o = (ObjectWritten) e;
                        assertEquals(o.hash(), TestEvents.sha256(o.microdata()), "object at " + e.index());
                        objects++;
                    } else {
                        final BlobWritten b = (BlobWritten) e;
                        assertEquals(b.hash(), TestEvents.sha256(b.content().open(), 4096),
                            "BLOB at " + e.index());
                        blobs++;
                    }
                }
                assertTrue(objects > 500, "objects read: " + objects);
                assertTrue(blobs > 0, "BLOBs read: " + blobs);
                assertEquals(log.endIndex(), tailer.position());
                final Hash hash = TestEvents.object("<div>after</div>").hash();
                final long index = log.appender().append(TestEvents.object("<div>after</div>"));
                final LogEvent next = tailer.next();
                assertEquals(index, next.index());
                assertEquals(hash, ((ObjectWritten) next).hash());
                assertNull(tailer.next());
            }
        }
    }
}
