package io.chum.model;

import java.util.Objects;

/**
 * One rule of a recipe: a property name, its value type and flags. Immutable.
 *
 * <p>{@code inheritFrom} names another recipe's rule as {@code "Type.itemprop"}; the
 * {@link RecipeRegistry} resolves it when the recipe is registered, so rules inside a registered
 * {@link Recipe} always carry their effective {@code itemtype}. {@code isId} is never inherited.
 */
public record Rule(String itemprop, ItemType itemtype, boolean optional, boolean isId, String inheritFrom) {
    public Rule {
        Objects.requireNonNull(itemprop, "itemprop");
        Objects.requireNonNull(itemtype, "itemtype");
    }

    /** A required, non-ID rule. */
    public static Rule of(final String itemprop, final ItemType itemtype) {
        return new Rule(itemprop, itemtype, false, false, null);
    }

    /** A required ID rule. */
    public static Rule id(final String itemprop, final ItemType itemtype) {
        return new Rule(itemprop, itemtype, false, true, null);
    }

    /** An optional, non-ID rule. */
    public static Rule optional(final String itemprop, final ItemType itemtype) {
        return new Rule(itemprop, itemtype, true, false, null);
    }

    /** This rule with another value type (used when resolving {@code inheritFrom}). */
    public Rule withItemtype(final ItemType type) {
        return new Rule(itemprop, type, optional, isId, inheritFrom);
    }
}
