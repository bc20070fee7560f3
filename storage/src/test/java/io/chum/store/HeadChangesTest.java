package io.chum.store;

import io.chum.log.HeadChanged;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.model.Hash;
import io.chum.projection.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.chum.store.TestStores.config;
import static io.chum.store.TestStores.registerTestRecipes;
import static io.chum.store.TestStores.versioned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OneStore#headChangesBetween} against a scan of the log: the same head changes for every range between the
 * positions seen while writing, live, after a reopen from the checkpoint and after a rebuild without one.
 */
class HeadChangesTest {
    @Test
    @Timeout(60)
    void shouldListTheHeadChangesOfEveryRangeAsAScanOfTheLogDoes(@TempDir final Path dir) throws Exception {
        final List<Long> positions = new ArrayList<>();
        try (OneStore store = OneStore.create(dir, config())) {
            registerTestRecipes(store);
            positions.add(store.logEnd());
            Hash previous = store.storeObject(TestStores.unversioned()).hash();
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 5; i++) {
                    // new versions of a few IDs among BLOBs and unversioned objects, which are no head changes
                    store.storeBlob(new ByteArrayInputStream(("blob " + round + "/" + i)
                        .getBytes(StandardCharsets.UTF_8)));
                    previous = store.storeObject(TestStores.unversioned(previous)).hash();
                    store.storeVersionedObject(versioned("doc " + i % 3, previous), StoreAs.CHANGE);
                }
                positions.add(store.logEnd());
            }
            assertEveryRange(store, positions);
            final long end = store.logEnd();
            store.awaitProjected(end, Duration.ofSeconds(10));
            assertThrows(IllegalArgumentException.class, () -> store.headChangesBetween(0, end + 1));
        }
        try (OneStore reopened = OneStore.open(dir, config())) {
            assertEveryRange(reopened, positions);
        }
        Files.delete(dir.resolve("projections").resolve(Checkpoint.FILE_NAME));
        try (OneStore rebuilt = OneStore.open(dir, config())) {
            assertEveryRange(rebuilt, positions);
        }
    }

    /**
     * Head changes far apart (a hundred BLOBs between two versions): read by their indexes, where the dense history
     * above is read in order; both must give what the scan gives.
     */
    @Test
    @Timeout(60)
    void shouldListSparseHeadChangesAsAScanOfTheLogDoes(@TempDir final Path dir) {
        final List<Long> positions = new ArrayList<>();
        try (OneStore store = OneStore.create(dir, config())) {
            registerTestRecipes(store);
            positions.add(store.logEnd());
            Hash previous = store.storeObject(TestStores.unversioned()).hash();
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < 100; i++) {
                    store.storeBlob(new ByteArrayInputStream(("sparse " + round + "/" + i)
                        .getBytes(StandardCharsets.UTF_8)));
                }
                positions.add(store.logEnd());
                previous = store.storeObject(TestStores.unversioned(previous)).hash();
                store.storeVersionedObject(versioned("doc " + round % 2, previous), StoreAs.CHANGE);
            }
            positions.add(store.logEnd());
            assertEveryRange(store, positions);
        }
    }

    private static void assertEveryRange(final OneStore store, final List<Long> positions) {
        store.awaitProjected(positions.get(positions.size() - 1), Duration.ofSeconds(10));
        int nonEmpty = 0;
        for (final long from : positions) {
            for (final long to : positions) {
                final List<Long> expected = scan(store, from, to);
                final List<Long> actual = new ArrayList<>();
                for (final HeadChanged h : store.headChangesBetween(from, to)) {
                    actual.add(h.index());
                }
                assertEquals(expected, actual, "range [" + from + ", " + to + ")");
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        assertTrue(nonEmpty > positions.size(), "the ranges hold head changes: " + nonEmpty);
    }

    private static List<Long> scan(final OneStore store, final long from, final long to) {
        final List<Long> out = new ArrayList<>();
        try (LogTailer tailer = store.tailer(from)) {
            for (LogEvent e = tailer.next(); e != null && e.index() < to; e = tailer.next()) {
                if (e instanceof HeadChanged) {
                    out.add(e.index());
                }
            }
        }
        return out;
    }
}
