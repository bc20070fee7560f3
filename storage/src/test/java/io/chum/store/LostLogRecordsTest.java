package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.Durability;
import io.chum.log.LogConfig;
import io.chum.model.IdHash;
import io.chum.projection.Checkpoint;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A log that lost records its checkpoint counted while they were on disk was damaged behind the store's back: the
 * store refuses to open it (and so never overwrites the checkpoint that shows the loss) until the log is restored or
 * the checkpoint deleted. A checkpoint that may have counted records not yet on disk (durability PAGE_CACHE) is still
 * only ignored, as after a machine crash.
 */
class LostLogRecordsTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    @Timeout(60)
    void shouldRefuseToOpenALogWhoseCycleFileIsGone(@TempDir final Path dir) throws Exception {
        final IdHash alice;
        try (OneStore store = OneStore.create(dir, StoreConfig.defaults())) {
            alice = TestStores.storePerson(store, "alice@example.com");
        }
        final byte[] checkpoint = Files.readAllBytes(checkpointFile(dir));
        for (final Path cycle : cycleFiles(dir)) {
            Files.delete(cycle);
        }

        final ChumException e = assertThrows(ChumException.class, () -> OneStore.open(dir, StoreConfig.defaults()));
        assertEquals(ErrorCode.CORRUPT_RECORD, e.errorCode());
        assertTrue(e.getMessage().contains("no longer holds the records that were on disk"), e::getMessage);
        assertTrue(e.getMessage().contains("delete " + checkpointFile(dir)), e::getMessage);
        assertArrayEquals(checkpoint, Files.readAllBytes(checkpointFile(dir)), "the evidence is kept");

        Files.delete(checkpointFile(dir));
        try (OneStore store = OneStore.open(dir, StoreConfig.defaults())) {
            assertFalse(store.exists(alice), "what the log lost is gone");
            assertTrue(store.verify(VerifyListener.NONE).ok());
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseToOpenALogWithoutOneOfItsMiddleCycleFiles(@TempDir final Path dir) throws Exception {
        final AtomicLong now = new AtomicLong(T0);
        final StoreConfig config = StoreConfig.defaults().withLog(
            LogConfig.defaults().withRollCycle(TestRollCycles.TEST_SECONDLY).withClock(now::get));
        try (OneStore store = OneStore.create(dir, config)) {
            for (final String name : List.of("a", "b", "c")) {
                TestStores.storePerson(store, name + "@example.com");
                now.addAndGet(1_000);
            }
        }
        // The next checkpoint is written after the records were read back from the log, not appended: it forces
        // the cycle files that hold them (EventLog.forceRecords) before it counts them.
        Files.delete(checkpointFile(dir));
        try (OneStore store = OneStore.open(dir, config)) {
            assertTrue(store.verify(VerifyListener.NONE).ok());
        }
        final List<Path> cycles = cycleFiles(dir);
        assertEquals(3, cycles.size(), cycles::toString);
        Files.delete(cycles.get(1));

        final ChumException e = assertThrows(ChumException.class, () -> OneStore.open(dir, config));
        assertEquals(ErrorCode.CORRUPT_RECORD, e.errorCode());
        assertTrue(e.getMessage().contains("it counted 3 cycle files"), e::getMessage);
    }

    @Test
    @Timeout(60)
    void shouldRefuseToOpenALogWhoseLastCountedRecordWasDamagedOnDisk(@TempDir final Path dir) throws Exception {
        try (OneStore store = OneStore.create(dir, StoreConfig.defaults())) {
            TestStores.storePerson(store, "kept@example.com");
            store.storeIdObject(TestStores.person("damaged-on-disk@example.com")); // the last record
        }
        LogFiles.flipByteOf(dir, "damaged-on-disk@");

        final ChumException e = assertThrows(ChumException.class, () -> OneStore.open(dir, StoreConfig.defaults()));
        assertEquals(ErrorCode.CORRUPT_RECORD, e.errorCode());
        assertTrue(e.getMessage().contains("the log ends at"), e::getMessage);
    }

    @Test
    @Timeout(60)
    void shouldStillRebuildFromALogShorterThanACheckpointOfRecordsNotYetOnDisk(@TempDir final Path dir)
        throws Exception {
        final StoreConfig pageCache = StoreConfig.defaults().withDurability(Durability.PAGE_CACHE);
        try (OneStore store = OneStore.create(dir, pageCache)) {
            TestStores.storePerson(store, "alice@example.com");
        }
        for (final Path cycle : cycleFiles(dir)) {
            Files.delete(cycle);
        }
        try (OneStore store = OneStore.open(dir, pageCache)) {
            assertEquals(0, store.projections().index().size(), "as a machine crash before the write-back leaves it");
        }
    }

    private static Path checkpointFile(final Path dir) {
        return dir.resolve("projections").resolve(Checkpoint.FILE_NAME);
    }

    private static List<Path> cycleFiles(final Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            return files.filter(f -> f.toString().endsWith(".cq4")).sorted().toList();
        }
    }
}
