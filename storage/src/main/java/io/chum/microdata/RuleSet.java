package io.chum.microdata;

/**
 * The compiled rules of a recipe or nested object, in order, with the joined tag between each pair of
 * neighbours ({@code close(i) + open(i + 1)}), so consecutive present properties cost one tag write. Immutable.
 */
final class RuleSet {
    final RulePlan[] rules;
    /** {@code joins[i]} = {@code rules[i].close} + {@code rules[i + 1].open}. */
    final Tag[] joins;

    RuleSet(final RulePlan[] rules) {
        this.rules = rules;
        this.joins = new Tag[Math.max(0, rules.length - 1)];
        for (int i = 0; i < joins.length; i++) {
            joins[i] = Tag.concat(rules[i].close, rules[i + 1].open);
        }
    }

    /** The ID rules, in order. */
    RuleSet idRules() {
        int n = 0;
        for (final RulePlan r : rules) {
            n += r.isId ? 1 : 0;
        }
        final RulePlan[] ids = new RulePlan[n];
        int i = 0;
        for (final RulePlan r : rules) {
            if (r.isId) {
                ids[i++] = r;
            }
        }
        return new RuleSet(ids);
    }
}
