package io.chum.projection;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.testing.DamagedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The object index's entries file: a checkpoint writes only the entries added since the last one, loads only as many
 * as its checkpoint counts, and refuses a file that does not hold what the checkpoint's CRCs say.
 */
class ObjectIndexFileTest {
    private static final long SEED = 0x0B1EL;

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final List<Hash> keys = new ArrayList<>();

    @Test
    @Timeout(60)
    void shouldWriteOnlyTheEntriesAddedSinceTheLastCheckpoint(@TempDir final Path tmp) throws IOException {
        final ObjectIndex index = new ObjectIndex();
        addEntries(index, ObjectIndex.CHUNK_ENTRIES - 10);
        final Path first = write(index, tmp, "first");
        final Path file = tmp.resolve(ObjectIndexFile.FILE_NAME);
        // Damage an entry the first checkpoint wrote: a writer that wrote it again would repair it.
        final long damaged = ObjectIndexFile.wordsAt(0) + 5L * ObjectIndex.WORDS_PER_ENTRY * Long.BYTES + 3;
        DamagedFiles.flipBit(file, damaged);

        addEntries(index, 20); // into a second chunk
        final Path second = write(index, tmp, "second");
        assertCorrupt(second, tmp, "the entry damaged after the first checkpoint was not written again");
        DamagedFiles.flipBit(file, damaged);
        assertFindsEvery(read(second, tmp), keys.size());
        assertFindsEvery(read(first, tmp), ObjectIndex.CHUNK_ENTRIES - 10);
        assertEquals(ObjectIndexFile.end(keys.size()), Files.size(file), "the file ends with the last entry's meta");
    }

    @Test
    @Timeout(60)
    void shouldWriteTheSameCheckpointAndNoEntryForAnUnchangedIndex(@TempDir final Path tmp) throws IOException {
        final ObjectIndex index = new ObjectIndex();
        addEntries(index, 1000);
        final byte[] first = Files.readAllBytes(write(index, tmp, "first"));
        final Path file = tmp.resolve(ObjectIndexFile.FILE_NAME);
        final byte[] entries = Files.readAllBytes(file);
        DamagedFiles.flipBit(file, ObjectIndexFile.metasAt(0) + 7);

        assertArrayEquals(first, Files.readAllBytes(write(index, tmp, "second")), "the same index section");
        DamagedFiles.flipBit(file, ObjectIndexFile.metasAt(0) + 7);
        assertArrayEquals(entries, Files.readAllBytes(file), "no entry written again");
    }

    @Test
    @Timeout(60)
    void shouldLoadOnlyTheEntriesItsCheckpointCounts(@TempDir final Path tmp) throws IOException {
        final ObjectIndex index = new ObjectIndex();
        addEntries(index, 700);
        final Path older = write(index, tmp, "older");
        addEntries(index, 300);
        write(index, tmp, "newer"); // the file now holds 1 000 entries; an older checkpoint counts 700

        final ObjectIndex loaded = read(older, tmp);
        assertFindsEvery(loaded, 700);
        assertEquals(-1, loaded.findObject(keys.get(700)), "an entry past the checkpoint's count");

        // What the loaded index adds next is written over the entries it did not load.
        keys.subList(700, 1000).clear();
        addEntries(loaded, 50);
        assertFindsEvery(read(write(loaded, tmp, "again"), tmp), 750);
    }

    @Test
    @Timeout(60)
    void shouldWriteEveryEntryAgainWhenTheFileLostSome(@TempDir final Path tmp) throws IOException {
        final ObjectIndex index = new ObjectIndex();
        addEntries(index, 1000);
        write(index, tmp, "first");
        final Path file = tmp.resolve(ObjectIndexFile.FILE_NAME);
        DamagedFiles.cutTo(file, ObjectIndexFile.HEADER_LENGTH + 100);
        addEntries(index, 10);
        assertFindsEvery(read(write(index, tmp, "second"), tmp), 1010);

        Files.delete(file);
        addEntries(index, 10);
        assertFindsEvery(read(write(index, tmp, "third"), tmp), 1020);
    }

    @Test
    @Timeout(60)
    void shouldRefuseAFileThatDoesNotHoldWhatTheCheckpointSays(@TempDir final Path tmp) throws IOException {
        final ObjectIndex index = new ObjectIndex();
        addEntries(index, 1000);
        final Path section = write(index, tmp, "section");
        final Path file = tmp.resolve(ObjectIndexFile.FILE_NAME);
        final byte[] good = Files.readAllBytes(file);

        DamagedFiles.flipBit(file, ObjectIndexFile.metasAt(0) + 4 * 999);
        assertCorrupt(section, tmp, "a damaged meta");
        Files.write(file, good);
        DamagedFiles.flipBit(file, 0);
        assertCorrupt(section, tmp, "another file's header");
        Files.write(file, good);
        DamagedFiles.cutTo(file, good.length - 1);
        assertCorrupt(section, tmp, "a file cut short");
        Files.delete(file);
        assertCorrupt(section, tmp, "no file");
        Files.write(file, good);
        assertFindsEvery(read(section, tmp), 1000);
    }

    private void addEntries(final ObjectIndex index, final int count) {
        for (int i = 0; i < count; i++) {
            final Hash h = Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            assertTrue(index.add(h, ObjectIndex.KIND_OBJECT, keys.size() % 5 + 1, 10L * keys.size()));
            keys.add(h);
        }
    }

    private void assertFindsEvery(final ObjectIndex index, final int count) {
        assertEquals(count, index.size());
        for (int i = 0; i < count; i++) {
            final int e = index.findObject(keys.get(i));
            assertEquals(i, e, "entry " + i + ", seed " + SEED);
            assertEquals(10L * i, index.logIndex(e));
            assertEquals(i % 5 + 1, index.typeId(e));
        }
    }

    /** The index's checkpoint section in a file of its own; its entries go to the entries file in {@code dir}. */
    private static Path write(final ObjectIndex index, final Path dir, final String name) throws IOException {
        final Path section = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(section, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            final CheckpointOutput out = new CheckpointOutput(ch, section);
            index.writeTo(out, dir);
            out.flush();
        }
        return section;
    }

    private static ObjectIndex read(final Path section, final Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(section, StandardOpenOption.READ)) {
            return ObjectIndex.readFrom(new CheckpointInput(ch, section, ch.size()), dir);
        }
    }

    private static void assertCorrupt(final Path section, final Path dir, final String what) {
        final ChumException e = assertThrows(ChumException.class, () -> read(section, dir), what);
        assertEquals(ErrorCode.CORRUPT_RECORD, e.errorCode(), what + ": " + e.getMessage());
    }
}
