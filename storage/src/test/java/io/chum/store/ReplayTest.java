package io.chum.store;

import io.chum.projection.Checkpoint;
import io.chum.testing.DamagedFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay equals live: the projections rebuilt when a store is reopened (from the checkpoint written on close,
 * from no checkpoint, from an older one, from a damaged one, from one whose object index entries are damaged or
 * missing, from another store's) equal those built while the random history was written, compared as canonical
 * dumps.
 */
class ReplayTest {
    private static final long SEED = 0x5EED_0003L;

    @Test
    @Timeout(180)
    void shouldRebuildTheLiveProjectionsFromAnyCheckpointOrNone(@TempDir final Path tmp) throws IOException {
        assertReplayEqualsLive(tmp, SEED, 150);
    }

    @Test
    @Tag("slow")
    @Timeout(1800)
    void shouldRebuildTheLiveProjectionsOfLongerHistories(@TempDir final Path tmp) throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            assertReplayEqualsLive(tmp.resolve("run" + seed), seed, 1500);
        }
    }

    private static void assertReplayEqualsLive(final Path tmp, final long seed, final int halfSteps)
        throws IOException {
        final Path dir = tmp.resolve("store");
        final Path checkpoint = dir.resolve("projections").resolve(Checkpoint.FILE_NAME);
        final Path older = tmp.resolve("older.bin");
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final String live;
        try (OneStore store = OneStore.create(dir, TestStores.config(errors).withCheckpointEvents(40))) {
            final RandomHistory history = new RandomHistory(store, seed);
            history.run(halfSteps);
            store.checkpoint();
            Files.copy(checkpoint, older);
            history.run(halfSteps);
            live = store.projections().dump();
            final VerifyReport report = store.verify(VerifyListener.NONE);
            assertTrue(report.ok(), "seed " + seed + ": " + report);
        }
        final String what = "seed " + seed + ", ";
        assertEquals(live, reopenedDump(dir, errors), what + "from the checkpoint written on close");
        Files.delete(checkpoint);
        assertEquals(live, reopenedDump(dir, errors), what + "from the whole log");
        Files.copy(older, checkpoint, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(live, reopenedDump(dir, errors), what + "from an older checkpoint and the tail");
        DamagedFiles.flipBit(checkpoint, Files.size(checkpoint) / 2);
        assertEquals(live, reopenedDump(dir, errors), what + "ignoring a damaged checkpoint");
        final Path entries = dir.resolve("projections").resolve(Checkpoint.OBJECT_ENTRIES_FILE_NAME);
        DamagedFiles.flipBit(entries, 70); // in the first entry's key
        assertEquals(live, reopenedDump(dir, errors), what + "ignoring damaged object index entries");
        Files.delete(entries);
        assertEquals(live, reopenedDump(dir, errors), what + "ignoring missing object index entries");
        assertEquals(live, reopenedDump(dir, errors), what + "from the checkpoint and entries written again");

        final Path other = tmp.resolve("other");
        try (OneStore store = OneStore.create(other, TestStores.config())) {
            new RandomHistory(store, seed + 1).run(halfSteps);
        }
        Files.copy(other.resolve("projections").resolve(Checkpoint.FILE_NAME), checkpoint,
            StandardCopyOption.REPLACE_EXISTING);
        assertEquals(live, reopenedDump(dir, errors), what + "ignoring another store's checkpoint");
        Files.write(checkpoint, new byte[10]);
        assertEquals(live, reopenedDump(dir, errors), what + "ignoring a truncated checkpoint");
        assertTrue(errors.isEmpty(), what + "no background errors: " + errors);
    }

    private static String reopenedDump(final Path dir, final List<Throwable> errors) {
        try (OneStore store = OneStore.open(dir, TestStores.config(errors))) {
            return store.projections().dump();
        }
    }
}
