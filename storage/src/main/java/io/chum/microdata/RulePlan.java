package io.chum.microdata;

import io.chum.model.RecipeRegistry;
import io.chum.model.Rule;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One recipe rule compiled for rendering and parsing: its value plan and the exact opening and closing tag
 * bytes of its element ({@code <span itemprop="P">}, {@code <a itemprop="P" data-type="obj">}, …). Immutable.
 */
final class RulePlan {
    final String itemprop;
    final byte[] itempropBytes;
    final boolean optional;
    final boolean isId;
    final TypePlan type;
    final Tag open;
    final Tag close;

    private RulePlan(final Rule rule, final TypePlan type) {
        this.itemprop = rule.itemprop();
        this.itempropBytes = itemprop.getBytes(StandardCharsets.UTF_8);
        this.optional = rule.optional();
        this.isId = rule.isId();
        this.type = type;
        final String tag = TypePlan.tagName(type.kind);
        if (type.kind == TypePlan.Kind.REFERENCE) {
            open = Tag.of("<a itemprop=\"" + itemprop + "\" data-type=\"" + type.referenceKind.dataType() + "\">");
            close = Tags.A_CLOSE;
        } else {
            final String element = tag == null ? "span" : tag;
            open = Tag.of("<" + element + " itemprop=\"" + itemprop + "\">");
            close = Tag.of("</" + element + ">");
        }
    }

    /** Compiles rules in recipe order; {@code prefix} names the enclosing type for error messages. */
    static RulePlan[] compile(final List<Rule> rules, final String prefix) {
        final RulePlan[] out = new RulePlan[rules.size()];
        for (int i = 0; i < out.length; i++) {
            final Rule rule = rules.get(i);
            RecipeRegistry.checkName(rule.itemprop(), prefix + rule.itemprop());
            out[i] = new RulePlan(rule, TypePlan.of(rule.itemtype(), prefix + rule.itemprop()));
        }
        return out;
    }
}
