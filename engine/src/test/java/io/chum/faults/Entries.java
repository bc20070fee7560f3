package io.chum.faults;

import io.chum.model.Hash;
import io.chum.store.OneStore;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of test data: objects and BLOBs (CLOBs count as BLOBs), by hash. Immutable (the sets are copied).
 *
 * @param objects the objects
 * @param blobs   the BLOBs and CLOBs
 */
record Entries(Set<Hash> objects, Set<Hash> blobs) {
    Entries {
        objects = Set.copyOf(objects);
        blobs = Set.copyOf(blobs);
    }

    int size() {
        return objects.size() + blobs.size();
    }

    Entries plus(final Entries other) {
        final Set<Hash> o = new HashSet<>(objects);
        o.addAll(other.objects);
        final Set<Hash> b = new HashSet<>(blobs);
        b.addAll(other.blobs);
        return new Entries(o, b);
    }

    /** How many of these entries {@code store} holds. */
    int presentIn(final OneStore store) {
        int n = 0;
        for (final Hash h : objects) {
            n += store.containsObject(h) ? 1 : 0;
        }
        for (final Hash h : blobs) {
            n += store.containsBlob(h) ? 1 : 0;
        }
        return n;
    }

    /**
     * Waits until {@code store} holds all these entries (written by other processes), polling; fails after
     * {@code timeout} with how many arrived.
     */
    void awaitIn(final OneStore store, final Duration timeout, final String what) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int present = presentIn(store);
        while (present < size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": only " + present + " of " + size() + " entries arrived within "
                    + timeout);
            }
            Thread.sleep(100);
            present = presentIn(store);
        }
    }

    /** A short description for assertion messages. */
    @Override
    public String toString() {
        return objects.size() + " objects and " + blobs.size() + " BLOBs";
    }
}
