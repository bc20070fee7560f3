package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.ChumRecord;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeJson;
import io.chum.model.Rule;
import io.chum.model.Sha256;
import io.chum.model.Utf8;
import io.chum.projection.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store API, method by method: results, reads and the log access the engine uses. */
class OneStoreTest {
    private static final Recipe NOTE = new Recipe("Note", List.of(Rule.of("text", ItemType.StringType.PLAIN)));

    @Test
    @Timeout(60)
    void shouldCreateAndOpenAStoreDirectory(@TempDir final Path tmp) throws Exception {
        final Path dir = tmp.resolve("store");
        assertFalse(OneStore.isStore(dir));
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            assertEquals(dir.toAbsolutePath(), store.directory());
            assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.privateDirectory())));
            assertEquals(0, store.size());
            assertEquals(0, store.logEnd());
            store.storeIdObject(TestStores.person("a@b.c"));
        }
        assertTrue(OneStore.isStore(dir));
        assertEquals("chum-store 1", Files.readString(dir.resolve("format")).strip());
        assertTrue(Files.isDirectory(dir.resolve("log")));
        assertTrue(Files.isRegularFile(dir.resolve("projections").resolve(Checkpoint.FILE_NAME)));
        final Path orphan = dir.resolve("projections").resolve("checkpoint.999999999.1f.tmp");
        Files.write(orphan, new byte[100]);
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(1, store.size());
        }
        assertFalse(Files.exists(orphan), "a dead process's temporary checkpoint is removed");
    }

    @Test
    @Timeout(60)
    void shouldStoreReadAndListObjectsAndIdObjects(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            final int before = store.size();
            final OneObject note = TestStores.unversioned();
            final StoreResult stored = store.storeObject(note);
            assertEquals(StoreStatus.NEW, stored.status());
            assertNull(stored.idHash());
            assertEquals(StoreStatus.EXISTS, store.storeObject(note).status());
            assertEquals(note, store.readObject(stored.hash()));
            assertEquals(stored.hash(), Sha256.hash(store.readMicrodata(stored.hash())));
            assertEquals(StoredKind.OBJECT, store.kindOf(stored.hash()).orElseThrow());
            assertEquals("OneTest$ReferenceTest", store.typeOf(stored.hash()));

            final StoreResult id = store.storeIdObject(TestStores.person("dora@example.com"));
            assertEquals(StoreStatus.NEW, id.status());
            assertNull(id.hash());
            assertEquals(StoreStatus.EXISTS, store.storeIdObject(TestStores.person("dora@example.com")).status());
            assertEquals(OneObject.of("Person", Map.of("email", "dora@example.com")),
                store.readIdObject(id.idHash()));
            assertEquals(StoredKind.ID_OBJECT, store.kindOf(id.idHash()).orElseThrow());
            assertEquals("Person", store.typeOf(id.idHash()));
            assertTrue(store.exists(id.idHash()));
            assertFalse(store.exists(id.idHash().asHash()), "ID hashes and hashes are different names");
            assertTrue(store.currentVersion(id.idHash()).isEmpty(), "an ID object alone has no version");

            final List<StoredEntry> entries = new ArrayList<>();
            store.forEachEntry(entries::add);
            assertEquals(before + 2, entries.size());
            assertEquals(new StoredEntry(stored.hash(), StoredKind.OBJECT, "OneTest$ReferenceTest",
                entries.get(before).logIndex()), entries.get(before));
            assertEquals(StoredKind.ID_OBJECT, entries.get(before + 1).kind());
            assertTrue(entries.get(before).logIndex() < entries.get(before + 1).logIndex(), "log order");
            try (StoreReader reader = store.newReader()) {
                assertArrayEquals(store.readMicrodata(stored.hash()), reader.readMicrodata(stored.hash()));
                assertArrayEquals(store.readIdMicrodata(id.idHash()), reader.readIdMicrodata(id.idHash()));
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldStreamBlobsAndClobs(@TempDir final Path dir) throws Exception {
        final byte[] bytes = new byte[3 * (256 << 10) + 17];
        new Random(3).nextBytes(bytes);
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final BlobResult blob = store.storeBlob(new ByteArrayInputStream(bytes));
            assertEquals(new BlobResult(Sha256.hash(bytes), false, bytes.length, StoreStatus.NEW), blob);
            assertEquals(StoreStatus.EXISTS, store.storeBlob(new ByteArrayInputStream(bytes)).status());
            try (InputStream in = store.openBlob(blob.hash())) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
            assertEquals(StoredKind.BLOB, store.kindOf(blob.hash()).orElseThrow());
            assertNull(store.typeOf(blob.hash()));

            final String text = "Grüße \uD83D\uDE00 and a lone \uD800 surrogate";
            final BlobResult fromReader = store.storeClob(new StringReader(text));
            assertEquals(Sha256.hashUtf8(text), fromReader.hash(), "as JavaScript encodes it");
            assertTrue(fromReader.clob());
            final BlobResult fromBytes = store.storeClob(new ByteArrayInputStream(Utf8.encode(text)));
            assertEquals(StoreStatus.EXISTS, fromBytes.status());
            assertEquals(StoredKind.CLOB, store.kindOf(fromReader.hash()).orElseThrow());
            try (InputStream in = store.openBlob(fromReader.hash())) {
                assertArrayEquals(Utf8.encode(text), in.readAllBytes());
            }
            final BlobResult empty = store.storeBlob(InputStream.nullInputStream());
            assertEquals(0, empty.size());
            try (InputStream in = store.openBlob(empty.hash())) {
                assertEquals(-1, in.read());
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldRegisterRecipesThatSurviveReopening(@TempDir final Path dir) {
        final Hash note;
        final IdHash recipeId;
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            recipeId = store.registerRecipe(NOTE);
            assertEquals(NOTE, store.recipes().recipe("Note"));
            assertEquals(StoreStatus.EXISTS, store.storeVersionedObject(
                RecipeJson.toOneObject(NOTE), StoreAs.CHANGE).status());
            note = store.storeObject(OneObject.of("Note", Map.of("text", "hello"))).hash();
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(NOTE, store.recipes().recipe("Note"), "registered by replaying the Recipe object");
            assertEquals("hello", store.readObject(note).getString("text"));
            assertTrue(store.currentVersion(recipeId).isPresent());
        }
        try (OneStore store = openWithoutCheckpoint(dir)) {
            assertEquals(NOTE, store.recipes().recipe("Note"), "also by a full replay");
        }
    }

    @Test
    @Timeout(60)
    void shouldRecordTrustAndChumRecords(@TempDir final Path dir) {
        final byte[] key = new byte[32];
        key[0] = 42;
        final IdHash alice;
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            alice = TestStores.storePerson(store, "alice@example.com");
            assertTrue(store.trustedKey(key).isEmpty());
            final long trusted = store.trust("alice@example.com", alice, key, false);
            assertEquals(alice, store.trustedKey(key).orElseThrow().person());
            assertEquals(trusted, store.trustOf(alice).orElseThrow().logIndex());
            final IdHash mallory = TestStores.storePerson(store, "mallory@example.com");
            assertEquals(ErrorCode.TRUST_CONFLICT, assertThrows(ChumException.class,
                () -> store.trust("mallory@example.com", mallory, key, false)).errorCode(), "a key proves one person");
            assertEquals(ErrorCode.TRUST_CONFLICT, assertThrows(ChumException.class,
                () -> store.trust("mallory@example.com", mallory, key, true)).errorCode());
            store.trust("alice@example.com", alice, key, true);
            assertTrue(store.trustedKey(key).isEmpty(), "revoked");
            assertTrue(store.trustOf(alice).orElseThrow().revoked());

            final long r1 = store.appendChumRecord(1, new byte[] {1, 2});
            final long r2 = store.appendChumRecord(2, new byte[0], r1);
            final List<ChumRecordRef> records = store.chumRecords();
            assertEquals(2, records.size());
            assertEquals(r1, records.get(0).logIndex());
            assertEquals(new ChumRecordRef(r2, 2, records.get(1).timestamp(), r1), records.get(1));
            final ChumRecord read = store.readChumRecord(r1);
            assertArrayEquals(new byte[] {1, 2}, read.body());
        }
        try (OneStore store = openWithoutCheckpoint(dir)) {
            assertEquals(2, store.chumRecords().size(), "rebuilt by replay");
            assertTrue(store.trustOf(alice).orElseThrow().revoked());
            assertTrue(store.trustedKey(key).isEmpty());
        }
    }

    @Test
    @Timeout(60)
    void shouldGiveTheEngineLogPositionsTailersAndSubscriptions(@TempDir final Path dir) throws Exception {
        final long[] clock = {1_800_000_000_000L};
        final StoreConfig config = TestStores.config().withLog(TestStores.config().log().withClock(() -> clock[0]));
        try (OneStore store = OneStore.create(dir, config)) {
            final List<LogEvent> seen = new CopyOnWriteArrayList<>();
            final List<Throwable> errors = new CopyOnWriteArrayList<>();
            final Subscription sub = store.subscribe(0, seen::add, errors::add);
            store.storeIdObject(TestStores.person("a@b.c"));
            clock[0] += 1000;
            final long middle = store.logEnd();
            final IdHash second = store.storeIdObject(TestStores.person("d@e.f")).idHash();
            assertEquals(middle, store.positionAt(clock[0]), "the first event at or after the time");
            assertEquals(store.logEnd(), store.positionAt(clock[0] + 1));
            assertEquals(store.logEnd(), store.projectedPosition());
            try (LogTailer tailer = store.tailer(middle)) {
                assertEquals(second, ((IdObjectWritten) tailer.next()).idHash());
                assertNull(tailer.next());
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(2, seen.size(), "both events delivered");
            assertEquals(store.logEnd(), sub.position());
            assertTrue(sub.isRunning());
            sub.stop();
            assertFalse(sub.isRunning());
            assertTrue(errors.isEmpty(), errors.toString());

            final Subscription failing = store.subscribe(0, e -> {
                throw new IllegalStateException("listener bug");
            }, errors::add);
            final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (failing.isRunning() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertFalse(failing.isRunning(), "a listener error ends the subscription");
            assertEquals("listener bug", errors.get(0).getMessage());
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseEverythingAfterClose(@TempDir final Path dir) {
        final OneStore store = OneStore.create(dir, TestStores.config());
        final IdHash alice = TestStores.storePerson(store, "alice@example.com");
        store.close();
        store.close();
        for (final Runnable call : List.<Runnable>of(
            () -> store.exists(alice),
            () -> store.readIdObject(alice),
            () -> store.storeIdObject(TestStores.person("x@y.z")),
            () -> store.storeBlob(InputStream.nullInputStream()),
            () -> store.logEnd(),
            () -> store.checkpoint())) {
            assertEquals(ErrorCode.CLOSED, assertThrows(ChumException.class, call::run).errorCode());
        }
    }

    @Test
    @Timeout(60)
    void shouldServeWritesFromManyThreadsWithReadYourWrites(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            final List<Throwable> failures = new CopyOnWriteArrayList<>();
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int thread = t;
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            final StoreResult r = store.storeIdObject(TestStores.person(thread + "-" + i + "@x.y"));
                            if (!store.exists(r.idHash()) || store.readIdMicrodata(r.idHash()).length == 0) {
                                failures.add(new AssertionError("not visible after the write: " + r));
                            }
                        }
                    } catch (final Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (final Thread t : threads) {
                t.join();
            }
            assertTrue(failures.isEmpty(), failures.toString());
            assertEquals(200, store.size());
        }
    }

    @Test
    @Timeout(60)
    void shouldKeepTheLastCheckpointWhenTheObjectEntriesCannotBeWritten(@TempDir final Path dir) throws Exception {
        final Path projections = dir.resolve("projections");
        final Path checkpoint = projections.resolve(Checkpoint.FILE_NAME);
        final Path entries = projections.resolve(Checkpoint.OBJECT_ENTRIES_FILE_NAME);
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final String live;
        try (OneStore store = OneStore.create(dir, TestStores.config(errors))) {
            for (int i = 0; i < 50; i++) {
                TestStores.storePerson(store, "before-" + i + "@x.y");
            }
            store.checkpoint();
            final byte[] written = Files.readAllBytes(checkpoint);
            // A directory in the entries file's place: its open fails, as on a disk that refuses the write.
            Files.delete(entries);
            Files.createDirectory(entries);
            for (int i = 0; i < 10; i++) {
                TestStores.storePerson(store, "after-" + i + "@x.y");
            }
            assertEquals(ErrorCode.IO, assertThrows(ChumException.class, store::checkpoint).errorCode());
            assertArrayEquals(written, Files.readAllBytes(checkpoint), "the last checkpoint stays");
            try (var files = Files.list(projections)) {
                assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(),
                    "no temporary checkpoint left");
            }
            live = store.projections().dump();
        }
        assertTrue(errors.stream().anyMatch(e -> e instanceof ChumException c && c.errorCode() == ErrorCode.IO),
            "the close's checkpoint failed the same way, to the error handler: " + errors);

        Files.delete(entries);
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(live, store.projections().dump(), "rebuilt from the log: the entries file is missing");
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(0, store.projections().eventsApplied(), "from the checkpoint the close wrote");
            assertEquals(live, store.projections().dump());
        }
    }

    /** Opens after deleting the checkpoint, so the projections are rebuilt from the whole log. */
    static OneStore openWithoutCheckpoint(final Path dir) {
        try {
            Files.deleteIfExists(dir.resolve("projections").resolve(Checkpoint.FILE_NAME));
        } catch (final java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return OneStore.open(dir, TestStores.config());
    }
}
