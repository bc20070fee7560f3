package io.chum.sync;

import io.chum.microdata.Canonical;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.testing.OneTestRecipes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object graphs of one.core's "many objects" chum tests ({@code createSubTree}): per subtree about twenty
 * objects with cross links, ID-reference loops (one a self-reference), an object reachable only through an old
 * version ({@code o3113-semiOrphan}), and BLOBs and CLOBs shared between nodes and between subtrees. Stateless.
 */
final class OneTestTrees {
    private OneTestTrees() {
    }

    /** A versioned reference-test object. */
    static OneObject versioned(final String name, final List<Hash> versionedRefs, final List<Hash> unversioned,
                               final List<IdHash> ids, final List<Hash> blobs, final List<Hash> clobs) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        put(v, "versionedRef", versionedRefs);
        put(v, "unversionedRef", unversioned);
        put(v, "idRef", ids);
        put(v, "clob", clobs);
        put(v, "blob", blobs);
        return OneObject.of(OneTestRecipes.VERSIONED_REFERENCE_TEST, v);
    }

    private static void put(final Map<String, Object> v, final String key, final List<?> values) {
        if (!values.isEmpty()) {
            v.put(key, new ArrayList<Object>(values));
        }
    }

    static IdHash idOf(final OneStore store, final String name) {
        return Canonical.idHashOf(versioned(name, List.of(), List.of(), List.of(), List.of(), List.of()),
            store.recipes());
    }

    /** Builds one subtree named {@code prefix} and returns the hash of its top object. */
    static Hash createSubTree(final OneStore store, final String prefix, final Hash sharedBlob,
                              final Hash sharedClob) {
        final Hash blob = ChumTests.blob(store, 3000 + prefix.length() * 17, prefix.hashCode());
        final Hash clob = ChumTests.clob(store, "<p>" + prefix + "</p>");
        final Hash semiClob = ChumTests.clob(store, prefix + "-o3113-semiOrphan");
        final Hash u1 = store.storeObject(ChumTests.referenceTest(List.of(), List.of(blob, sharedBlob),
            List.of(clob))).hash();
        final Hash u2 = store.storeObject(ChumTests.referenceTest(List.of(u1), List.of(), List.of(sharedClob)))
            .hash();
        final Hash u3 = store.storeObject(ChumTests.referenceTest(List.of(u1, u2), List.of(), List.of())).hash();
        Hash chain = u3;
        for (int i = 0; i < 5; i++) {
            chain = store.storeObject(ChumTests.referenceTest(List.of(chain, u1), List.of(blob), List.of())).hash();
        }
        final Hash semiOrphan = store.storeObject(ChumTests.referenceTest(List.of(), List.of(),
            List.of(semiClob))).hash();
        // Two versions of o311: only the old one references the semi-orphan.
        final Hash oldVersion = store.storeVersionedObject(versioned(prefix + "-o311", List.of(),
            List.of(semiOrphan), List.of(), List.of(), List.of()), StoreAs.CHANGE).hash();
        final Hash newVersion = store.storeVersionedObject(versioned(prefix + "-o311", List.of(), List.of(u2),
            List.of(), List.of(), List.of(sharedClob)), StoreAs.CHANGE).hash();
        // An ID loop: A names B's ID and its own, B names A's.
        final IdHash idA = idOf(store, prefix + "-loopA");
        final IdHash idB = idOf(store, prefix + "-loopB");
        store.storeIdObject(versioned(prefix + "-loopB", List.of(), List.of(), List.of(), List.of(), List.of()));
        final Hash loopA = store.storeVersionedObject(versioned(prefix + "-loopA", List.of(), List.of(chain),
            List.of(idB, idA), List.of(), List.of()), StoreAs.CHANGE).hash();
        final Hash loopB = store.storeVersionedObject(versioned(prefix + "-loopB", List.of(loopA), List.of(),
            List.of(idA), List.of(sharedBlob), List.of()), StoreAs.CHANGE).hash();
        final Hash cross = store.storeObject(ChumTests.referenceTest(List.of(u3, chain), List.of(sharedBlob),
            List.of(clob, sharedClob))).hash();
        return store.storeVersionedObject(versioned(prefix + "-top", List.of(oldVersion, newVersion, loopA, loopB),
            List.of(u3, cross), List.of(idA), List.of(blob), List.of(clob)), StoreAs.CHANGE).hash();
    }

    /** A root named {@code name} over {@code subtrees} new subtrees; returns the root's hash. */
    static Hash createTree(final OneStore store, final String name, final int subtrees) {
        final Hash sharedBlob = ChumTests.blob(store, 20_000, 1);
        final Hash sharedClob = ChumTests.clob(store, "<html><body>shared between all subtrees</body></html>");
        final List<Hash> tops = new ArrayList<>();
        for (int i = 0; i < subtrees; i++) {
            tops.add(createSubTree(store, name + "-" + i, sharedBlob, sharedClob));
        }
        return store.storeVersionedObject(versioned(name, tops, List.of(), List.of(), List.of(), List.of()),
            StoreAs.CHANGE).hash();
    }
}
