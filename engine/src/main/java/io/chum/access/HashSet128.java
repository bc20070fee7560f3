package io.chum.access;

import io.chum.model.Sha256Value;

import java.security.SecureRandom;

/**
 * A compact set of SHA-256 values keyed by their first 128 bits: open addressing with linear probing over one
 * {@code long[]} (two words per slot, at most half full), about 32 bytes per entry instead of about 90 for a
 * {@code HashSet} of hash objects — a chum remembers every hash it offered or wanted. Two different SHA-256 values
 * share their first 128 bits with probability 2^-128 per pair, which nobody can provoke; the slot is chosen by mixing
 * the key with a random per-process seed, so crafted hashes cannot collide in the table either.
 *
 * <p>NOT thread-safe: owned by one thread.
 */
final class HashSet128 {
    private static final long SEED = new SecureRandom().nextLong();
    private static final int INITIAL_SLOTS = 1 << 8;

    /** Two words per slot; a slot of (0, 0) is free (the key (0, 0) is kept in {@link #hasZero}). */
    private long[] table = new long[2 * INITIAL_SLOTS];
    private int size;
    private boolean hasZero;

    boolean add(final Sha256Value h) {
        final long a = h.word(0);
        final long b = h.word(1);
        if (a == 0 && b == 0) {
            final boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        int slot = find(a, b);
        if (table[2 * slot] != 0 || table[2 * slot + 1] != 0) {
            return false;
        }
        if (2 * (size + 1) > slots()) {
            grow();
            slot = find(a, b);
        }
        table[2 * slot] = a;
        table[2 * slot + 1] = b;
        size++;
        return true;
    }

    boolean contains(final Sha256Value h) {
        final long a = h.word(0);
        final long b = h.word(1);
        if (a == 0 && b == 0) {
            return hasZero;
        }
        final int slot = find(a, b);
        return table[2 * slot] != 0 || table[2 * slot + 1] != 0;
    }

    boolean remove(final Sha256Value h) {
        final long a = h.word(0);
        final long b = h.word(1);
        if (a == 0 && b == 0) {
            final boolean removed = hasZero;
            hasZero = false;
            return removed;
        }
        int hole = find(a, b);
        if (table[2 * hole] == 0 && table[2 * hole + 1] == 0) {
            return false;
        }
        // Backward-shift deletion keeps every probe sequence unbroken without tombstones.
        final int mask = slots() - 1;
        int next = (hole + 1) & mask;
        while (table[2 * next] != 0 || table[2 * next + 1] != 0) {
            final int home = home(table[2 * next], table[2 * next + 1]);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                table[2 * hole] = table[2 * next];
                table[2 * hole + 1] = table[2 * next + 1];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        table[2 * hole] = 0;
        table[2 * hole + 1] = 0;
        size--;
        return true;
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    private int slots() {
        return table.length / 2;
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
        final long[] old = table;
        table = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                final int slot = find(old[i], old[i + 1]);
                table[2 * slot] = old[i];
                table[2 * slot + 1] = old[i + 1];
            }
        }
    }
}
