package io.chum.store;

import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.projection.Checkpoint;
import io.chum.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One store open in this process and a child process: each sees the other's writes; concurrent versions converge. */
class TwoProcessTest {
    private static final int VERSIONS = 60;

    @Test
    @Timeout(180)
    void shouldSeeEachOthersWritesAndAgreeOnTheHeadsAfterConcurrentVersions(@TempDir final Path dir)
        throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            store.registerRecipe(StoreChildMain.NOTE);
            final Hash base = store.storeObject(StoreChildMain.note("base")).hash();
            final IdHash doc = store.storeVersionedObject(StoreChildMain.version("doc", base), StoreAs.CHANGE)
                .idHash();
            try (ChildJvm child = ChildJvm.start(StoreChildMain.class, List.of(), "serve", dir.toString())) {
                child.awaitLine("READY");

                final Hash fromParent = store.storeObject(StoreChildMain.note("from-parent")).hash();
                child.send("wait " + fromParent);
                assertEquals("SEEN", child.awaitLine("SEEN").trim(), "the child sees the parent's write");

                child.send("note from-child");
                final Hash fromChild = Hash.ofHex(child.awaitLine("STORED ").substring(7).trim());
                assertTrue(StoreChildMain.awaitVisible(store, fromChild), "the parent sees the child's write");
                assertEquals("from-child", store.readObject(fromChild).getString("text"),
                    "the child's Note recipe came from the log");

                child.send("versions doc " + VERSIONS);
                StoreChildMain.writeVersions(store, "doc", VERSIONS, "parent");
                child.awaitLine("DONE");
                final String parentView = awaitCaughtUp(store, doc);
                child.send("heads " + doc);
                assertEquals(parentView, child.awaitLine("HEADS "), "both processes agree on heads and current");

                store.storeVersionedObject(StoreChildMain.version("doc", fromChild), StoreAs.CHANGE);
                assertEquals(1, store.heads(doc).size(), "the next write leaves one head");
                child.send("heads " + doc);
                assertEquals(StoreChildMain.heads(store, doc), child.awaitLine("HEADS "));
                child.send("exit");
                child.awaitLine("BYE");
            }
            final long merges = store.versionNodes(doc).stream()
                .filter(n -> store.typeOf(n).equals(CoreRecipes.VERSION_NODE_MERGE)).count();
            assertTrue(store.versionNodes(doc).size() >= 2 * VERSIONS + 2, "every version is in the history ("
                + merges + " merges of concurrent heads)");
            assertTrue(store.verify(VerifyListener.NONE).ok());
        }
    }

    /**
     * Both processes write at once and each writes checkpoints of its own, into the same object index entries file:
     * the last checkpoint then covers the whole log, and the projections it loads equal those rebuilt from the log.
     */
    @Test
    @Timeout(180)
    void shouldShareTheCheckpointFilesWithAnotherProcess(@TempDir final Path dir) throws Exception {
        final String live;
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            store.registerRecipe(StoreChildMain.NOTE);
            writeNotes(store, "before", 500);
            store.checkpoint();
            try (ChildJvm child = ChildJvm.start(StoreChildMain.class, List.of(), "serve", dir.toString())) {
                child.awaitLine("READY");
                for (int round = 0; round < 3; round++) {
                    child.send("notes child" + round + " 300");
                    writeNotes(store, "parent" + round, 300);
                    child.awaitLine("DONE");
                    store.checkpoint();
                    child.send("checkpoint");
                    child.awaitLine("CHECKPOINTED");
                }
                child.send("note last");
                final Hash last = Hash.ofHex(child.awaitLine("STORED ").substring(7).trim());
                child.send("exit");
                child.awaitLine("BYE");
                assertTrue(StoreChildMain.awaitVisible(store, last));
            }
            awaitCaughtUp(store);
            live = store.projections().dump();
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(0, store.projections().eventsApplied(), "the last checkpoint covers the whole log");
            assertEquals(live, store.projections().dump(), "loaded from the checkpoint files");
        }
        Files.delete(dir.resolve("projections").resolve(Checkpoint.FILE_NAME));
        Files.delete(dir.resolve("projections").resolve(Checkpoint.OBJECT_ENTRIES_FILE_NAME));
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(live, store.projections().dump(), "rebuilt from the log");
        }
    }

    private static void writeNotes(final OneStore store, final String prefix, final int count) {
        for (int i = 0; i < count; i++) {
            store.storeObject(StoreChildMain.note(prefix + "-" + i));
        }
    }

    /**
     * With no one watching appends the idle writer parks up to {@code quietIdlePark} (here a minute), yet another
     * process's write is applied at once when a reader asks ({@code awaitProjected}) or while a thread watches
     * appends. Each check comes after 3 s of idling, when the writer's park has grown to about a second.
     */
    @Test
    @Timeout(120)
    void shouldSeeAnotherProcessWriteAtOnceWhenAskedOrWatchedWhileParkingLong(@TempDir final Path dir)
        throws Exception {
        final StoreConfig config = TestStores.config().withQuietIdlePark(Duration.ofMinutes(1));
        assertEquals(Duration.ofMinutes(1), config.quietIdlePark());
        assertEquals(Duration.ofMillis(200), config.withMaxIdlePark(Duration.ofMillis(200))
            .withQuietIdlePark(Duration.ofMillis(5)).quietIdlePark(), "never shorter than maxIdlePark");
        try (OneStore store = OneStore.create(dir, config)) {
            store.registerRecipe(StoreChildMain.NOTE);
            try (ChildJvm child = ChildJvm.start(StoreChildMain.class, List.of(), "serve", dir.toString())) {
                child.awaitLine("READY");

                Thread.sleep(3_000);
                child.send("note asked");
                final Hash asked = Hash.ofHex(child.awaitLine("STORED ").substring(7).trim());
                store.awaitProjected(store.logEnd(), Duration.ofMillis(500));
                assertTrue(store.exists(asked), "awaitProjected woke the writer");

                final CountDownLatch applied = new CountDownLatch(1);
                Thread.sleep(3_000);
                try (OneStore.AppendWatch ignored = store.watchAppends(applied::countDown)) {
                    child.send("note watched");
                    final Hash watched = Hash.ofHex(child.awaitLine("STORED ").substring(7).trim());
                    assertTrue(applied.await(500, TimeUnit.MILLISECONDS), "a watched store tails every millisecond");
                    assertTrue(store.exists(watched));
                }
                child.send("exit");
                child.awaitLine("BYE");
            }
        }
    }

    private static String awaitCaughtUp(final OneStore store, final IdHash doc) throws InterruptedException {
        awaitCaughtUp(store);
        return StoreChildMain.heads(store, doc);
    }

    private static void awaitCaughtUp(final OneStore store) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.projectedPosition() < store.logEnd() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }
}
