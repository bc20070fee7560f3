package io.chum.store;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeTest {
    @Test
    @Timeout(60)
    void shouldStoreAndReopen(@TempDir final Path dir) throws Exception {
        final Hash blob;
        final IdHash alice;
        final String dump;
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            TestStores.registerTestRecipes(store);
            alice = TestStores.storePerson(store, "alice@example.com");
            blob = store.storeBlob(new ByteArrayInputStream(new byte[1_000_000])).hash();
            final StoreResult u = store.storeObject(TestStores.unversioned());
            final StoreResult v = store.storeVersionedObject(TestStores.versioned("a", u.hash()), StoreAs.CHANGE);
            store.storeVersionedObject(TestStores.versioned("a"), StoreAs.MERGE);
            store.createAccess(AccessRequest.forObject(u.hash(), java.util.List.of(alice), java.util.List.of(),
                AccessMode.ADD));
            assertEquals(1, store.grantsFor(alice).objects().size());
            assertEquals(2, store.versionNodes(v.idHash()).size() - 1);
            dump = store.projections().dump();
            assertTrue(store.verify(VerifyListener.NONE).ok(), store.verify(VerifyListener.NONE).toString());
        }
        try (OneStore store = OneStore.open(dir, TestStores.config())) {
            assertEquals(dump, store.projections().dump());
            assertTrue(store.exists(blob));
            assertTrue(store.exists(alice));
        }
        assertTrue(TestStores.BACKGROUND_ERRORS.isEmpty(), TestStores.BACKGROUND_ERRORS.toString());
    }
}
