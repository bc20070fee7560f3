package io.chum.cli.demo;

import io.chum.identity.LocalIdentity;
import io.chum.identity.TlsConfig;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.store.AccessMode;
import io.chum.store.AccessRequest;
import io.chum.store.BlobResult;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreConfig;
import io.chum.store.StoreResult;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance of the demo (alice or bob): its store with the default settings, its owner, and the record of what
 * the demo wrote there and granted to the peer, from which the checks compute what must and what must not arrive
 * on the other side. Writes go through the recording methods here. Thread-safe: the sample-data writer threads
 * record concurrently (concurrent sets and counters).
 */
final class DemoSide implements AutoCloseable {
    /** Short name for output: alice or bob. */
    final String name;
    final OneStore store;
    final LocalIdentity identity;
    final TlsConfig tls;
    /** Background errors of the store and of its chum: the demo fails if any. */
    final List<Throwable> backgroundErrors = new CopyOnWriteArrayList<>();
    /** Every object, ID object (incl. version nodes), BLOB and CLOB the demo wrote here as sample data. */
    final Entries written = new Entries();
    /** Objects granted to the peer with an Access (to the peer or to a group it is in). */
    final Set<Hash> accessRoots = ConcurrentHashMap.newKeySet();
    /** IDs granted to the peer with an IdAccess (to the peer or to a group it is in). */
    final Set<IdHash> idAccessRoots = ConcurrentHashMap.newKeySet();
    /** The version nodes the demo wrote, by ID. */
    final Map<IdHash, Set<Hash>> versionNodes = new ConcurrentHashMap<>();
    /** Data objects written (note and album versions, photos): what {@code --objects} counts. */
    final AtomicLong dataObjects = new AtomicLong();
    /** BLOB and CLOB bytes written. */
    final AtomicLong blobBytes = new AtomicLong();

    private DemoSide(final String name, final Path dir, final String email, final String instance) {
        this.name = name;
        this.store = OneStore.create(dir, StoreConfig.defaults().withErrorHandler(backgroundErrors::add));
        this.identity = LocalIdentity.create(store, email, instance);
        this.tls = TlsConfig.create(identity.keys());
        for (final Recipe r : DemoRecipes.ALL) {
            store.registerRecipe(r);
        }
    }

    /** A new store in {@code dir} owned by {@code email}, instance {@code instance}, with the demo's recipes. */
    static DemoSide create(final String name, final Path dir, final String email, final String instance) {
        return new DemoSide(name, dir, email, instance);
    }

    IdHash person() {
        return identity.personId();
    }

    /** Stores the peer's Person (so grants can name it) and trusts its key: what {@code chum trust} does. */
    void trust(final DemoSide peer) {
        store.storeVersionedObject(LocalIdentity.person(peer.identity.email()), StoreAs.CHANGE);
        store.trust(peer.identity.email(), peer.person(), peer.identity.keys().peerKey().raw(), false);
    }

    /** Stores the Person of someone with no instance here, so grants can name them. */
    IdHash knowPerson(final String email) {
        return store.storeVersionedObject(LocalIdentity.person(email), StoreAs.CHANGE).idHash();
    }

    /** A Group of {@code members}; returns its ID hash. */
    IdHash group(final String groupName, final List<IdHash> members) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", groupName);
        v.put("person", List.<Object>copyOf(members));
        return store.storeVersionedObject(OneObject.of(CoreRecipes.GROUP, v), StoreAs.CHANGE).idHash();
    }

    Hash blob(final byte[] bytes) {
        final BlobResult r = store.storeBlob(new ByteArrayInputStream(bytes));
        written.blobs.add(r.hash());
        blobBytes.addAndGet(bytes.length);
        return r.hash();
    }

    Hash clob(final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final BlobResult r = store.storeClob(new ByteArrayInputStream(bytes));
        written.clobs.add(r.hash());
        blobBytes.addAndGet(bytes.length);
        return r.hash();
    }

    /** Stores an unversioned data object. */
    Hash object(final OneObject obj) {
        final Hash h = store.storeObject(obj).hash();
        written.objects.add(h);
        dataObjects.incrementAndGet();
        return h;
    }

    /** Stores a new version (CHANGE) of a versioned data object and records its ID and version node. */
    StoreResult version(final OneObject obj) {
        final StoreResult r = store.storeVersionedObject(obj, StoreAs.CHANGE);
        written.objects.add(r.hash());
        written.ids.add(r.idHash());
        dataObjects.incrementAndGet();
        if (r.versionNode() != null) {
            written.objects.add(r.versionNode());
            versionNodes.computeIfAbsent(r.idHash(), k -> ConcurrentHashMap.newKeySet()).add(r.versionNode());
        }
        return r;
    }

    /**
     * Grants an Access to {@code object} (REPLACE); {@code reachesPeer} says whether the persons or groups include
     * the peer, so that the object's closure must arrive there.
     */
    void grantObject(final Hash object, final Collection<IdHash> persons, final Collection<IdHash> groups,
                     final boolean reachesPeer) {
        store.createAccess(AccessRequest.forObject(object, persons, groups, AccessMode.REPLACE));
        if (reachesPeer) {
            accessRoots.add(object);
        }
    }

    /** Grants an IdAccess to {@code id} (REPLACE): all its versions, present and future. */
    void grantId(final IdHash id, final Collection<IdHash> persons, final Collection<IdHash> groups,
                 final boolean reachesPeer) {
        store.createAccess(AccessRequest.forId(id, persons, groups, AccessMode.REPLACE));
        if (reachesPeer) {
            idAccessRoots.add(id);
        }
    }

    /**
     * What the peer may access of what the demo wrote and granted here, computed from the demo's own record: the
     * closures of the Access roots; for every IdAccess root the closure of its ID object and of every version node
     * written for it; and the ID object of every versioned object in there (the importer stores it with the
     * object). Call it when the writes have ended.
     */
    Entries grantedToPeer() {
        final Entries e = new Entries();
        e.addClosures(store, accessRoots);
        for (final IdHash id : idAccessRoots) {
            e.addClosures(store, List.of(id));
            e.addClosures(store, versionNodes.getOrDefault(id, Set.of()));
        }
        e.addIdsOfVersionedObjects(store);
        return e;
    }

    @Override
    public void close() {
        store.close();
    }
}
