package io.chum.microdata;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Rule;

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
    final byte[] open;
    final byte[] close;

    private RulePlan(final Rule rule, final TypePlan type) {
        this.itemprop = rule.itemprop();
        this.itempropBytes = Tags.utf8(itemprop);
        this.optional = rule.optional();
        this.isId = rule.isId();
        this.type = type;
        final String tag = TypePlan.tagName(type.kind);
        if (type.kind == TypePlan.Kind.REFERENCE) {
            open = Tags.utf8("<a itemprop=\"" + itemprop + "\" data-type=\"" + type.referenceKind.dataType() + "\">");
            close = Tags.A_CLOSE;
        } else {
            final String element = tag == null ? "span" : tag;
            open = Tags.utf8("<" + element + " itemprop=\"" + itemprop + "\">");
            close = Tags.ascii("</" + element + ">");
        }
    }

    /** Compiles rules in recipe order; {@code prefix} names the enclosing type for error messages. */
    static RulePlan[] compile(final List<Rule> rules, final String prefix) {
        final RulePlan[] out = new RulePlan[rules.size()];
        for (int i = 0; i < out.length; i++) {
            final Rule rule = rules.get(i);
            checkAttributeText(rule.itemprop(), prefix + rule.itemprop());
            out[i] = new RulePlan(rule, TypePlan.of(rule.itemtype(), prefix + rule.itemprop()));
        }
        return out;
    }

    /**
     * Names go into attributes unescaped (as in one.core). A quote or angle bracket would make the microdata
     * unreadable, so such recipes are refused.
     */
    static void checkAttributeText(final String text, final String where) {
        if (text.isEmpty() || text.indexOf('"') >= 0 || text.indexOf('<') >= 0 || text.indexOf('>') >= 0) {
            throw new ChumException(ErrorCode.BAD_RECIPE,
                where + ": names in microdata must be non-empty and free of '\"', '<' and '>'");
        }
    }
}
