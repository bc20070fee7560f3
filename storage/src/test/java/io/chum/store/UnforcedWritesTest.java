package io.chum.store;

import io.chum.log.Durability;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes forced to disk one at a time (the default) or many at once: {@code storeObject(obj, false)} and
 * {@code storeVersionedObject(obj, as, false)} are visible at once and durable with the next force, which is what a
 * bulk load ({@code chum put --data-file}) relies on to force once per thousand lines.
 */
class UnforcedWritesTest {

    @Test
    @Timeout(60)
    void shouldForceEachWriteByDefaultAndManyWritesAtOnceWhenAsked(@TempDir final Path dir) {
        final StoreConfig config = TestStores.config().withDurability(Durability.GROUP_COMMIT);
        final List<Hash> versions = new ArrayList<>();
        final List<IdHash> ids = new ArrayList<>();
        final Hash unversioned;
        try (OneStore store = OneStore.create(dir, config)) {
            TestStores.registerTestRecipes(store);
            final long start = store.forceCount();
            final StoreResult first = store.storeVersionedObject(TestStores.person("p0@x"), StoreAs.CHANGE);
            assertEquals(start + 1, store.forceCount(), "a write is forced before it returns");

            for (int i = 1; i <= 50; i++) {
                final StoreResult r = store.storeVersionedObject(TestStores.person("p" + i + "@x"), StoreAs.CHANGE,
                    false);
                versions.add(r.hash());
                ids.add(r.idHash());
                // visible at once: the next write may reference it, a reader sees it
                assertTrue(store.containsObject(r.hash()));
                assertEquals(r.versionNode(), store.currentVersion(r.idHash()).orElseThrow().node());
            }
            unversioned = store.storeObject(TestStores.unversioned(first.hash(), versions.get(49)), false).hash();
            assertEquals(start + 1, store.forceCount(), "51 writes, none forced");

            store.force();
            assertEquals(start + 2, store.forceCount(), "one force for all of them");
            store.force();
            assertEquals(start + 2, store.forceCount(), "nothing written since");
        }
        try (OneStore store = OneStore.open(dir, config)) {
            for (int i = 0; i < versions.size(); i++) {
                assertEquals(versions.get(i), store.currentVersion(ids.get(i)).orElseThrow().data());
            }
            assertTrue(store.containsObject(unversioned));
            assertTrue(store.verify(VerifyListener.NONE).ok());
        }
    }
}
