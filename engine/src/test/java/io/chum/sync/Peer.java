package io.chum.sync;

import io.chum.identity.LocalIdentity;
import io.chum.identity.TlsConfig;
import io.chum.log.Durability;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreConfig;
import io.chum.testing.OneTestRecipes;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One instance of a test: a store in a temp directory with an owner (Person, Instance, keys), the one.core test
 * recipes, and a list that collects every background error of the store and of its chums (tests assert it stays
 * empty). Not thread-safe beyond what OneStore is.
 */
final class Peer implements AutoCloseable {
    final String email;
    final Path dir;
    final List<Throwable> backgroundErrors = new CopyOnWriteArrayList<>();
    final OneStore store;
    final LocalIdentity identity;
    private TlsConfig tls;

    private Peer(final Path dir, final String email, final String instance) {
        this.email = email;
        this.dir = dir;
        this.store = OneStore.create(dir, config(backgroundErrors));
        this.identity = LocalIdentity.create(store, email, instance);
        for (final Recipe r : OneTestRecipes.ALL) {
            store.registerRecipe(r);
        }
    }

    private Peer(final Path dir, final String email, final OneStore reopened) {
        this.email = email;
        this.dir = dir;
        this.store = reopened;
        this.identity = LocalIdentity.load(reopened);
    }

    static StoreConfig config(final List<Throwable> errors) {
        return StoreConfig.defaults().withDurability(Durability.PAGE_CACHE).withErrorHandler(errors::add);
    }

    /** A new store owned by {@code email} with instance {@code instance}. */
    static Peer create(final Path dir, final String email, final String instance) {
        return new Peer(dir, email, instance);
    }

    /** Alice of one.core's chum tests. */
    static Peer alice(final Path tmp) {
        return create(tmp.resolve("alice"), "alice@mail.com", "MainAlice");
    }

    /** Bob of one.core's chum tests. */
    static Peer bob(final Path tmp) {
        return create(tmp.resolve("bob"), "bob@mail.com", "MainBob");
    }

    /** Opens the existing store in {@code dir} (written by another process, say). */
    static Peer open(final Path dir, final String email) {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        return new Peer(dir, email, OneStore.open(dir, config(errors)));
    }

    /** Closes this peer's store and opens it again (a restart). */
    Peer reopen() {
        store.close();
        return new Peer(dir, email, OneStore.open(dir, config(backgroundErrors)));
    }

    IdHash person() {
        return identity.personId();
    }

    /** Stores the other peer's Person (so grants can name it) and trusts its key, as one.core's tests do. */
    void knows(final Peer other) {
        store.storeVersionedObject(LocalIdentity.person(other.email), StoreAs.CHANGE);
        store.trust(other.email, other.person(), other.identity.keys().peerKey().raw(), false);
    }

    synchronized TlsConfig tls() {
        if (tls == null) {
            tls = TlsConfig.create(identity.keys());
        }
        return tls;
    }

    Hash put(final OneObject obj) {
        return store.storeObject(obj).hash();
    }

    Hash putVersion(final OneObject obj) {
        return store.storeVersionedObject(obj, StoreAs.CHANGE).hash();
    }

    /** Access to object {@code target} for {@code persons} (REPLACE). */
    void grant(final Hash target, final IdHash... persons) {
        store.createAccess(AccessRequest.forObject(target, List.of(persons), List.of(), AccessMode.REPLACE));
    }

    /** IdAccess to {@code target} for {@code persons} (REPLACE). */
    void grantId(final IdHash target, final IdHash... persons) {
        store.createAccess(AccessRequest.forId(target, List.of(persons), List.of(), AccessMode.REPLACE));
    }

    /** The options every test chum of this peer starts from. */
    ChumSyncOptions.Builder options(final Peer remote) {
        return ChumSyncOptions.builder()
            .store(store)
            .identity(identity)
            .remotePersonId(remote.person())
            .chumName("MochaTest")
            .errorHandler(backgroundErrors::add);
    }

    @Override
    public void close() {
        store.close();
    }
}
