package io.chum.sync;

import io.chum.log.BlobWritten;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.log.ObjectWritten;
import io.chum.microdata.Microdata;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Reference;
import io.chum.model.Sha256Value;
import io.chum.store.AccessGrants;
import io.chum.store.OneStore;
import io.chum.store.StoredKind;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of store entries by kind, computed independently of the engine: reference closures of roots, what a person
 * may access, everything a store holds, what one chum imported. For assertions. NOT thread-safe.
 */
final class Reach {
    final Set<Hash> objects = new HashSet<>();
    final Set<IdHash> ids = new HashSet<>();
    final Set<Hash> blobs = new HashSet<>();
    final Set<Hash> clobs = new HashSet<>();

    /** The closure of object {@code root} in {@code store}: the root, and everything it references, transitively. */
    static Reach closureOf(final OneStore store, final Sha256Value... roots) {
        final Reach r = new Reach();
        for (final Sha256Value root : roots) {
            r.addClosure(store, root);
        }
        return r;
    }

    /**
     * Everything {@code person} may access in {@code store} (one-spec §4.2 and §4.4): closures of Access targets;
     * for IdAccess targets the ID object's closure and every version node's closure; plus the ID object of every
     * versioned object in there (an importer derives it).
     */
    static Reach accessibleTo(final OneStore store, final IdHash person) {
        final Reach r = new Reach();
        final AccessGrants grants = store.grantsFor(person);
        for (final Hash h : grants.objects()) {
            r.addClosure(store, h);
        }
        for (final IdHash id : grants.ids()) {
            r.addClosure(store, id);
            for (final Hash node : store.versionNodes(id)) {
                r.addClosure(store, node);
            }
        }
        for (final Hash h : Set.copyOf(r.objects)) {
            final String type = store.typeOf(h);
            if (store.recipes().recipe(type).isVersioned()) {
                r.ids.add(io.chum.microdata.Canonical.idHashOf(store.readObject(h), store.recipes()));
            }
        }
        return r;
    }

    /** What the chum with session {@code sessionId} imported into {@code store} (its log events with that origin). */
    static Reach importedBy(final OneStore store, final long sessionId) {
        final Reach r = new Reach();
        try (LogTailer t = store.tailer(sessionId)) {
            for (LogEvent e = t.next(); e != null; e = t.next()) {
                if (e.origin() != sessionId) {
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

    /** Everything {@code store} holds. */
    static Reach contentOf(final OneStore store) {
        final Reach r = new Reach();
        store.forEachEntry(e -> {
            switch (e.kind()) {
                case OBJECT -> r.objects.add((Hash) e.hash());
                case ID_OBJECT -> r.ids.add((IdHash) e.hash());
                case BLOB -> r.blobs.add((Hash) e.hash());
                case CLOB -> r.clobs.add((Hash) e.hash());
            }
        });
        return r;
    }

    private void addClosure(final OneStore store, final Sha256Value root) {
        final ArrayDeque<Sha256Value> todo = new ArrayDeque<>();
        todo.add(root);
        final Set<Sha256Value> seenBlobs = new HashSet<>();
        while (!todo.isEmpty()) {
            final Sha256Value h = todo.poll();
            final byte[] md;
            if (h instanceof IdHash id) {
                if (!ids.add(id)) {
                    continue;
                }
                md = store.readIdMicrodata(id);
            } else {
                if (!objects.add((Hash) h)) {
                    continue;
                }
                md = store.readMicrodata((Hash) h);
            }
            for (final Reference ref : Microdata.references(md)) {
                switch (ref.kind()) {
                    case OBJ, ID -> todo.add(ref.target());
                    case BLOB, CLOB -> {
                        if (seenBlobs.add(ref.target())) {
                            final StoredKind kind = store.blobInfo((Hash) ref.target()).clob() ? StoredKind.CLOB
                                : StoredKind.BLOB;
                            (kind == StoredKind.CLOB ? clobs : blobs).add((Hash) ref.target());
                        }
                    }
                }
            }
        }
    }

    /** True if every entry of this set is in {@code other}. */
    boolean isSubsetOf(final Reach other) {
        return other.objects.containsAll(objects) && other.ids.containsAll(ids) && other.blobs.containsAll(blobs)
            && other.clobs.containsAll(clobs);
    }

    /** The entries of this set that {@code other} lacks, for failure messages. */
    Reach minus(final Reach other) {
        final Reach r = new Reach();
        objects.stream().filter(h -> !other.objects.contains(h)).forEach(r.objects::add);
        ids.stream().filter(h -> !other.ids.contains(h)).forEach(r.ids::add);
        blobs.stream().filter(h -> !other.blobs.contains(h)).forEach(r.blobs::add);
        clobs.stream().filter(h -> !other.clobs.contains(h)).forEach(r.clobs::add);
        return r;
    }

    /** True if {@code store} holds every entry of this set. */
    boolean allIn(final OneStore store) {
        return objects.stream().allMatch(store::containsObject) && ids.stream().allMatch(store::exists)
            && blobs.stream().allMatch(store::containsBlob) && clobs.stream().allMatch(store::containsBlob);
    }

    int size() {
        return objects.size() + ids.size() + blobs.size() + clobs.size();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Reach r && r.objects.equals(objects) && r.ids.equals(ids) && r.blobs.equals(blobs)
            && r.clobs.equals(clobs);
    }

    @Override
    public int hashCode() {
        return objects.hashCode() ^ ids.hashCode() ^ blobs.hashCode() ^ clobs.hashCode();
    }

    @Override
    public String toString() {
        return "Reach[objects=" + objects + ", ids=" + ids + ", blobs=" + blobs + ", clobs=" + clobs + "]";
    }
}
