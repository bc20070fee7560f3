package io.chum.model;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recipes an instance knows: the core recipes plus registered application recipes.
 *
 * <p>Registration resolves {@code inheritFrom} and checks the recipe's shape. Thread-safe: reads see an
 * immutable snapshot; registrations are serialised and publish a new snapshot (copy-on-write), because
 * recipes are registered rarely (by the store's projector replaying Recipe objects) and read on every
 * serialisation.
 */
public final class RecipeRegistry {
    private volatile Map<String, Recipe> recipes;

    private RecipeRegistry(final Map<String, Recipe> recipes) {
        this.recipes = recipes;
    }

    /** A registry holding the core recipes only. */
    public static RecipeRegistry withCoreRecipes() {
        final Map<String, Recipe> map = new LinkedHashMap<>();
        for (final Recipe r : CoreRecipes.ALL) {
            map.put(r.name(), r);
        }
        return new RecipeRegistry(Map.copyOf(map));
    }

    /** The recipe of {@code type}; {@code CS-OBJ-UNKNOWN-TYPE} if none is registered. */
    public Recipe recipe(final String type) {
        final Recipe r = recipes.get(type);
        if (r == null) {
            throw new ChumException(ErrorCode.UNKNOWN_TYPE, "no recipe for type " + type);
        }
        return r;
    }

    /** The recipe of {@code type}, or null. */
    public Recipe find(final String type) {
        return recipes.get(type);
    }

    /** True if a recipe is registered for {@code type}. */
    public boolean contains(final String type) {
        return recipes.containsKey(type);
    }

    /** True if {@code type} is known and versioned. */
    public boolean isVersioned(final String type) {
        return recipe(type).isVersioned();
    }

    /** Every registered recipe. */
    public Collection<Recipe> all() {
        return recipes.values();
    }

    /**
     * Registers (or replaces) an application recipe and returns it with {@code inheritFrom} resolved.
     * Core recipes cannot be replaced: {@code CS-RECIPE}.
     */
    public synchronized Recipe register(final Recipe recipe) {
        final Recipe resolved = check(recipe);
        if (CoreRecipes.isCore(recipe.name())) {
            return resolved;
        }
        final Map<String, Recipe> next = new LinkedHashMap<>(recipes);
        next.put(resolved.name(), resolved);
        recipes = Map.copyOf(next);
        return resolved;
    }

    /**
     * What {@link #register} would register, without registering it: the recipe with {@code inheritFrom} resolved
     * against the recipes registered now; {@code CS-RECIPE} if it is malformed or would replace a core recipe.
     * Lets a store refuse a bad recipe before it writes it.
     */
    public Recipe check(final Recipe recipe) {
        if (CoreRecipes.isCore(recipe.name())) {
            final Recipe core = recipes.get(recipe.name());
            if (core.equals(recipe)) {
                return core;
            }
            throw new ChumException(ErrorCode.BAD_RECIPE, "core recipe " + recipe.name() + " cannot be replaced");
        }
        if (recipe.name().isEmpty()) {
            throw new ChumException(ErrorCode.BAD_RECIPE, "recipe without a name");
        }
        checkName(recipe.name(), "type " + recipe.name());
        return new Recipe(recipe.name(), resolveRules(recipe.name(), recipe.rules(), true));
    }

    /**
     * A copy of this registry with {@code resolved} (a result of {@link #check}) registered in place of the recipe
     * of its name: to try a change of a recipe on the objects it would read before making it. Not shared.
     */
    public RecipeRegistry with(final Recipe resolved) {
        final Map<String, Recipe> next = new LinkedHashMap<>(recipes);
        next.put(resolved.name(), resolved);
        return new RecipeRegistry(Map.copyOf(next));
    }

    /**
     * Type names and itemprops go into microdata attributes unescaped (as in one.core), so a quote or an angle
     * bracket would make every object of the type unreadable.
     */
    public static void checkName(final String name, final String where) {
        if (name.isEmpty() || name.indexOf('"') >= 0 || name.indexOf('<') >= 0 || name.indexOf('>') >= 0) {
            throw new ChumException(ErrorCode.BAD_RECIPE,
                where + ": names in microdata must be non-empty and free of '\"', '<' and '>'");
        }
    }

    private List<Rule> resolveRules(final String type, final List<Rule> rules, final boolean topLevel) {
        final Set<String> seen = new HashSet<>();
        final List<Rule> out = new ArrayList<>(rules.size());
        for (final Rule rule : rules) {
            if (rule.itemprop().isEmpty() || !seen.add(rule.itemprop())) {
                throw new ChumException(ErrorCode.BAD_RECIPE,
                    type + ": empty or duplicate itemprop '" + rule.itemprop() + "'");
            }
            checkName(rule.itemprop(), type + "." + rule.itemprop());
            if (topLevel && ObjectJson.TYPE_MEMBER.equals(rule.itemprop())) {
                throw new ChumException(ErrorCode.BAD_RECIPE,
                    type + ": itemprop " + ObjectJson.TYPE_MEMBER + " is where an object names its type");
            }
            if (rule.isId() && !topLevel) {
                throw new ChumException(ErrorCode.BAD_RECIPE,
                    type + "." + rule.itemprop() + ": ID properties must be top level");
            }
            Rule r = rule;
            if (rule.inheritFrom() != null) {
                r = rule.withItemtype(inheritedType(type, rule));
            }
            out.add(r.withItemtype(resolveNested(type, r.itemtype())));
        }
        return out;
    }

    private ItemType resolveNested(final String type, final ItemType t) {
        if (t instanceof ItemType.ObjectType o) {
            return new ItemType.ObjectType(resolveRules(type, o.rules(), false));
        }
        if (t instanceof ItemType.ArrayType a) {
            return new ItemType.ArrayType(resolveNested(type, a.item()));
        }
        if (t instanceof ItemType.BagType b) {
            return new ItemType.BagType(resolveNested(type, b.item()));
        }
        if (t instanceof ItemType.SetType s) {
            return new ItemType.SetType(resolveNested(type, s.item()));
        }
        if (t instanceof ItemType.MapType m) {
            return new ItemType.MapType(resolveNested(type, m.key()), resolveNested(type, m.value()));
        }
        return t;
    }

    /** {@code inheritFrom} is {@code "Type.itemprop"} or {@code "Type.itemprop.nested…"}. */
    private ItemType inheritedType(final String type, final Rule rule) {
        final String[] path = rule.inheritFrom().split("\\.");
        if (path.length < 2) {
            throw new ChumException(ErrorCode.BAD_RECIPE,
                type + "." + rule.itemprop() + ": inheritFrom must be 'Type.itemprop', not " + rule.inheritFrom());
        }
        final Recipe source = recipes.get(path[0]);
        if (source == null) {
            throw new ChumException(ErrorCode.BAD_RECIPE,
                type + "." + rule.itemprop() + ": inheritFrom names unknown type " + path[0]);
        }
        List<Rule> rules = source.rules();
        ItemType found = null;
        for (int i = 1; i < path.length; i++) {
            Rule match = null;
            for (final Rule r : rules) {
                if (r.itemprop().equals(path[i])) {
                    match = r;
                }
            }
            if (match == null) {
                throw new ChumException(ErrorCode.BAD_RECIPE,
                    type + "." + rule.itemprop() + ": inheritFrom names unknown rule " + rule.inheritFrom());
            }
            found = match.itemtype();
            rules = found instanceof ItemType.ObjectType o ? o.rules() : List.of();
        }
        return found;
    }
}
