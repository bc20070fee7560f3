package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.Durability;
import io.chum.log.LogConfig;
import io.chum.model.IdHash;
import io.chum.projection.Checkpoint;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        final IdHash alice = createWithAlice(dir);
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
        final StoreConfig config = oneCycleASecond(now);
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
    void shouldOpenAStoreWhoseReaderMovedIntoANewCycleFileWithoutARecord(@TempDir final Path dir) throws Exception {
        final AtomicLong now = new AtomicLong(T0);
        final StoreConfig config = oneCycleASecond(now);
        final IdHash alice;
        try (OneStore store = OneStore.create(dir, config)) {
            alice = TestStores.storePerson(store, "alice@example.com");
            // Another writer starts the next cycle's file and dies before its record is complete: the new file
            // exists without a record.
            abandonARecordAt(dir, T0 + 1_000);
            assertEquals(2, cycleFiles(dir).size());
        }
        // A reader that saw the file moves into it (whether it does so at once depends on Chronicle's timing), and
        // its checkpoint's position is then the new cycle's first index, past the log's last record. Put it there.
        final int newCycle = (int) ((T0 + 1_000) / 1_000); // one cycle per second since the epoch
        patchCheckpointPosition(dir, TestRollCycles.TEST_SECONDLY.toIndex(newCycle, 0));

        for (int open = 0; open < 2; open++) {
            try (OneStore store = OneStore.open(dir, config)) {
                assertTrue(store.exists(alice));
                assertTrue(store.verify(VerifyListener.NONE).ok());
            }
        }
        now.set(T0 + 1_000);
        final IdHash bob;
        try (OneStore store = OneStore.open(dir, config)) {
            bob = TestStores.storePerson(store, "bob@example.com");
        }
        try (OneStore store = OneStore.open(dir, config)) {
            assertTrue(store.exists(alice));
            assertTrue(store.exists(bob));
        }
    }

    @Test
    @Timeout(60)
    void shouldStayWritableAfterAWriterAheadOfTheClockDiedRollingTheLog(@TempDir final Path dir) throws Exception {
        final StoreConfig config = oneCycleASecond(new AtomicLong(T0)); // this store's clock stays in the first cycle
        final IdHash alice;
        final IdHash bob;
        try (OneStore store = OneStore.create(dir, config)) {
            alice = TestStores.storePerson(store, "alice@example.com");
            // a writer whose clock is a cycle ahead rolls the log (ending this cycle's file) and dies before its
            // first record raised the log clock: this store's clock still names the ended file
            abandonARecordAt(dir, T0 + 1_000);
            bob = TestStores.storePerson(store, "bob@example.com");
        }
        try (OneStore store = OneStore.open(dir, config)) {
            assertTrue(store.exists(alice));
            assertTrue(store.exists(bob));
            assertTrue(store.verify(VerifyListener.NONE).ok());
        }
    }

    @Test
    @Timeout(60)
    void shouldKeepEveryRecordInLogOrderWhenTheClockStepsBackDuringAnAppend(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, oneCycleASecond(new AtomicLong(T0)))) {
            TestStores.storePerson(store, "first@example.com");
        }
        // A's clock steps back between Chronicle's reading (which picks the cycle file, three cycles on) and the
        // appender's (which stamps the record); B's clock lies between the two.
        final StoreConfig steppingBack = StoreConfig.defaults().withLog(LogConfig.defaults()
            .withRollCycle(TestRollCycles.TEST_SECONDLY).withClock(() -> readByChronicle() ? T0 + 3_000 : T0 + 1));
        final IdHash bob;
        try (OneStore a = OneStore.open(dir, steppingBack)) {
            TestStores.storePerson(a, "a1@example.com");
            try (OneStore b = OneStore.open(dir, oneCycleASecond(new AtomicLong(T0 + 1_500)))) {
                bob = TestStores.storePerson(b, "bob@example.com");
            }
            TestStores.storePerson(a, "a2@example.com");
            assertTrue(a.exists(bob), "A's reader, already in the newest cycle file, reads B's record");
        }
        try (OneStore store = OneStore.open(dir, oneCycleASecond(new AtomicLong(T0 + 4_000)))) {
            assertTrue(store.exists(bob));
            assertTrue(store.verify(VerifyListener.NONE).ok());
        }
    }

    @Test
    @Timeout(60)
    void shouldIgnoreACheckpointThatContradictsItselfInsteadOfBlamingTheLog(@TempDir final Path dir) throws Exception {
        final IdHash alice = createWithAlice(dir);
        patchCheckpointPosition(dir, 1); // before its own last event: the checkpoint is damaged, not the log
        try (OneStore store = OneStore.open(dir, StoreConfig.defaults())) {
            assertTrue(store.exists(alice), "rebuilt from the log");
        }
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
        assertTrue(e.getMessage().contains("past the end of the log"), e::getMessage);
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

    /** Creates a group-commit store in {@code dir} holding one person; returns its ID hash. */
    private static IdHash createWithAlice(final Path dir) {
        try (OneStore store = OneStore.create(dir, StoreConfig.defaults())) {
            return TestStores.storePerson(store, "alice@example.com");
        }
    }

    /** What a writer leaves that dies writing its first record of the cycle at {@code time} (rolled back here). */
    private static void abandonARecordAt(final Path dir, final long time) {
        try (SingleChronicleQueue raw = SingleChronicleQueueBuilder.binary(dir.resolve("log"))
            .rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(() -> time).build();
             ExcerptAppender appender = raw.createAppender();
             DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().writeLong(42);
            dc.rollbackOnClose();
        }
    }

    /** Whether Chronicle Queue is the caller of the clock (it reads it to pick the cycle file of an append). */
    private static boolean readByChronicle() {
        for (final StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().startsWith("net.openhft.chronicle.queue")) {
                return true;
            }
        }
        return false;
    }

    /** Group commit, a cycle file per second of {@code now}. */
    private static StoreConfig oneCycleASecond(final AtomicLong now) {
        return StoreConfig.defaults().withLog(
            LogConfig.defaults().withRollCycle(TestRollCycles.TEST_SECONDLY).withClock(now::get));
    }

    /** Sets the covered position in the checkpoint's header (offset 16; the header has no CRC of its own). */
    private static void patchCheckpointPosition(final Path dir, final long position) throws IOException {
        try (FileChannel ch = FileChannel.open(checkpointFile(dir), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, position), 16);
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
