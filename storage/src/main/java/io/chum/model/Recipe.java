package io.chum.model;

import java.util.List;
import java.util.Objects;

/**
 * A ONE recipe: the type name and its ordered rules. The rule order is the microdata order. Immutable.
 *
 * <p>A type is versioned if and only if one of its top-level rules has {@code isId}.
 */
public record Recipe(String name, List<Rule> rules) {
    public Recipe {
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
    }

    /** True if the type has ID properties (and therefore ID objects, ID hashes and versions). */
    public boolean isVersioned() {
        for (final Rule r : rules) {
            if (r.isId()) {
                return true;
            }
        }
        return false;
    }

    /** The rule for {@code itemprop}, or null. */
    public Rule rule(final String itemprop) {
        for (final Rule r : rules) {
            if (r.itemprop().equals(itemprop)) {
                return r;
            }
        }
        return null;
    }
}
