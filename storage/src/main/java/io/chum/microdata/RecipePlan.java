package io.chum.microdata;

import io.chum.model.Recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Recipe} compiled for rendering and parsing: header bytes and rule plans, all rules and ID rules.
 * Immutable; {@link #of} caches one plan per recipe name (thread-safe).
 */
final class RecipePlan {
    private static final ConcurrentHashMap<String, RecipePlan> CACHE = new ConcurrentHashMap<>();

    final Recipe recipe;
    final byte[] typeBytes;
    /** {@code <div itemscope itemtype="//refin.io/TYPE">}. */
    final byte[] header;
    /** {@code <div data-id-object="true" itemscope itemtype="//refin.io/TYPE">}. */
    final byte[] idHeader;
    final RulePlan[] rules;
    final RulePlan[] idRules;

    private RecipePlan(final Recipe recipe) {
        this.recipe = recipe;
        RulePlan.checkAttributeText(recipe.name(), "type " + recipe.name());
        this.typeBytes = Tags.utf8(recipe.name());
        this.header = Tags.utf8(Tags.START_TEXT + recipe.name() + "\">");
        this.idHeader = Tags.utf8(Tags.ID_START_TEXT + recipe.name() + "\">");
        this.rules = RulePlan.compile(recipe.rules(), recipe.name() + ".");
        final List<RulePlan> ids = new ArrayList<>();
        for (final RulePlan r : rules) {
            if (r.isId) {
                ids.add(r);
            }
        }
        this.idRules = ids.toArray(new RulePlan[0]);
    }

    /**
     * The plan of {@code recipe}. Keyed by name but checked by identity, so a replaced recipe gets a new plan
     * (two registries holding different recipes of one name recompile in turn, which is correct but slow).
     */
    static RecipePlan of(final Recipe recipe) {
        final RecipePlan cached = CACHE.get(recipe.name());
        if (cached != null && cached.recipe == recipe) {
            return cached;
        }
        final RecipePlan plan = new RecipePlan(recipe);
        CACHE.put(recipe.name(), plan);
        return plan;
    }

    boolean isVersioned() {
        return idRules.length > 0;
    }
}
