package io.chum.access;

import io.chum.model.Sha256Value;

import java.security.SecureRandom;

/**
 * A compact map from SHA-256 values, keyed by their first 128 bits, to a small mark (1 to 127; 0 means absent): open
 * addressing with linear probing over one {@code long[]} (two words per slot, at most half full) and a {@code byte[]}
 * of marks, about 34 bytes per entry instead of about 90 for a {@code HashSet} of hash objects — a chum remembers
 * every hash it offered or wanted. One table with a mark answers in one probe what separate sets would answer in one
 * probe each (the closure walk asks "offered, present or unavailable?" of every reference). Two different SHA-256
 * values share their first 128 bits with probability 2^-128 per pair, which nobody can provoke; the slot is chosen by
 * mixing the key with a random per-process seed, so crafted hashes cannot collide in the table either.
 *
 * <p>NOT thread-safe: owned by one thread.
 */
final class HashMap128 {
    private static final long SEED = new SecureRandom().nextLong();
    private static final int INITIAL_SLOTS = 1 << 8;

    /** Two words per slot; a slot of (0, 0) is free (the key (0, 0) is kept in {@link #zeroMark}). */
    private long[] table = new long[2 * INITIAL_SLOTS];
    private byte[] marks = new byte[INITIAL_SLOTS];
    private int size;
    private byte zeroMark;

    /** The mark of {@code h}, or 0 if it is absent. */
    int get(final Sha256Value h) {
        final long a = h.word(0);
        final long b = h.word(1);
        if (a == 0 && b == 0) {
            return zeroMark;
        }
        return marks[find(a, b)];
    }

    /** Marks {@code h} with {@code mark} unless it has a mark; returns the mark it had, 0 if it was absent. */
    int putIfAbsent(final Sha256Value h, final int mark) {
        return put(h, mark, false);
    }

    /** Marks {@code h} with {@code mark}, absent or not; returns the mark it had, 0 if it was absent. */
    int put(final Sha256Value h, final int mark) {
        return put(h, mark, true);
    }

    private int put(final Sha256Value h, final int mark, final boolean replace) {
        if (mark < 1 || mark > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("a mark is 1 to 127: " + mark);
        }
        final long a = h.word(0);
        final long b = h.word(1);
        if (a == 0 && b == 0) {
            final int had = zeroMark;
            if (had == 0 || replace) {
                zeroMark = (byte) mark;
            }
            return had;
        }
        int slot = find(a, b);
        final int had = marks[slot];
        if (had != 0) {
            if (replace) {
                marks[slot] = (byte) mark;
            }
            return had;
        }
        if (2 * (size + 1) > slots()) {
            grow();
            slot = find(a, b);
        }
        table[2 * slot] = a;
        table[2 * slot + 1] = b;
        marks[slot] = (byte) mark;
        size++;
        return 0;
    }

    /** Removes {@code h}; false if it was absent. */
    boolean remove(final Sha256Value h) {
        final long a = h.word(0);
        final long b = h.word(1);
        if (a == 0 && b == 0) {
            final boolean removed = zeroMark != 0;
            zeroMark = 0;
            return removed;
        }
        int hole = find(a, b);
        if (marks[hole] == 0) {
            return false;
        }
        // Backward-shift deletion keeps every probe sequence unbroken without tombstones.
        final int mask = slots() - 1;
        int next = (hole + 1) & mask;
        while (marks[next] != 0) {
            final int home = home(table[2 * next], table[2 * next + 1]);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                table[2 * hole] = table[2 * next];
                table[2 * hole + 1] = table[2 * next + 1];
                marks[hole] = marks[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        table[2 * hole] = 0;
        table[2 * hole + 1] = 0;
        marks[hole] = 0;
        size--;
        return true;
    }

    int size() {
        return size + (zeroMark != 0 ? 1 : 0);
    }

    private int slots() {
        return marks.length;
    }

    private int home(final long a, final long b) {
        long x = (a ^ SEED) * 0x9E3779B97F4A7C15L + b;
        x ^= x >>> 32;
        x *= 0xD6E8FEB86659FD93L;
        x ^= x >>> 32;
        return (int) x & (slots() - 1);
    }

    /** The slot holding (a, b), or the free slot where it would go. */
    private int find(final long a, final long b) {
        final int mask = slots() - 1;
        int slot = home(a, b);
        while (true) {
            final long x = table[2 * slot];
            final long y = table[2 * slot + 1];
            if (x == a && y == b || x == 0 && y == 0) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        final long[] oldTable = table;
        final byte[] oldMarks = marks;
        table = new long[oldTable.length * 2];
        marks = new byte[oldMarks.length * 2];
        for (int i = 0; i < oldMarks.length; i++) {
            if (oldMarks[i] != 0) {
                final int slot = find(oldTable[2 * i], oldTable[2 * i + 1]);
                table[2 * slot] = oldTable[2 * i];
                table[2 * slot + 1] = oldTable[2 * i + 1];
                marks[slot] = oldMarks[i];
            }
        }
    }
}
