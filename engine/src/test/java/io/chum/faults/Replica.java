package io.chum.faults;

import io.chum.identity.LocalIdentity;
import io.chum.log.Durability;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Recipe;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreConfig;
import io.chum.store.StoredKind;
import io.chum.store.VerifyListener;
import io.chum.store.VerifyReport;
import io.chum.testing.OneTestRecipes;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One store of a fault test, known by its directory: created here with an owner (Person, Instance, keys) and the
 * one.core test recipes, then used by child processes (the CLI, test mains) and opened in the test JVM only to write
 * test data or to look at what it holds. Holds no open store itself; thread-safe (immutable).
 *
 * @param dir      the store directory
 * @param email    the owner's email
 * @param instance the instance name
 * @param person   the owner's Person ID hash
 * @param key      the instance's public sign key (32 bytes), what peers trust
 */
record Replica(Path dir, String email, String instance, IdHash person, byte[] key) {

    /** A new store in {@code dir}, closed again when this returns. */
    static Replica create(final Path dir, final String email, final String instance) {
        try (OneStore store = OneStore.create(dir, config(new CopyOnWriteArrayList<>()))) {
            final LocalIdentity identity = LocalIdentity.create(store, email, instance);
            for (final Recipe r : OneTestRecipes.ALL) {
                store.registerRecipe(r);
            }
            return new Replica(dir, email, instance, identity.personId(), identity.keys().peerKey().raw());
        }
    }

    /** Two new stores whose owners trust each other's keys (as {@code chum trust} does). */
    static Replica[] pair(final Path tmp) {
        final Replica alice = create(tmp.resolve("alice"), "alice@mail.com", "Alice");
        final Replica bob = create(tmp.resolve("bob"), "bob@mail.com", "Bob");
        alice.trust(bob);
        bob.trust(alice);
        return new Replica[] {alice, bob};
    }

    /** The config of stores opened in the test JVM: page cache durability, errors into {@code errors}. */
    static StoreConfig config(final List<Throwable> errors) {
        return StoreConfig.defaults().withDurability(Durability.PAGE_CACHE).withErrorHandler(errors::add);
    }

    /** Opens the store in the test JVM (other processes may have it open too). The caller closes it. */
    OneStore open() {
        return OneStore.open(dir, config(new CopyOnWriteArrayList<>()));
    }

    /** Stores {@code other}'s Person and trusts its key. */
    void trust(final Replica other) {
        try (OneStore store = open()) {
            store.storeVersionedObject(LocalIdentity.person(other.email), StoreAs.CHANGE);
            store.trust(other.email, other.person, other.key, false);
        }
    }

    /** The test data a store holds: objects of the one.core test types, BLOBs and CLOBs. */
    static Entries dataOf(final OneStore store) {
        final Set<Hash> objects = new HashSet<>();
        final Set<Hash> blobs = new HashSet<>();
        store.forEachEntry(e -> {
            if (e.kind() == StoredKind.OBJECT && e.type() != null && e.type().startsWith("OneTest$")) {
                objects.add((Hash) e.hash());
            } else if (e.kind() == StoredKind.BLOB || e.kind() == StoredKind.CLOB) {
                blobs.add((Hash) e.hash());
            }
        });
        return new Entries(objects, blobs);
    }

    /** Opens the store and returns its test data. */
    Entries data() {
        try (OneStore store = open()) {
            return dataOf(store);
        }
    }

    /** Opens the store and asserts that verify finds nothing wrong. */
    VerifyReport assertVerifies(final String context) {
        try (OneStore store = open()) {
            final VerifyReport report = store.verify(VerifyListener.NONE);
            assertTrue(report.ok(), email + "'s store does not verify " + context + ": " + report.problems());
            return report;
        }
    }

    @Override
    public String toString() {
        return email + " (" + dir + ")";
    }
}
