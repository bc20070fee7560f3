package io.chum.microdata;

import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Recipe} compiled for rendering and parsing: header bytes and rule plans, all rules and ID rules.
 * Immutable; {@link #of} caches one plan per recipe name (thread-safe).
 */
final class RecipePlan {
    private static final ConcurrentHashMap<String, RecipePlan> CACHE = new ConcurrentHashMap<>();

    final Recipe recipe;
    /** {@code <div itemscope itemtype="//refin.io/TYPE">}. */
    final Tag header;
    /** {@code <div data-id-object="true" itemscope itemtype="//refin.io/TYPE">}. */
    final Tag idHeader;
    /** All rules, framed by {@link #header} and {@code </div>}. */
    final RuleSet rules;
    /** The ID rules, framed by {@link #idHeader} and {@code </div>}. */
    final RuleSet idRules;

    private RecipePlan(final Recipe recipe) {
        this.recipe = recipe;
        RecipeRegistry.checkName(recipe.name(), "type " + recipe.name());
        this.header = Tag.of(Tags.START_TEXT + recipe.name() + "\">");
        this.idHeader = Tag.of(Tags.ID_START_TEXT + recipe.name() + "\">");
        this.rules = new RuleSet(RulePlan.compile(recipe.rules(), recipe.name() + "."), header, Tags.DIV_CLOSE);
        this.idRules = rules.idRules(idHeader);
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
        return idRules.rules.length > 0;
    }
}
