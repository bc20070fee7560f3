package io.chum.bench;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.VersionHead;
import io.chum.sync.ChumResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alice and Bob of the sync benchmarks. Alice holds {@code objects} 1 KiB leaves in folders of 1 000 under a
 * versioned root, shared with Bob by one IdAccess on the root's ID (the shape of the git comparison, with objects
 * instead of BLOBs); both stores use page-cache durability. Not thread-safe: one benchmark thread owns it.
 */
final class SyncFixture implements AutoCloseable {
    private static final String ALICE = "alice@bench";
    private static final String BOB = "bob@bench";

    final BenchChum.Transport transport;
    final SyncPeer alice;
    SyncPeer bob;
    private final List<Hash> folders;
    private final IdHash rootId;
    private long leaves;

    SyncFixture(final int objects, final BenchChum.Transport transport) {
        this.transport = transport;
        alice = new SyncPeer(ALICE);
        folders = new ArrayList<>(StoreData.importLeaves(alice.store, 0, objects, null));
        leaves = objects;
        rootId = StoreData.publish(alice.store, folders).idHash();
        bob = new SyncPeer(BOB);
        alice.knows(bob);
        bob.knows(alice);
        alice.store.createAccess(AccessRequest.forId(rootId, List.of(bob.identity.personId()), List.of(),
            AccessMode.REPLACE));
    }

    /** Replaces Bob by a new, empty store with a new identity (same Person), which Alice trusts. */
    void newBob() {
        bob.close();
        bob = new SyncPeer(BOB);
        alice.knows(bob);
        bob.knows(alice);
    }

    /** Adds {@code count} leaves (at least one) in new folders and publishes a new root version. */
    void grow(final long count) {
        final long more = Math.max(1, count);
        folders.addAll(StoreData.importLeaves(alice.store, leaves, more, null));
        leaves += more;
        StoreData.publish(alice.store, folders);
    }

    /** One chum that does not keep running, to its end; returns Bob's result. */
    ChumResult sync() throws Exception {
        return BenchChum.syncOnce(transport, alice, bob);
    }

    /** Fails unless Bob's current root is Alice's and no side reported a background error. */
    void checkInSync() {
        final Optional<VersionHead> a = alice.store.currentVersion(rootId);
        final Optional<VersionHead> b = bob.store.currentVersion(rootId);
        if (a.isEmpty() || b.isEmpty() || !a.get().data().equals(b.get().data())) {
            throw new IllegalStateException("Bob's root " + b + " is not Alice's " + a);
        }
        alice.checkNoErrors();
        bob.checkNoErrors();
    }

    @Override
    public void close() {
        bob.close();
        alice.close();
    }
}
