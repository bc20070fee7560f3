package io.chum.microdata;

/**
 * The compiled rules of a recipe or nested object, in order, with every tag sequence that can stand between two
 * property values precomputed: consecutive present properties cost one tag write, and so do the object's
 * opening tag with the first property and the last property with {@code </div>}. Immutable.
 */
final class RuleSet {
    final RulePlan[] rules;
    /** What precedes the first present property: a top-level header, or nothing inside a nested object. */
    final Tag head;
    /** What follows the last present property: {@code </div>} at top level, nothing inside a nested object. */
    final Tag tail;
    /** {@link #head} + {@link #tail}: an object without present properties. */
    final Tag empty;
    /** {@code first[i]} = {@link #head} + {@code rules[i].open}. */
    final Tag[] first;
    /** {@code last[i]} = {@code rules[i].close} + {@link #tail}. */
    final Tag[] last;
    /** {@code joins[i]} = {@code rules[i].close} + {@code rules[i + 1].open}. */
    final Tag[] joins;

    /** The rules of a nested object: no head, no tail. */
    RuleSet(final RulePlan[] rules) {
        this(rules, Tags.EMPTY, Tags.EMPTY);
    }

    RuleSet(final RulePlan[] rules, final Tag head, final Tag tail) {
        this.rules = rules;
        this.head = head;
        this.tail = tail;
        this.empty = Tag.concat(head, tail);
        this.first = new Tag[rules.length];
        this.last = new Tag[rules.length];
        this.joins = new Tag[Math.max(0, rules.length - 1)];
        for (int i = 0; i < rules.length; i++) {
            first[i] = Tag.concat(head, rules[i].open);
            last[i] = Tag.concat(rules[i].close, tail);
        }
        for (int i = 0; i < joins.length; i++) {
            joins[i] = Tag.concat(rules[i].close, rules[i + 1].open);
        }
    }

    /** The ID rules, in order, between {@code idHead} and the same tail. */
    RuleSet idRules(final Tag idHead) {
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
        return new RuleSet(ids, idHead, tail);
    }
}
