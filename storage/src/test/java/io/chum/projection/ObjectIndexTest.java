package io.chum.projection;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectIndexTest {
    private static final long SEED = 0x1DE5L;

    @Test
    void shouldFindEveryEntryAcrossResizesAndChunks() {
        final SplittableRandom random = new SplittableRandom(SEED);
        final ObjectIndex index = new ObjectIndex();
        final List<Hash> keys = new ArrayList<>();
        final int n = ObjectIndex.CHUNK_ENTRIES + 5000;
        for (int i = 0; i < n; i++) {
            final Hash h = Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            keys.add(h);
            assertTrue(index.add(h, ObjectIndex.KIND_OBJECT, i % 7 + 1, 1000L + i), "seed " + SEED);
        }
        assertEquals(n, index.size());
        for (int i = 0; i < n; i++) {
            final int e = index.findObject(keys.get(i));
            assertEquals(i, e, "entries are numbered in insertion order, seed " + SEED);
            assertEquals(1000L + i, index.logIndex(e));
            assertEquals(i % 7 + 1, index.typeId(e));
            assertEquals(ObjectIndex.KIND_OBJECT, index.kind(e));
            assertEquals(keys.get(i), index.key(e));
        }
        assertEquals(-1, index.findObject(Hash.of(1, 2, 3, 4)));
    }

    @Test
    @Timeout(60)
    void shouldFindEveryEntryAfterACheckpointRoundTrip(@TempDir final Path tmp) throws Exception {
        final SplittableRandom random = new SplittableRandom(SEED);
        final ObjectIndex index = new ObjectIndex();
        final List<Hash> keys = new ArrayList<>();
        final int n = 2 * ObjectIndex.CHUNK_ENTRIES + 123;
        for (int i = 0; i < n; i++) {
            final Hash h = Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            keys.add(h);
            index.add(h, i % 3 == 0 ? ObjectIndex.KIND_BLOB : ObjectIndex.KIND_OBJECT, i % 5, 10L * i);
        }
        final Path file = tmp.resolve("index");
        write(index, file);
        final ObjectIndex read = read(file);
        assertEquals(n, read.size());
        for (int i = 0; i < n; i++) {
            final int e = i % 3 == 0 ? read.findBlob(keys.get(i)) : read.findObject(keys.get(i));
            assertEquals(i, e, "entry " + i + " after the round trip, seed " + SEED);
            assertEquals(10L * i, read.logIndex(e));
            assertEquals(i % 5, read.typeId(e));
        }
        assertEquals(-1, read.findObject(keys.get(0)), "a BLOB is not an object after the round trip");
        assertEquals(-1, read.findObject(Hash.of(1, 2, 3, 4)));

        // The loaded table keeps its seeds when it grows.
        for (int i = 0; i < n; i++) {
            final Hash h = Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            keys.add(h);
            assertTrue(read.add(h, ObjectIndex.KIND_OBJECT, 1, 10L * (n + i)));
        }
        for (int i = 0; i < 2 * n; i++) {
            final int e = i < n && i % 3 == 0 ? read.findBlob(keys.get(i)) : read.findObject(keys.get(i));
            assertEquals(i, e, "entry " + i + " after growing the loaded table, seed " + SEED);
        }
    }

    @Test
    void shouldRefuseASlotTableThatDoesNotHoldEveryEntryExactlyOnce(@TempDir final Path tmp) throws Exception {
        final ObjectIndex index = new ObjectIndex();
        final int n = 1000;
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < n; i++) {
            index.add(Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()),
                ObjectIndex.KIND_OBJECT, 1, i);
        }
        final Path file = tmp.resolve("index");
        write(index, file);
        final byte[] good = Files.readAllBytes(file);
        // count, the CRC pair of the one chunk, two seeds: then the table's size and its slots
        final int tableAt = 4 + 2 * Integer.BYTES + 2 * Long.BYTES;
        final ByteBuffer table = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        final int capacity = table.getInt(tableAt);
        assertEquals(good.length, tableAt + Integer.BYTES + capacity * Integer.BYTES, "the table ends the section");
        int used = -1;
        int free = -1;
        for (int i = 0; i < capacity && (used < 0 || free < 0); i++) {
            if (table.getInt(tableAt + 4 + 4 * i) == 0) {
                free = i;
            } else {
                used = i;
            }
        }
        final int usedAt = tableAt + 4 + 4 * used;
        final int entry = table.getInt(usedAt);

        assertCorrupt(tmp, good, usedAt, 0, "an entry missing from the table");
        assertCorrupt(tmp, good, tableAt + 4 + 4 * free, entry, "an entry in two slots");
        assertCorrupt(tmp, good, usedAt, n + 1, "a slot past the entries");
        assertCorrupt(tmp, good, usedAt, -5, "a negative slot");
        assertCorrupt(tmp, good, tableAt, 1024, "a table too small for the entries");
        assertCorrupt(tmp, good, tableAt, 3000, "a table whose size is not a power of two");
        assertCorrupt(tmp, good, tableAt, 1 << 30, "a table larger than the entries need");
        assertEquals(n, read(file).size(), "the untouched file reads");
    }

    private static void assertCorrupt(final Path tmp, final byte[] good, final int at, final int value,
                                      final String what) throws Exception {
        final byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        final Path file = Files.write(tmp.resolve("bad"), bad);
        final ChumException e = assertThrows(ChumException.class, () -> read(file), what);
        assertEquals(ErrorCode.CORRUPT_RECORD, e.errorCode(), what + ": " + e.getMessage());
    }

    private static void write(final ObjectIndex index, final Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            final CheckpointOutput out = new CheckpointOutput(ch, file);
            index.writeTo(out, file.getParent());
            out.flush();
        }
    }

    private static ObjectIndex read(final Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ObjectIndex.readFrom(new CheckpointInput(ch, file, ch.size()), file.getParent());
        }
    }

    @Test
    void shouldKeepObjectsAndBlobsInSeparateSpacesAndRefuseDuplicates() {
        final ObjectIndex index = new ObjectIndex();
        final Hash h = Hash.of(7, 7, 7, 7);
        assertTrue(index.add(h, ObjectIndex.KIND_CLOB, 0, 1));
        assertFalse(index.containsObject(h), "a CLOB is not an object");
        assertTrue(index.add(h, ObjectIndex.KIND_OBJECT, 3, 2), "the same bytes as an object");
        assertFalse(index.add(h, ObjectIndex.KIND_OBJECT, 3, 9), "the first record of a hash wins");
        assertFalse(index.add(h, ObjectIndex.KIND_BLOB, 0, 9), "BLOB and CLOB share a space");
        assertTrue(index.containsObject(h));
        assertTrue(index.containsBlob(h));
        assertEquals(ObjectIndex.KIND_CLOB, index.kind(index.findBlob(h)));
        assertEquals(2, index.logIndex(index.findObject(h)));
        final IdHash id = IdHash.of(9, 9, 9, 9);
        assertTrue(index.add(id, ObjectIndex.KIND_ID_OBJECT, 4, 3));
        assertTrue(index.containsIdObject(id));
        assertFalse(index.containsObject(id.asHash()), "an ID object is not an object");
        assertEquals(id, index.key(index.findObject(id)));
    }

    @Test
    void shouldAnswerContainsByWordsAsTheKeyedLookupsDo() {
        final ObjectIndex index = new ObjectIndex();
        final Hash object = Hash.of(1, 2, 3, 4);
        final IdHash id = IdHash.of(5, 6, 7, 8);
        final Hash clob = Hash.of(9, 10, 11, 12);
        index.add(object, ObjectIndex.KIND_OBJECT, 1, 1);
        index.add(id, ObjectIndex.KIND_ID_OBJECT, 1, 2);
        index.add(clob, ObjectIndex.KIND_CLOB, 0, 3);

        assertTrue(index.contains(ObjectIndex.KIND_OBJECT, 1, 2, 3, 4));
        assertFalse(index.contains(ObjectIndex.KIND_ID_OBJECT, 1, 2, 3, 4), "an object is not an ID object");
        assertFalse(index.contains(ObjectIndex.KIND_BLOB, 1, 2, 3, 4), "objects and BLOBs are separate spaces");
        assertTrue(index.contains(ObjectIndex.KIND_ID_OBJECT, 5, 6, 7, 8));
        assertFalse(index.contains(ObjectIndex.KIND_OBJECT, 5, 6, 7, 8), "an ID object is not an object");
        assertTrue(index.contains(ObjectIndex.KIND_BLOB, 9, 10, 11, 12), "a BLOB reference finds a CLOB");
        assertTrue(index.contains(ObjectIndex.KIND_CLOB, 9, 10, 11, 12));
        assertFalse(index.contains(ObjectIndex.KIND_OBJECT, 9, 10, 11, 12));
        assertFalse(index.contains(ObjectIndex.KIND_OBJECT, 1, 2, 3, 5), "one word differs");
    }

    @Test
    void shouldFindTheFirstMissingKeyOfManyAsOneContainsPerKeyWould() {
        final ObjectIndex index = new ObjectIndex();
        final SplittableRandom random = new SplittableRandom(SEED);
        final int stored = 700; // a 1 024-slot table at its load limit: many keys are not in their first slot
        final long[] words = new long[4 * stored];
        final int[] kinds = new int[stored];
        for (int i = 0; i < stored; i++) {
            for (int w = 0; w < 4; w++) {
                words[4 * i + w] = random.nextLong();
            }
            kinds[i] = random.nextInt(4);
            final Hash key = Hash.of(words[4 * i], words[4 * i + 1], words[4 * i + 2], words[4 * i + 3]);
            assertTrue(index.add(kinds[i] == ObjectIndex.KIND_ID_OBJECT ? key.asIdHash() : key, kinds[i], 1, i));
        }
        // The same bytes in both spaces, the object's entry first: a BLOB lookup must probe past it.
        final Hash both = Hash.of(42, 43, 44, 45);
        index.add(both, ObjectIndex.KIND_OBJECT, 1, stored);
        index.add(both, ObjectIndex.KIND_CLOB, 0, stored + 1);

        for (int round = 0; round < 200; round++) {
            final int count = random.nextInt(100);
            final int[] askKinds = new int[count];
            final long[] ask = new long[4 * count];
            for (int k = 0; k < count; k++) {
                final int pick = random.nextInt(10);
                if (pick == 0) {
                    askKinds[k] = random.nextInt(4);
                    for (int w = 0; w < 4; w++) {
                        ask[4 * k + w] = random.nextLong(); // absent
                    }
                } else if (pick == 1) {
                    askKinds[k] = random.nextInt(4);
                    ask[4 * k] = 42;
                    ask[4 * k + 1] = 43;
                    ask[4 * k + 2] = 44;
                    ask[4 * k + 3] = 45;
                } else {
                    final int e = random.nextInt(stored);
                    // mostly its own kind; sometimes another, which contains may deny
                    askKinds[k] = random.nextInt(4) == 0 ? random.nextInt(4) : kinds[e];
                    System.arraycopy(words, 4 * e, ask, 4 * k, 4);
                }
            }
            int expected = -1;
            for (int k = 0; k < count && expected < 0; k++) {
                if (!index.contains(askKinds[k], ask[4 * k], ask[4 * k + 1], ask[4 * k + 2], ask[4 * k + 3])) {
                    expected = k;
                }
            }
            assertEquals(expected, index.firstMissing(askKinds, ask, count), "round " + round);
        }
        assertTrue(index.contains(ObjectIndex.KIND_BLOB, 42, 43, 44, 45));
        assertEquals(-1, index.firstMissing(new int[] {ObjectIndex.KIND_BLOB, ObjectIndex.KIND_OBJECT},
            new long[] {42, 43, 44, 45, 42, 43, 44, 45}, 2));
        assertEquals(0, index.firstMissing(new int[] {ObjectIndex.KIND_ID_OBJECT},
            new long[] {42, 43, 44, 45}, 1), "an object is not an ID object");
        assertEquals(-1, index.firstMissing(new int[0], new long[0], 0));
    }

    @Test
    @Timeout(60)
    void shouldLetAReaderFindEveryPublishedEntryWhileTheWriterGrowsTheTable() throws Exception {
        final ObjectIndex index = new ObjectIndex();
        final int n = 200_000;
        final Hash[] keys = new Hash[n];
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < n; i++) {
            keys[i] = Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
        }
        final AtomicReference<String> failure = new AtomicReference<>();
        final Thread reader = new Thread(() -> {
            int checked = 0;
            while (checked < n) {
                final int published = index.size();
                for (int i = Math.max(0, published - 64); i < published; i++) {
                    final int e = index.findObject(keys[i]);
                    if (e != i || index.logIndex(e) != i) {
                        failure.compareAndSet(null, "entry " + i + " of " + published + " read as " + e);
                        return;
                    }
                }
                checked = published;
            }
        });
        reader.start();
        for (int i = 0; i < n; i++) {
            index.add(keys[i], ObjectIndex.KIND_OBJECT, 1, i);
        }
        reader.join();
        assertNull(failure.get(), "seed " + SEED);
    }
}
