package io.chum.bench;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.Canonical;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.ItemType.ArrayType;
import io.chum.model.ItemType.BagType;
import io.chum.model.ItemType.ReferenceToBlob;
import io.chum.model.ItemType.ReferenceToObj;
import io.chum.model.ItemType.StringType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.Rule;
import io.chum.store.OneStore;
import io.chum.store.VersionHead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The shape of the side-by-side data set (peer-benchmark.md §5.2) in ONE terms: the leaves are BLOBs, each
 * git directory {@code dXX} is an unversioned {@value #DIR} object listing its leaves, and the root is the
 * versioned {@value #ROOT} object named {@value #ROOT_NAME} listing the directories in name order, as a git
 * tree lists its entries. A new root version plays the part of git's child commit. Stateless; thread-safe.
 */
final class BenchDataSet {
    /** A directory: its name and the hashes of its leaves (a bag: order is irrelevant, rendered sorted). */
    static final String DIR = "Bench$Dir";
    /** The root: versioned by its name; one version per commit of the git side. */
    static final String ROOT = "Bench$Root";
    /** The one root of a benchmark store. */
    static final String ROOT_NAME = "bench";

    static final Recipe DIR_RECIPE = new Recipe(DIR, List.of(
        Rule.of("dir", StringType.PLAIN),
        Rule.of("entries", new BagType(ReferenceToBlob.INSTANCE))));

    static final Recipe ROOT_RECIPE = new Recipe(ROOT, List.of(
        Rule.id("name", StringType.PLAIN),
        Rule.of("dirs", new ArrayType(new ReferenceToObj(Set.of(DIR))))));

    private BenchDataSet() {
    }

    /** Registers both recipes in {@code store} (nothing is written if they are registered already). */
    static void registerRecipes(final OneStore store) {
        store.registerRecipe(DIR_RECIPE);
        store.registerRecipe(ROOT_RECIPE);
    }

    static OneObject dir(final String name, final List<Hash> entries) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("dir", name);
        values.put("entries", List.copyOf(entries));
        return OneObject.of(DIR, values);
    }

    static OneObject root(final List<Hash> dirs) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", ROOT_NAME);
        values.put("dirs", List.copyOf(dirs));
        return OneObject.of(ROOT, values);
    }

    /** The ID hash of the root, the same in every benchmark store (the target of the IdAccess). */
    static IdHash rootId(final OneStore store) {
        return Canonical.idHashOf(root(List.of()), store.recipes());
    }

    /** The current root version, if the data set was loaded. */
    static Optional<Hash> currentRoot(final OneStore store) {
        return store.currentVersion(rootId(store)).map(VersionHead::data);
    }

    /** The directories of root version {@code root}: name → leaf hashes (mutable copies), sorted by name. */
    static SortedMap<String, List<Hash>> directories(final OneStore store, final Hash root) {
        final SortedMap<String, List<Hash>> dirs = new TreeMap<>();
        for (final Object dirHash : store.readObject(root).getList("dirs")) {
            final OneObject dir = store.readObject((Hash) dirHash);
            final List<Hash> entries = new ArrayList<>();
            for (final Object leaf : dir.getList("entries")) {
                entries.add((Hash) leaf);
            }
            if (dirs.put(dir.getString("dir"), entries) != null) {
                throw new ChumException(ErrorCode.STORE_STATE, "root " + root + " lists directory "
                    + dir.getString("dir") + " twice");
            }
        }
        return dirs;
    }
}
