package io.chum.projection;

import io.chum.model.Json;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeJson;
import io.chum.model.RecipeRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Application recipes registered by Recipe objects in the log: every Recipe object event registers its recipe
 * into the store's {@link RecipeRegistry}, in log order (a later one replaces an earlier one of the same name).
 * The registered recipes are remembered, as declared (canonical JSON), in registration order, so a checkpoint
 * can register them again in the same order.
 *
 * <p>Threading: writer thread only; the registry itself is thread-safe for readers.
 */
final class RegisteredRecipes {
    private final RecipeRegistry registry;
    private final List<String> declared = new ArrayList<>();

    RegisteredRecipes(final RecipeRegistry registry) {
        this.registry = registry;
    }

    /** Registers the recipe a Recipe object describes; {@code CS-RECIPE} if it cannot be registered. */
    void register(final OneObject recipeObject) {
        register(RecipeJson.fromOneObject(recipeObject));
    }

    /** Registers a recipe given as canonical JSON (from a checkpoint). */
    void registerJson(final String json) {
        register(RecipeJson.fromJson(json));
    }

    private void register(final Recipe recipe) {
        registry.register(recipe);
        declared.add(Json.write(RecipeJson.toJson(recipe)));
    }

    List<String> declared() {
        return List.copyOf(declared);
    }

    void writeTo(final CheckpointOutput out) {
        out.putInt(declared.size());
        for (final String json : declared) {
            out.putString(json);
        }
    }

    /** Reads the JSON list; registering is left to the caller, after the whole checkpoint proved intact. */
    static List<String> readFrom(final CheckpointInput in) {
        final int n = in.getCount("recipe");
        final List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.getString());
        }
        return out;
    }
}
