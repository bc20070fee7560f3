package io.chum.bench;

import io.chum.log.Durability;
import io.chum.microdata.MicrodataWriter;
import io.chum.model.Hash;
import io.chum.model.OneObject;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import io.chum.store.VersionHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store and sync benchmarks' data is what they claim: 1 KiB leaves, folders of 1 000, a published root. */
class StoreDataTest {
    @Test
    @Timeout(60)
    void shouldRenderEveryLeafToExactly1KiBAndTellThemApart(@TempDir final Path tmp) {
        try (OneStore store = OneStore.create(tmp, StoreConfig.defaults().withDurability(Durability.PAGE_CACHE))) {
            StoreData.registerRecipes(store);
            final HashSet<String> distinct = new HashSet<>();
            for (final long n : new long[] {0, 1, 999_999, 123_456_789_012L}) {
                final byte[] md = MicrodataWriter.toMicrodata(StoreData.leaf(n), store.recipes());
                assertEquals(StoreData.LEAF_BYTES, md.length, "leaf " + n);
                distinct.add(new String(md, StandardCharsets.UTF_8));
            }
            assertEquals(4, distinct.size(), "every leaf number gives other bytes");
        }
    }

    @Test
    @Timeout(120)
    void shouldImportLeavesInFoldersAndPublishThem(@TempDir final Path tmp) {
        try (OneStore store = OneStore.create(tmp, StoreConfig.defaults().withDurability(Durability.PAGE_CACHE))) {
            StoreData.registerRecipes(store);
            final List<Hash> leaves = new ArrayList<>();
            final List<Hash> folders = new ArrayList<>(StoreData.importLeaves(store, 0, 2_500, leaves));
            assertEquals(3, folders.size(), "2 500 leaves make folders of 1 000, 1 000 and 500");
            assertEquals(2_500, leaves.size());
            assertTrue(leaves.stream().allMatch(store::containsObject));
            final OneObject last = store.readObject(folders.get(2));
            assertEquals(500, last.getList("leaves").size());
            folders.addAll(StoreData.importLeaves(store, 2_500, 10, null));
            final Hash root = StoreData.publish(store, folders).hash();
            final Optional<VersionHead> current = store.currentVersion(
                StoreData.publish(store, folders).idHash());
            assertEquals(root, current.orElseThrow().data(), "publishing the same folders again changes nothing");
            assertEquals(4, store.readObject(root).getList("folders").size());
        }
    }
}
