package io.chum.projection;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The object index: SHA-256 key → (log index, kind, type id) for every object, ID object, BLOB and CLOB.
 *
 * <p>Layout, about 50 bytes per entry: entries are appended in log order to chunked primitive arrays (four key
 * words and the log index in a {@code long[]}, kind and type id in an {@code int[]}: 44 bytes), and an
 * open-addressing table of {@code int} slots (linear probing, at most 70 % full) points at them. Slot
 * selection mixes the key with a random seed of this index, so nobody can craft hashes that collide in the
 * table. The seed and the table are saved in the checkpoint, the entries in {@link ObjectIndexFile}, so a store of a
 * million objects opens by bulk reads instead of a million inserts; the seed is as private as the store directory
 * that holds it. Entries are never removed or changed, so a checkpoint writes only those added since the last one.
 *
 * <p>Two hash spaces: objects and ID objects in one, BLOBs and CLOBs in the other (references say which space
 * they point into). The same 32 bytes may be in both spaces, e.g. a CLOB holding an object's microdata.
 *
 * <p>Threading: one writer thread ({@link #add}, {@link #readFrom}), any number of concurrent readers, no locks.
 * The writer fills an entry with plain writes, then publishes it by a release write of its slot; readers read
 * slots with acquire semantics, so a found entry is always complete. A full table is rebuilt into a new array
 * and published through a volatile field; a reader still probing the old one may miss only entries added
 * while it runs. Single lookups allocate nothing ({@link #firstMissing}: two small arrays per call).
 */
public final class ObjectIndex {
    /** Kind of an object entry. */
    public static final int KIND_OBJECT = 0;
    /** Kind of an ID-object entry. */
    public static final int KIND_ID_OBJECT = 1;
    /** Kind of a BLOB entry. */
    public static final int KIND_BLOB = 2;
    /** Kind of a CLOB entry. */
    public static final int KIND_CLOB = 3;

    static final int CHUNK_SHIFT = 16;
    static final int CHUNK_ENTRIES = 1 << CHUNK_SHIFT;
    static final int WORDS_PER_ENTRY = 5;
    private static final int CHUNK_MASK = CHUNK_ENTRIES - 1;
    private static final int KIND_BITS = 2;
    private static final int KIND_MASK = (1 << KIND_BITS) - 1;
    private static final int MAX_TYPE_ID = (1 << (31 - KIND_BITS)) - 1;
    private static final int INITIAL_SLOTS = 1 << 10;
    private static final int MAX_LOAD_PERCENT = 70;
    /** Keys per round of {@link #firstMissing}: enough reads to overlap, few enough to keep its arrays in L1. */
    private static final int LOOKUP_ROUND = 32;
    /** What {@link #firstMissing} notes of a key: its first slot is free (the key is absent) or holds another key. */
    private static final int FIRST_SLOT_FREE = -1;
    private static final int NOT_IN_FIRST_SLOT = -2;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);
    private static final SecureRandom SEEDS = new SecureRandom();

    /** The slot hash's seeds: random for a new index, read with a checkpointed one (they place its slots). */
    private final long seed0;
    private final long seed1;

    /** Chunk directory of {@code [w0, w1, w2, w3, logIndex]} per entry. */
    private volatile long[][] words = new long[0][];
    /** Chunk directory of {@code typeId << 2 | kind} per entry. */
    private volatile int[][] metas = new int[0][];
    /** Entry id + 1 per slot, 0 = free. Length is a power of two. */
    private volatile int[] slots = new int[INITIAL_SLOTS];
    private volatile int size;
    /**
     * Writer thread only: how many entries {@link ObjectIndexFile} holds as they are here (written or loaded by
     * this index), and the CRC32C pair (words, metas) of each of their chunks as far as they go.
     */
    private int entriesOnDisk;
    private int[] chunkCrcsOnDisk = new int[0];

    /** An empty index with fresh random seeds. */
    public ObjectIndex() {
        this(SEEDS.nextLong(), SEEDS.nextLong());
    }

    private ObjectIndex(final long seed0, final long seed1) {
        this.seed0 = seed0;
        this.seed1 = seed1;
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** The entry id of {@code key} among objects and ID objects, or -1. */
    public int findObject(final Sha256Value key) {
        return find(key.word(0), key.word(1), key.word(2), key.word(3), false);
    }

    /** The entry id of {@code key} among BLOBs and CLOBs, or -1. */
    public int findBlob(final Sha256Value key) {
        return find(key.word(0), key.word(1), key.word(2), key.word(3), true);
    }

    /** True if {@code hash} is a stored object (not an ID object). */
    public boolean containsObject(final Hash hash) {
        final int e = findObject(hash);
        return e >= 0 && kind(e) == KIND_OBJECT;
    }

    /** True if {@code idHash} is a stored ID object. */
    public boolean containsIdObject(final IdHash idHash) {
        final int e = findObject(idHash);
        return e >= 0 && kind(e) == KIND_ID_OBJECT;
    }

    /** True if {@code hash} is a stored BLOB or CLOB. */
    public boolean containsBlob(final Hash hash) {
        return findBlob(hash) >= 0;
    }

    /**
     * True if the key {@code w0..w3} (the words of a {@link Sha256Value}) is stored as {@code kind}: an object, an ID
     * object, or a BLOB or CLOB (either, for {@link #KIND_BLOB} and {@link #KIND_CLOB}). For a caller that holds keys
     * as words, such as a {@link io.chum.model.HashList}: no key object is made.
     */
    public boolean contains(final int kind, final long w0, final long w1, final long w2, final long w3) {
        final boolean blob = kind >= KIND_BLOB;
        final int e = find(w0, w1, w2, w3, blob);
        return e >= 0 && (blob || kind(e) == kind);
    }

    /**
     * The position of the first of {@code count} keys that {@link #contains} would deny, or -1 if it would find them
     * all: key {@code i} is {@code kinds[i]} with the words {@code keys[4 * i] .. keys[4 * i + 3]}. The same answers
     * as one {@code contains} per key, faster for many keys in a large index, where each lookup waits on cache misses
     * one after another (its slot, then its entry): this one takes the keys {@value #LOOKUP_ROUND} at a time and
     * reads all their slots, then all their entries, so that the reads of different keys overlap. Keys whose first
     * slot does not hold them go on to the usual probe. Allocates two small arrays per call.
     */
    public int firstMissing(final int[] kinds, final long[] keys, final int count) {
        final int[] at = new int[LOOKUP_ROUND];
        final int[] entries = new int[LOOKUP_ROUND];
        for (int base = 0; base < count; base += LOOKUP_ROUND) {
            final int n = Math.min(LOOKUP_ROUND, count - base);
            final int[] s = slots;
            final int mask = s.length - 1;
            for (int k = 0; k < n; k++) {
                final int key = 4 * (base + k);
                at[k] = slot(keys[key], keys[key + 1]) & mask;
            }
            for (int k = 0; k < n; k++) {
                entries[k] = (int) SLOT.getAcquire(s, at[k]) - 1; // FIRST_SLOT_FREE where the slot is 0
            }
            // Read after the slots: every entry they point to is in these chunk directories.
            final long[][] w = words;
            final int[][] m = metas;
            for (int k = 0; k < n; k++) {
                final int entry = entries[k];
                if (entry >= 0) {
                    final int key = 4 * (base + k);
                    final long[] c = w[entry >>> CHUNK_SHIFT];
                    final int o = (entry & CHUNK_MASK) * WORDS_PER_ENTRY;
                    if (c[o] != keys[key] || c[o + 1] != keys[key + 1] || c[o + 2] != keys[key + 2]
                        || c[o + 3] != keys[key + 3]) {
                        entries[k] = NOT_IN_FIRST_SLOT;
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                final int i = base + k;
                final int entry = entries[k];
                final int kind = entry >= 0 ? m[entry >>> CHUNK_SHIFT][entry & CHUNK_MASK] & KIND_MASK : -1;
                final boolean blob = kinds[i] >= KIND_BLOB;
                final boolean found;
                if (entry == FIRST_SLOT_FREE) {
                    found = false;
                } else if (entry >= 0 && (kind >= KIND_BLOB) == blob) {
                    found = blob || kind == kinds[i];
                } else {
                    // Another key in the first slot, or these bytes in the other space (a CLOB of an object's
                    // microdata, say): probe on.
                    found = contains(kinds[i], keys[4 * i], keys[4 * i + 1], keys[4 * i + 2], keys[4 * i + 3]);
                }
                if (!found) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The log index of the record of entry {@code entry}. */
    public long logIndex(final int entry) {
        return words[entry >>> CHUNK_SHIFT][(entry & CHUNK_MASK) * WORDS_PER_ENTRY + 4];
    }

    /** The kind ({@link #KIND_OBJECT} …) of entry {@code entry}. */
    public int kind(final int entry) {
        return metas[entry >>> CHUNK_SHIFT][entry & CHUNK_MASK] & KIND_MASK;
    }

    /** The type id of entry {@code entry} (see {@link TypeNames}); 0 for BLOBs and CLOBs. */
    public int typeId(final int entry) {
        return metas[entry >>> CHUNK_SHIFT][entry & CHUNK_MASK] >>> KIND_BITS;
    }

    /** Word {@code i} (0..3) of the key of entry {@code entry}. */
    public long keyWord(final int entry, final int i) {
        return words[entry >>> CHUNK_SHIFT][(entry & CHUNK_MASK) * WORDS_PER_ENTRY + i];
    }

    /** The key of entry {@code entry} as an {@link IdHash} for ID objects, else as a {@link Hash}. */
    public Sha256Value key(final int entry) {
        final long[] c = words[entry >>> CHUNK_SHIFT];
        final int o = (entry & CHUNK_MASK) * WORDS_PER_ENTRY;
        return kind(entry) == KIND_ID_OBJECT ? IdHash.of(c[o], c[o + 1], c[o + 2], c[o + 3])
            : Hash.of(c[o], c[o + 1], c[o + 2], c[o + 3]);
    }

    /**
     * Adds an entry unless its key is already in its space. Writer thread only.
     *
     * @return true if added, false if the key was present (the first record of a hash wins)
     */
    boolean add(final Sha256Value key, final int kind, final int typeId, final long logIndex) {
        if (kind < KIND_OBJECT || kind > KIND_CLOB || typeId < 0 || typeId > MAX_TYPE_ID) {
            throw new IllegalArgumentException("kind " + kind + ", type id " + typeId);
        }
        final long w0 = key.word(0);
        final long w1 = key.word(1);
        final long w2 = key.word(2);
        final long w3 = key.word(3);
        final boolean blob = kind >= KIND_BLOB;
        if (find(w0, w1, w2, w3, blob) >= 0) {
            return false;
        }
        final int entry = size;
        if (entry == Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("the object index is full");
        }
        ensureChunk(entry);
        final long[] c = words[entry >>> CHUNK_SHIFT];
        final int o = (entry & CHUNK_MASK) * WORDS_PER_ENTRY;
        c[o] = w0;
        c[o + 1] = w1;
        c[o + 2] = w2;
        c[o + 3] = w3;
        c[o + 4] = logIndex;
        metas[entry >>> CHUNK_SHIFT][entry & CHUNK_MASK] = typeId << KIND_BITS | kind;
        if (overLoaded(entry + 1, slots.length)) {
            slots = rebuiltSlots(entry, slots.length * 2);
        }
        final int[] s = slots;
        SLOT.setRelease(s, freeSlot(s, w0, w1), entry + 1);
        size = entry + 1;
        return true;
    }

    private int find(final long w0, final long w1, final long w2, final long w3, final boolean blob) {
        final int[] s = slots;
        final int mask = s.length - 1;
        int i = slot(w0, w1) & mask;
        while (true) {
            final int v = (int) SLOT.getAcquire(s, i);
            if (v == 0) {
                return -1;
            }
            final int entry = v - 1;
            final long[] c = words[entry >>> CHUNK_SHIFT];
            final int o = (entry & CHUNK_MASK) * WORDS_PER_ENTRY;
            if (c[o] == w0 && c[o + 1] == w1 && c[o + 2] == w2 && c[o + 3] == w3
                && (kind(entry) >= KIND_BLOB) == blob) {
                return entry;
            }
            i = (i + 1) & mask;
        }
    }

    private int freeSlot(final int[] s, final long w0, final long w1) {
        final int mask = s.length - 1;
        int i = slot(w0, w1) & mask;
        while (s[i] != 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** A table of {@code capacity} slots holding entries {@code [0, count)}; published by the caller. */
    private int[] rebuiltSlots(final int count, final int capacity) {
        final int[] s = new int[capacity];
        for (int entry = 0; entry < count; entry++) {
            final long[] c = words[entry >>> CHUNK_SHIFT];
            final int o = (entry & CHUNK_MASK) * WORDS_PER_ENTRY;
            s[freeSlot(s, c[o], c[o + 1])] = entry + 1;
        }
        return s;
    }

    private void ensureChunk(final int entry) {
        final int chunk = entry >>> CHUNK_SHIFT;
        if (chunk < words.length) {
            return;
        }
        final long[][] w = Arrays.copyOf(words, chunk + 1);
        w[chunk] = new long[CHUNK_ENTRIES * WORDS_PER_ENTRY];
        final int[][] m = Arrays.copyOf(metas, chunk + 1);
        m[chunk] = new int[CHUNK_ENTRIES];
        // published before any slot points into the new chunk
        metas = m;
        words = w;
    }

    /** Slot hash: two words of the key mixed with the seeds (murmur3 finaliser). */
    private int slot(final long w0, final long w1) {
        return (int) (mix(w0 ^ seed0) ^ mix(w1 ^ seed1));
    }

    private static long mix(final long v) {
        long h = v;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    // ---- checkpoints ----

    /**
     * Writes the index's part of a checkpoint: first the entries added since the last checkpoint into
     * {@link ObjectIndexFile} in {@code dir} (forced), then into {@code out} the count, each chunk's CRC32C pair
     * (words, metas), the two seeds and the slot table. Writer thread only.
     */
    void writeTo(final CheckpointOutput out, final Path dir) {
        final int n = size;
        final int[] crcs = writeEntries(dir, n);
        out.putInt(n);
        out.putInts(crcs, crcs.length);
        final int[] s = slots;
        out.putLong(seed0);
        out.putLong(seed1);
        out.putInt(s.length);
        out.putInts(s, s.length);
    }

    /**
     * Writes entries {@code [entriesOnDisk, n)} into the file, or all {@code n} if it no longer holds those it did,
     * and returns the CRC pair of every chunk of the {@code n}. A chunk already complete on disk is not read again.
     */
    private int[] writeEntries(final Path dir, final int n) {
        final int chunks = chunksFor(n);
        final int[] crcs = Arrays.copyOf(chunkCrcsOnDisk, 2 * chunks);
        try (ObjectIndexFile file = ObjectIndexFile.forWriting(dir)) {
            final int from = file.holds(entriesOnDisk) ? entriesOnDisk : 0;
            if (from == 0) {
                file.writeHeader();
            }
            for (int chunk = from >>> CHUNK_SHIFT; chunk < chunks; chunk++) {
                final int count = Math.min(CHUNK_ENTRIES, n - chunk * CHUNK_ENTRIES);
                final int first = Math.max(0, from - chunk * CHUNK_ENTRIES);
                if (first < count) {
                    crcs[2 * chunk] = file.writeWords(chunk, words[chunk], first, count);
                    crcs[2 * chunk + 1] = file.writeMetas(chunk, metas[chunk], first, count);
                }
            }
            file.force();
        }
        entriesOnDisk = n;
        chunkCrcsOnDisk = crcs;
        return crcs;
    }

    /**
     * An index read from a checkpoint written by {@link #writeTo}, its entries from the {@link ObjectIndexFile} in
     * {@code dir} (each chunk checked against its CRCs), with the seeds and slot table it was written with. The table
     * is checked: the size {@link #add} grows it to for this many entries (never more than 70 % full), holding every
     * entry id exactly once, so a lookup can neither loop nor leave the entries.
     */
    static ObjectIndex readFrom(final CheckpointInput in, final Path dir) {
        final int n = in.getInt();
        if (n < 0) {
            throw in.corrupt("negative object count " + n);
        }
        final int chunks = chunksFor(n);
        final int[] crcs = new int[2 * chunks];
        in.getInts(crcs, crcs.length);
        final ObjectIndex index = new ObjectIndex(in.getLong(), in.getLong());
        final int capacity = in.getInt();
        if (capacity != capacityFor(n)) {
            throw in.corrupt("a slot table of " + capacity + " for " + n + " objects (" + capacityFor(n) + ")");
        }
        final int[] s = new int[capacity];
        in.getInts(s, capacity);
        checkSlots(in, s, n);
        final long[][] w = new long[chunks][];
        final int[][] m = new int[chunks][];
        try (ObjectIndexFile file = ObjectIndexFile.forReading(dir, n)) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                final int entries = Math.min(CHUNK_ENTRIES, n - chunk * CHUNK_ENTRIES);
                w[chunk] = new long[CHUNK_ENTRIES * WORDS_PER_ENTRY];
                m[chunk] = new int[CHUNK_ENTRIES];
                file.readWords(chunk, w[chunk], entries, crcs[2 * chunk]);
                file.readMetas(chunk, m[chunk], entries, crcs[2 * chunk + 1]);
            }
        }
        index.metas = m;
        index.words = w;
        index.slots = s;
        index.size = n;
        index.entriesOnDisk = n;
        index.chunkCrcsOnDisk = crcs;
        return index;
    }

    private static int chunksFor(final int entries) {
        return (int) (((long) entries + CHUNK_ENTRIES - 1) >>> CHUNK_SHIFT);
    }

    /** The slot count {@link #add} reaches for {@code n} entries: doubled from the initial one while over 70 %. */
    private static long capacityFor(final int n) {
        long capacity = INITIAL_SLOTS;
        while (overLoaded(n, capacity)) {
            capacity *= 2;
        }
        return capacity;
    }

    /** The one load rule: a table of {@code capacity} slots holds at most 70 % {@code entries}. */
    private static boolean overLoaded(final long entries, final long capacity) {
        return entries * 100 > capacity * MAX_LOAD_PERCENT;
    }

    private static void checkSlots(final CheckpointInput in, final int[] s, final int n) {
        final boolean[] seen = new boolean[n];
        int used = 0;
        for (final int v : s) {
            if (v == 0) {
                continue;
            }
            if (v < 0 || v > n || seen[v - 1]) {
                throw in.corrupt("slot value " + v + " for " + n + " objects");
            }
            seen[v - 1] = true;
            used++;
        }
        if (used != n) {
            throw in.corrupt(used + " slots in use for " + n + " objects");
        }
    }
}
