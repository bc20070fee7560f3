package io.chum.log;

import io.chum.testing.ChildJvm;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After a mapped-write fault the appender releases Chronicle's write lock if this process still holds it,
 * so that other processes can go on appending. Simulated: a document is left open (lock held, header
 * incomplete) as a fault would leave it.
 */
class WriteLockReleaseTest {

    @Test
    @Timeout(120)
    void shouldLetAnotherProcessAppendAfterTheLockOfAFaultedAppendIsReleased(@TempDir final Path tmp)
        throws Exception {
        final Path dir = tmp.resolve("log");
        final Path go = tmp.resolve("go");
        Files.createFile(go);
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            log.appender().append(TestEvents.object("<div>before</div>"));
            final DocumentContext stuck = log.queue().createAppender().writingDocument();
            stuck.wire().bytes().write(new byte[] {RecordFormat.MAGIC, RecordFormat.VERSION_1, 1, 0, 9, 9, 9});

            log.releaseWriteLockAfterFault();

            final StringBuilder output = new StringBuilder();
            try (ChildJvm child = ChildJvm.start(LogChildMain.class, List.of(), "append", dir.toString(), "3", "5",
                go.toString())) {
                assertEquals(0, child.awaitExit(output), "the other process appends at once:\n" + output);
            }
            final List<LogEvent> all = EventLogRoundTripTest.readAllFrom(log, 0);
            assertEquals(6, all.size(), "1 + the other process's 5; the half-written record is overwritten");
            assertEquals(3, all.get(5).origin());
        }
    }

    @Test
    @Timeout(30)
    void shouldLeaveALockItDoesNotHoldAlone(@TempDir final Path dir) {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults())) {
            log.appender().append(TestEvents.object("<div>a</div>"));
            log.releaseWriteLockAfterFault();
            log.appender().append(TestEvents.object("<div>b</div>"));
            assertEquals(2, EventLogRoundTripTest.readAllFrom(log, 0).size());
        }
    }
}
