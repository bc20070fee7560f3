package io.chum.log;

import io.chum.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two child processes append to the same log at once while this process tails it. */
class MultiProcessAppendTest {
    private static final int PER_PROCESS = 3000;

    @Test
    @Timeout(180)
    void shouldSeeEveryRecordOfTwoConcurrentWritersInNonDecreasingTimeOrder(@TempDir final Path tmp)
        throws Exception {
        final Path dir = tmp.resolve("log");
        final Path go = tmp.resolve("go");
        try (EventLog log = EventLog.open(dir, LogConfig.defaults());
             LogTailer tailer = log.tailer(0);
             ChildJvm one = ChildJvm.start(LogChildMain.class, List.of(), "append", dir.toString(), "1",
                 String.valueOf(PER_PROCESS), go.toString());
             ChildJvm two = ChildJvm.start(LogChildMain.class, List.of(), "append", dir.toString(), "2",
                 String.valueOf(PER_PROCESS), go.toString())) {
            one.awaitLine("READY");
            two.awaitLine("READY");
            Files.createFile(go);

            final Map<Long, Integer> nextSequence = new HashMap<>(Map.of(1L, 0, 2L, 0));
            long lastTimestamp = Long.MIN_VALUE;
            long lastIndex = -1;
            int seen = 0;
            while (seen < 2 * PER_PROCESS) {
                final LogEvent e = tailer.next();
                if (e == null) {
                    LockSupport.parkNanos(200_000);
                    continue;
                }
                final ObjectWritten o = (ObjectWritten) e;
                final String[] parts = new String(o.microdata(), StandardCharsets.UTF_8).split(":");
                final long origin = Long.parseLong(parts[0]);
                assertEquals(origin, o.origin());
                assertEquals((int) nextSequence.get(origin), Integer.parseInt(parts[1]),
                    "records of writer " + origin + " in order, none lost");
                nextSequence.put(origin, nextSequence.get(origin) + 1);
                assertTrue(e.timestamp() >= lastTimestamp, "timestamps never decrease at " + e.index());
                assertTrue(e.index() > lastIndex);
                lastTimestamp = e.timestamp();
                lastIndex = e.index();
                seen++;
            }
            final StringBuilder output = new StringBuilder();
            assertEquals(0, one.awaitExit(output), output.toString());
            assertEquals(0, two.awaitExit(output), output.toString());
            assertTrue(output.toString().contains("DONE"), output.toString());
            assertEquals(Map.of(1L, PER_PROCESS, 2L, PER_PROCESS), nextSequence);
            assertEquals(null, tailer.next(), "nothing else in the log");
            assertEquals(log.endIndex(), tailer.position());
        }
    }
}
