package io.chum.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OneStore#watchAppends}: a tailer can sleep until the store has applied something new. */
@Timeout(60)
class AppendWatchTest {
    @Test
    void shouldWakeTheWatcherAfterEachWriteUntilClosed(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final Semaphore wakeUps = new Semaphore(0);
            final OneStore.AppendWatch watch = store.watchAppends(wakeUps::release);
            final long before = store.logEnd();
            store.storeBlob(new ByteArrayInputStream("first".getBytes(StandardCharsets.UTF_8)));
            assertTrue(wakeUps.tryAcquire(10, TimeUnit.SECONDS), "a write wakes the watcher");
            assertTrue(store.logEnd() > before);

            wakeUps.drainPermits();
            store.storeBlob(new ByteArrayInputStream("second".getBytes(StandardCharsets.UTF_8)));
            assertTrue(wakeUps.tryAcquire(10, TimeUnit.SECONDS), "every write wakes it again");

            watch.close();
            watch.close();
            wakeUps.drainPermits();
            store.storeBlob(new ByteArrayInputStream("third".getBytes(StandardCharsets.UTF_8)));
            store.awaitQueuedWrites();
            assertEquals(0, wakeUps.availablePermits(), "no calls after close");
        }
    }

    @Test
    void shouldReportAFailingWatcherToTheErrorHandlerAndKeepWriting(@TempDir final Path dir) throws Exception {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (OneStore store = OneStore.create(dir, TestStores.config(errors))) {
            final AtomicInteger calls = new AtomicInteger();
            try (OneStore.AppendWatch ignored = store.watchAppends(() -> {
                calls.incrementAndGet();
                throw new IllegalStateException("watcher failed");
            })) {
                store.storeBlob(new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
                store.storeBlob(new ByteArrayInputStream("y".getBytes(StandardCharsets.UTF_8)));
                store.awaitQueuedWrites();
            }
            assertTrue(calls.get() >= 2, "called for each write: " + calls.get());
            assertTrue(errors.stream().anyMatch(e -> "watcher failed".equals(e.getMessage())), errors::toString);
        }
    }
}
