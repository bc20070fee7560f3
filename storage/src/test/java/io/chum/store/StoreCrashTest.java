package io.chum.store;

import io.chum.model.IdHash;
import io.chum.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store after a writer was killed mid-append (log truncated mid-record) and after a torn last record. */
class StoreCrashTest {

    @Test
    @Timeout(180)
    void shouldReopenConsistentlyAfterAWritingProcessIsKilled(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            store.registerRecipe(StoreChildMain.NOTE);
        }
        try (ChildJvm child = ChildJvm.start(StoreChildMain.class, List.of(), "loop", dir.toString())) {
            child.awaitLine("READY");
            Thread.sleep(300);
            child.kill();
        }
        final String reopened;
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertTrue(store.size() > 200, "the child's writes are there: " + store.size());
            final VerifyReport report = store.verify(VerifyListener.NONE);
            assertTrue(report.ok(), report.toString());
            assertTrue(report.blobs() > 0);
            assertEquals(StoreStatus.NEW, store.storeObject(StoreChildMain.note("after the crash")).status());
            reopened = store.projections().dump();
        }
        try (OneStore store = OneStoreTest.openWithoutCheckpoint(dir)) {
            assertEquals(reopened, store.projections().dump(), "the checkpoint plus tail equals a full replay");
        }
    }

    @Test
    @Timeout(60)
    void shouldIgnoreATornLastRecordAndTheCheckpointThatCoveredIt(@TempDir final Path dir) throws Exception {
        final IdHash kept;
        final IdHash torn;
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            kept = TestStores.storePerson(store, "kept@example.com");
            torn = store.storeIdObject(TestStores.person("torn-last-record@example.com")).idHash();
        }
        LogFiles.flipByteOf(dir, "torn-last-record@");
        final String afterCrash;
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertTrue(store.exists(kept));
            assertFalse(store.exists(torn), "the torn record is not part of the store");
            assertTrue(store.verify(VerifyListener.NONE).ok());
            assertEquals(StoreStatus.NEW, store.storeIdObject(TestStores.person("torn-last-record@example.com"))
                .status(), "written again after the torn one");
            afterCrash = store.projections().dump();
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(afterCrash, store.projections().dump());
            assertTrue(store.exists(torn));
        }
        try (OneStore store = OneStoreTest.openWithoutCheckpoint(dir)) {
            assertEquals(afterCrash, store.projections().dump(), "readers skip the marked torn record");
        }
    }
}
