package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.testing.OneTestRecipes;
import io.chum.testing.RandomObjects;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Drives a store with a seeded random history: unversioned objects referencing earlier objects, BLOBs, CLOBs
 * and IDs; versioned objects stored with CHANGE, MERGE and NO_VERSION_MAP; persons, groups, grants with ADD
 * and REPLACE; random application recipes and objects of them; trust decisions and chum records. Not
 * thread-safe; the seed goes into failure messages.
 */
final class RandomHistory {
    private final OneStore store;
    private final long seed;
    private final Random random;
    private final RandomObjects generator;
    private final List<Hash> objects = new ArrayList<>();
    private final List<Hash> blobs = new ArrayList<>();
    private final List<Hash> clobs = new ArrayList<>();
    private final List<IdHash> ids = new ArrayList<>();
    private final List<IdHash> persons = new ArrayList<>();
    private final List<IdHash> groups = new ArrayList<>();
    private final List<Recipe> recipes = new ArrayList<>();

    RandomHistory(final OneStore store, final long seed) {
        this.store = store;
        this.seed = seed;
        this.random = new Random(seed);
        this.generator = new RandomObjects(seed);
        TestStores.registerTestRecipes(store);
    }

    void run(final int steps) {
        for (int i = 0; i < steps; i++) {
            step();
        }
    }

    private void step() {
        switch (random.nextInt(14)) {
            case 0 -> blobs.add(store.storeBlob(new ByteArrayInputStream(randomBytes())).hash());
            case 1 -> clobs.add(store.storeClob(new StringReader(generator.randomString())).hash());
            case 2, 3, 4 -> objects.add(store.storeObject(referenceTest()).hash());
            case 5, 6 -> versioned();
            case 7 -> persons.add(TestStores.storePerson(store, "p" + random.nextInt(12) + "@example.com"));
            case 8 -> group();
            case 9 -> grant();
            case 10 -> recipes.add(recipe());
            case 11 -> applicationObject();
            case 12 -> trust();
            default -> store.appendChumRecord(random.nextInt(5), randomBytes(), random.nextInt(3));
        }
    }

    private OneObject referenceTest() {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("unversionedRef", pick(objects, 3));
        v.put("idRef", pick(ids, 2));
        v.put("blob", pick(blobs, 2));
        v.put("clob", pick(clobs, 2));
        if (!ids.isEmpty() && !objects.isEmpty() && random.nextBoolean()) {
            v.put("mapRef", Map.of(ids.get(random.nextInt(ids.size())), objects.get(random.nextInt(objects.size()))));
        }
        return OneObject.of(OneTestRecipes.REFERENCE_TEST, v);
    }

    private void versioned() {
        final String name = "doc" + random.nextInt(8);
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("unversionedRef", pick(objects, 2));
        v.put("blob", pick(blobs, 1));
        final StoreAs as = StoreAs.values()[random.nextInt(3)];
        final StoreResult r = store.storeVersionedObject(OneObject.of(OneTestRecipes.VERSIONED_REFERENCE_TEST, v), as);
        objects.add(r.hash());
        if (!ids.contains(r.idHash())) {
            ids.add(r.idHash());
        }
    }

    private void group() {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "group" + random.nextInt(4));
        v.put("person", pick(persons, 3));
        groups.add(store.storeVersionedObject(OneObject.of("Group", v), StoreAs.CHANGE).idHash());
    }

    private void grant() {
        final List<IdHash> p = castIds(pick(persons, 3));
        final List<IdHash> g = castIds(pick(groups, 2));
        final AccessMode mode = random.nextBoolean() ? AccessMode.ADD : AccessMode.REPLACE;
        if (random.nextBoolean() && !objects.isEmpty()) {
            store.createAccess(AccessRequest.forObject(objects.get(random.nextInt(objects.size())), p, g, mode));
        } else if (!ids.isEmpty()) {
            store.createAccess(AccessRequest.forId(ids.get(random.nextInt(ids.size())), p, g, mode));
        }
    }

    private Recipe recipe() {
        final Recipe r = generator.randomRecipe();
        store.registerRecipe(r);
        return r;
    }

    /** A random object of a random application recipe: its random references are usually missing. */
    private void applicationObject() {
        if (recipes.isEmpty()) {
            return;
        }
        final Recipe recipe = recipes.get(random.nextInt(recipes.size()));
        final OneObject obj = generator.randomObject(store.recipes().recipe(recipe.name()));
        try {
            if (store.recipes().recipe(recipe.name()).isVersioned()) {
                store.storeVersionedObject(obj, StoreAs.values()[random.nextInt(3)]);
            } else {
                store.storeObject(obj);
            }
        } catch (final ChumException e) {
            if (e.errorCode() != ErrorCode.MISSING_REFERENCE) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    private void trust() {
        if (persons.isEmpty()) {
            return;
        }
        final byte[] key = new byte[32];
        key[random.nextInt(4)] = (byte) random.nextInt(3);
        final IdHash person = persons.get(random.nextInt(persons.size()));
        // a key proves one person: a trusted key may only be trusted again or revoked, for its person
        final Optional<TrustEntry> current = store.trustedKey(key);
        if (current.isPresent()) {
            store.trust("someone@example.com", current.get().person(), key, random.nextBoolean());
        } else {
            store.trust("someone@example.com", person, key, false);
        }
    }

    private byte[] randomBytes() {
        final byte[] b = new byte[random.nextInt(4) == 0 ? 300_000 + random.nextInt(300_000) : random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }

    private List<Object> pick(final List<?> from, final int max) {
        final List<Object> out = new ArrayList<>();
        if (from.isEmpty()) {
            return out;
        }
        final int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            out.add(from.get(random.nextInt(from.size())));
        }
        return out;
    }

    private static List<IdHash> castIds(final List<Object> list) {
        return list.stream().map(IdHash.class::cast).toList();
    }
}
