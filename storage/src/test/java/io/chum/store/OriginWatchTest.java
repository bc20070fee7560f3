package io.chum.store;

import io.chum.log.BlobWritten;
import io.chum.log.ChumRecord;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.log.ObjectWritten;
import io.chum.microdata.Canonical;
import io.chum.model.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OneStore#watchOrigin}: the events of one origin as the writer applies them, the same as the log holds. */
@Timeout(60)
class OriginWatchTest {
    private static final int RECORD_TYPE = 2;

    @Test
    void shouldHandTheListenerTheEventsOfItsOriginAsTheLogHoldsThem(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final long origin = store.appendChumRecord(RECORD_TYPE, new byte[0]);
            final List<LogEvent> seen = new ArrayList<>(); // writer thread only until the watch is closed
            final OneStore.OriginWatch watch = store.watchOrigin(origin, seen::add);

            importPerson(store, "a@example.com", origin); // its ID object (implicitly), then the object
            importPerson(store, "other@example.com", origin + 1);
            store.storeBlob(new ByteArrayInputStream("not the origin's".getBytes(StandardCharsets.UTF_8)));
            final byte[] small = "a small BLOB".getBytes(StandardCharsets.UTF_8);
            store.importBatch(List.of(VerifiedEntry.blob(small, 0, small.length, Sha256.hash(small), false)), origin);
            try (BlobWriter large = store.openBlobWriter(true, origin)) { // chunked: chunk records are not events
                final byte[] text = "x".repeat(300_000).getBytes(StandardCharsets.UTF_8);
                large.write(text, 0, text.length);
                large.commit(Sha256.hash(text));
            }
            store.appendChumRecord(RECORD_TYPE, new byte[] {1}, origin);
            watch.close();
            watch.close();
            store.importBatch(List.of(VerifiedEntry.blob(new byte[] {7}, 0, 1, Sha256.hash(new byte[] {7}), false)),
                origin);

            final List<LogEvent> logged = new ArrayList<>();
            try (LogTailer tailer = store.tailer(origin)) {
                for (LogEvent e = tailer.next(); e != null; e = tailer.next()) {
                    if (e.origin() == origin) {
                        logged.add(e);
                    }
                }
            }
            assertEquals(logged.subList(0, logged.size() - 1).stream().map(LogEvent::index).toList(),
                seen.stream().map(LogEvent::index).toList(), "every event of the origin up to the close, in log order");
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(logged.get(i).getClass(), seen.get(i).getClass());
                assertEquals(logged.get(i).timestamp(), seen.get(i).timestamp());
            }
            assertEquals(List.of(IdObjectWritten.class, ObjectWritten.class, BlobWritten.class, BlobWritten.class,
                ChumRecord.class), seen.stream().map(e -> (Class<?>) e.getClass()).toList());
            assertTrue(((BlobWritten) seen.get(3)).clob());
            assertTrue(watch.intact());
        }
    }

    @Test
    void shouldStopAFailingListenerAndReportIt(@TempDir final Path dir) {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (OneStore store = OneStore.create(dir, TestStores.config(errors))) {
            final long origin = store.appendChumRecord(RECORD_TYPE, new byte[0]);
            final List<LogEvent> seen = new ArrayList<>();
            try (OneStore.OriginWatch watch = store.watchOrigin(origin, e -> {
                seen.add(e);
                throw new IllegalStateException("listener failed");
            })) {
                store.appendChumRecord(RECORD_TYPE, new byte[] {1}, origin);
                store.appendChumRecord(RECORD_TYPE, new byte[] {2}, origin);
                store.awaitQueuedWrites();
                watch.close();
                assertFalse(watch.intact(), "it missed an event");
            }
            assertEquals(1, seen.size(), "not called after it threw");
            assertEquals(List.of("listener failed"), errors.stream().map(Throwable::getMessage).toList());
        }
    }

    @Test
    void shouldCloseQuietlyAfterTheStore(@TempDir final Path dir) {
        final OneStore.OriginWatch watch;
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            watch = store.watchOrigin(1, e -> { });
        }
        watch.close();
        assertTrue(watch.intact());
    }

    private static void importPerson(final OneStore store, final String email, final long origin) {
        final Canonical.Encoded enc = Canonical.encode(TestStores.person(email), store.recipes());
        store.importBatch(List.of(VerifiedEntry.object(enc.microdata(), enc.hash(), store.recipes())), origin);
    }
}
