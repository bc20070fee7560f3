package io.chum.bench;

import io.chum.identity.LocalIdentity;
import io.chum.identity.TlsConfig;
import io.chum.log.Durability;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreConfig;
import io.chum.sync.ChumSyncOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One side of a benchmark chum: a new store in a temporary directory (page-cache durability) with an owner (Person,
 * Instance, keys) and the {@link StoreData} recipes, and a list collecting every background error of the store and
 * of its chums (the benchmarks fail if it is not empty). Closing it deletes the directory. Thread-safe as
 * {@link OneStore} is.
 */
final class SyncPeer implements AutoCloseable {
    final String email;
    final Path dir;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final OneStore store;
    final LocalIdentity identity;
    private TlsConfig tls;

    SyncPeer(final String email) {
        this.email = email;
        this.dir = BenchFiles.newTempDir("peer");
        this.store = OneStore.create(dir.resolve("store"), StoreConfig.defaults()
            .withDurability(Durability.PAGE_CACHE).withErrorHandler(errors::add));
        this.identity = LocalIdentity.create(store, email, "bench-" + email);
        StoreData.registerRecipes(store);
    }

    /** Stores the other side's Person and trusts its current key, so chums between the two are accepted. */
    void knows(final SyncPeer other) {
        store.storeVersionedObject(LocalIdentity.person(other.email), StoreAs.CHANGE);
        store.trust(other.email, other.identity.personId(), other.identity.keys().peerKey().raw(), false);
    }

    synchronized TlsConfig tls() {
        if (tls == null) {
            tls = TlsConfig.create(identity.keys());
        }
        return tls;
    }

    /** The options of a chum of this side with {@code remote}; the caller adds the connection. */
    ChumSyncOptions.Builder options(final SyncPeer remote) {
        return ChumSyncOptions.builder()
            .store(store)
            .identity(identity)
            .remotePersonId(remote.identity.personId())
            .chumName("bench")
            .errorHandler(errors::add);
    }

    /** Fails if the store or a chum reported a background error. */
    void checkNoErrors() {
        if (!errors.isEmpty()) {
            throw new IllegalStateException(email + " had " + errors.size() + " background errors, first: "
                + errors.get(0), errors.get(0));
        }
    }

    @Override
    public void close() {
        store.close();
        BenchFiles.deleteRecursively(dir);
    }
}
