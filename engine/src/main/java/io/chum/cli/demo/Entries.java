package io.chum.cli.demo;

import io.chum.log.BlobWritten;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.log.ObjectWritten;
import io.chum.microdata.Canonical;
import io.chum.microdata.Microdata;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Reference;
import io.chum.model.Sha256Value;
import io.chum.store.OneStore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of store entries by kind (objects, ID objects, BLOBs, CLOBs), and how the demo computes one without the
 * engine: the reference closure of a root, walked over the microdata the sender's store holds, following the
 * reference kinds the microdata names. Sets are concurrent, so writer threads may add to one set at once; a closure
 * walk runs on one thread.
 */
final class Entries {
    final Set<Hash> objects = ConcurrentHashMap.newKeySet();
    final Set<IdHash> ids = ConcurrentHashMap.newKeySet();
    final Set<Hash> blobs = ConcurrentHashMap.newKeySet();
    final Set<Hash> clobs = ConcurrentHashMap.newKeySet();

    /** All entries in {@code roots}' reference closures in {@code store}, the roots included. */
    void addClosures(final OneStore store, final Collection<? extends Sha256Value> roots) {
        final ArrayDeque<Sha256Value> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            final Sha256Value h = todo.poll();
            final byte[] microdata;
            if (h instanceof IdHash id) {
                if (!ids.add(id)) {
                    continue;
                }
                microdata = store.readIdMicrodata(id);
            } else {
                if (!objects.add((Hash) h)) {
                    continue;
                }
                microdata = store.readMicrodata((Hash) h);
            }
            for (final Reference ref : Microdata.references(microdata)) {
                switch (ref.kind()) {
                    case OBJ, ID -> todo.add(ref.target());
                    case BLOB -> blobs.add(ref.hash());
                    case CLOB -> clobs.add(ref.hash());
                }
            }
        }
    }

    /** Adds the ID object of every versioned object in this set: an importer stores it with the object. */
    void addIdsOfVersionedObjects(final OneStore store) {
        for (final Hash h : List.copyOf(objects)) {
            if (store.recipes().isVersioned(store.typeOf(h))) {
                ids.add(Canonical.idHashOf(store.readObject(h), store.recipes()));
            }
        }
    }

    /** The entries of this set that {@code store} lacks. */
    Entries missingIn(final OneStore store) {
        final Entries r = new Entries();
        objects.stream().filter(h -> !store.containsObject(h)).forEach(r.objects::add);
        ids.stream().filter(h -> !store.exists(h)).forEach(r.ids::add);
        blobs.stream().filter(h -> !store.containsBlob(h)).forEach(r.blobs::add);
        clobs.stream().filter(h -> !store.containsBlob(h)).forEach(r.clobs::add);
        return r;
    }

    /** The entries of this set that {@code store} holds. */
    Entries presentIn(final OneStore store) {
        final Entries r = new Entries();
        objects.stream().filter(store::containsObject).forEach(r.objects::add);
        ids.stream().filter(store::exists).forEach(r.ids::add);
        blobs.stream().filter(store::containsBlob).forEach(r.blobs::add);
        clobs.stream().filter(store::containsBlob).forEach(r.clobs::add);
        return r;
    }

    /** The entries of this set that {@code other} lacks. */
    Entries minus(final Entries other) {
        final Entries r = new Entries();
        objects.stream().filter(h -> !other.objects.contains(h)).forEach(r.objects::add);
        ids.stream().filter(h -> !other.ids.contains(h)).forEach(r.ids::add);
        blobs.stream().filter(h -> !other.blobs.contains(h)).forEach(r.blobs::add);
        clobs.stream().filter(h -> !other.clobs.contains(h)).forEach(r.clobs::add);
        return r;
    }

    /** What the chum with session id {@code session} imported into {@code store}: its log events of that origin. */
    static Entries importedBy(final OneStore store, final long session) {
        final Entries r = new Entries();
        try (LogTailer tailer = store.tailer(session)) {
            for (LogEvent e = tailer.next(); e != null; e = tailer.next()) {
                if (e.origin() != session) {
                    continue;
                }
                if (e instanceof ObjectWritten o) {
                    r.objects.add(o.hash());
                } else if (e instanceof IdObjectWritten i) {
                    r.ids.add(i.idHash());
                } else if (e instanceof BlobWritten b) {
                    (b.clob() ? r.clobs : r.blobs).add(b.hash());
                }
            }
        }
        return r;
    }

    int size() {
        return objects.size() + ids.size() + blobs.size() + clobs.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Up to {@code limit} hashes with their kind, for error messages. */
    String sample(final int limit) {
        final List<String> out = new ArrayList<>();
        objects.stream().limit(limit).forEach(h -> out.add("object " + h.toHex()));
        ids.stream().limit(limit).forEach(h -> out.add("id " + h.toHex()));
        blobs.stream().limit(limit).forEach(h -> out.add("blob " + h.toHex()));
        clobs.stream().limit(limit).forEach(h -> out.add("clob " + h.toHex()));
        return String.join(", ", out.subList(0, Math.min(limit, out.size()))) + (size() > limit ? ", …" : "");
    }
}
