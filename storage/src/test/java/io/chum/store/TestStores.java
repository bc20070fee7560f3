package io.chum.store;

import io.chum.log.Durability;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.testing.OneTestRecipes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Objects and settings shared by the store tests. */
final class TestStores {
    private TestStores() {
    }

    /** Page-cache durability: tests need no fsync. Background errors are logged. */
    static StoreConfig config() {
        return StoreConfig.defaults().withDurability(Durability.PAGE_CACHE);
    }

    /** As {@link #config()}, with background errors collected into {@code errors}. */
    static StoreConfig config(final List<Throwable> errors) {
        return config().withErrorHandler(errors::add);
    }

    static OneObject person(final String email) {
        return OneObject.of("Person", Map.of("email", email, "name", "Name of " + email));
    }

    static IdHash storePerson(final OneStore store, final String email) {
        return store.storeVersionedObject(person(email), StoreAs.CHANGE).idHash();
    }

    static OneObject group(final String name, final IdHash... persons) {
        return OneObject.of("Group", Map.of("name", name, "person", List.<Object>of((Object[]) persons)));
    }

    /** A versioned test object (OneTest$VersionedReferenceTest) with a name and a list of unversioned refs. */
    static OneObject versioned(final String name, final Hash... refs) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        if (refs.length > 0) {
            v.put("unversionedRef", new ArrayList<Object>(List.of((Object[]) refs)));
        }
        return OneObject.of(OneTestRecipes.VERSIONED_REFERENCE_TEST, v);
    }

    /** An unversioned test object (OneTest$ReferenceTest) with object refs. */
    static OneObject unversioned(final Hash... refs) {
        return OneObject.of(OneTestRecipes.REFERENCE_TEST,
            Map.of("unversionedRef", new ArrayList<Object>(List.of((Object[]) refs))));
    }

    /** Registers the one.core test recipes in {@code store}. */
    static void registerTestRecipes(final OneStore store) {
        for (final var r : OneTestRecipes.ALL) {
            store.registerRecipe(r);
        }
    }

    /** A registry with the same recipes as a store that ran {@link #registerTestRecipes}. */
    static RecipeRegistry testRegistry() {
        return OneTestRecipes.registry();
    }
}
