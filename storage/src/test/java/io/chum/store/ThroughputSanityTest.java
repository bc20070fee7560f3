package io.chum.store;

import io.chum.log.Durability;
import io.chum.microdata.Canonical;
import io.chum.model.Hash;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rough sanity check of the hot paths, not a benchmark (those are JMH, in bench): imports 100k objects of
 * about 1 KiB through importBatch with group commit, looks them all up, and reopens the store from its
 * checkpoint. Prints the times; asserts only the results.
 */
@Tag("slow")
class ThroughputSanityTest {
    private static final int OBJECTS = 100_000;
    private static final int BATCH = 1000;

    @Test
    @Timeout(900)
    void shouldImportLookUpAndReopenAHundredThousandObjects(@TempDir final Path dir) {
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(StoreChildMain.NOTE);
        final String filler = "x".repeat(1000);
        final List<Hash> hashes = new ArrayList<>(OBJECTS);
        final StoreConfig config = TestStores.config().withDurability(Durability.GROUP_COMMIT);
        final long importNanos;
        try (OneStore store = OneStore.create(dir, config)) {
            store.registerRecipe(StoreChildMain.NOTE);
            final long start = System.nanoTime();
            long prepare = 0;
            for (int b = 0; b < OBJECTS / BATCH; b++) {
                final long p0 = System.nanoTime();
                final List<VerifiedEntry> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    final OneObject note = OneObject.of("Note", Map.of("text", filler + (b * BATCH + i)));
                    final Canonical.Encoded enc = Canonical.encode(note, registry);
                    batch.add(VerifiedEntry.object(enc.microdata(), enc.hash(), store.recipes()));
                    hashes.add(enc.hash());
                }
                prepare += System.nanoTime() - p0;
                assertEquals(BATCH, store.importBatch(batch, 1).stored());
            }
            importNanos = System.nanoTime() - start;
            System.out.printf("of which encoding and verifying the entries: %d ms%n", prepare / 1_000_000);
            final long lookupStart = System.nanoTime();
            for (final Hash h : hashes) {
                assertTrue(store.exists(h));
            }
            final long lookupNanos = System.nanoTime() - lookupStart;
            System.out.printf("import %d objects: %d ms (%.0f/s); %d lookups: %d ms%n", OBJECTS,
                importNanos / 1_000_000, OBJECTS * 1e9 / importNanos, OBJECTS, lookupNanos / 1_000_000);
        }
        final long openStart = System.nanoTime();
        try (OneStore store = OneStore.open(dir, config)) {
            final long openNanos = System.nanoTime() - openStart;
            System.out.printf("reopen with checkpoint: %d ms%n", openNanos / 1_000_000);
            assertEquals(OBJECTS + 3, store.size(), "the objects and the Recipe's three entries");
            assertTrue(store.exists(hashes.get(OBJECTS - 1)));
            assertTrue(store.exists(Sha256.hash(store.readMicrodata(hashes.get(7)))));
        }
    }
}
