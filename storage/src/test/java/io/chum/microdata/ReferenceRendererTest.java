package io.chum.microdata;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.ReferenceKind;
import io.chum.model.Rule;
import io.chum.model.Sha256Value;
import io.chum.testing.RandomObjects;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte-level fast paths of {@link MicrodataWriter} (bulk ASCII copy, escapes, the UTF-8 loop, tag fusion,
 * byte-range bag sorting) against a deliberately naive renderer that follows one-spec §1.2 literally with
 * Strings: {@code String.replace} for escapes, {@link String#compareTo} for bags, {@code getBytes(UTF_8)}.
 */
class ReferenceRendererTest {
    private static final long BASE_SEED = 0x0DDB_A11L;
    private static final String WIDE = "a\u00e9\u4e2d\uE000\uFFFF\uD83D\uDE00\uD800\uDC00&<>";

    @Test
    void shouldRenderRandomObjectsExactlyLikeTheNaiveRenderer() {
        int objects = 0;
        for (int s = 0; s < 30; s++) {
            final long seed = BASE_SEED + s;
            final RandomObjects random = new RandomObjects(seed);
            final RecipeRegistry registry = random.registryWithRandomRecipes(6);
            final MicrodataWriter writer = new MicrodataWriter(registry);
            for (final Recipe recipe : new ArrayList<>(registry.all())) {
                for (int i = 0; i < 5; i++) {
                    final OneObject o = random.randomObject(recipe);
                    final String expected = naive(o, recipe);
                    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), writer.render(o),
                        () -> "seed " + seed + ": " + o);
                    objects++;
                }
            }
        }
        assertTrue(objects >= 900, "objects: " + objects);
    }

    @Test
    void shouldEscapeAtTheStartMiddleAndEndOfShortAndLongStrings() {
        final RecipeRegistry registry = registryWith(Rule.of("s", ItemType.StringType.PLAIN));
        final MicrodataWriter writer = new MicrodataWriter(registry);
        for (final int length : new int[] {1, 2, 31, 32, 33, 64, 530, 4000}) {
            for (final String special : new String[] {"&", "<", ">", "&amp;", "\u00e9", "\u4e2d", "\uD83D\uDE00"}) {
                final String body = "x".repeat(length);
                for (final String s : List.of(special + body, body + special, body.substring(0, length / 2)
                    + special + body.substring(length / 2), special + body + special + special)) {
                    final OneObject o = OneObject.of("T", Map.of("s", s));
                    assertEquals(naive(o, registry.recipe("T")), new String(writer.render(o), StandardCharsets.UTF_8),
                        () -> "length " + length + ", special " + special);
                }
            }
        }
    }

    @Test
    void shouldSortBagsWithSupplementaryAndHighBmpCharactersLikeStringCompareTo() {
        final RecipeRegistry registry = registryWith(Rule.of("b", new ItemType.BagType(ItemType.StringType.PLAIN)));
        final MicrodataWriter writer = new MicrodataWriter(registry);
        final Random random = new Random(BASE_SEED);
        for (int round = 0; round < 500; round++) {
            final List<Object> items = new ArrayList<>();
            final int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                items.add(randomWideString(random, random.nextInt(4) == 0 ? 40 : 4));
            }
            final OneObject o = OneObject.of("T", Map.of("b", items));
            final int r = round;
            assertEquals(naive(o, registry.recipe("T")), new String(writer.render(o), StandardCharsets.UTF_8),
                () -> "seed " + BASE_SEED + ", round " + r + ": " + items);
        }
    }

    @Test
    void shouldReportTheIndexOfAnUnpairedSurrogateOnEveryPath() {
        final RecipeRegistry registry = registryWith(Rule.of("s", ItemType.StringType.PLAIN));
        final MicrodataWriter writer = new MicrodataWriter(registry);
        for (final int at : new int[] {0, 5, 31, 32, 40, 300}) {
            for (final String lone : new String[] {"\uD800", "\uDC00", "\uDBFF\uDBFF"}) {
                for (final String filler : new String[] {"a", "\u00e9", "&"}) {
                    final String s = filler.repeat(at) + lone + filler.repeat(50);
                    final ChumException e = assertThrows(ChumException.class,
                        () -> writer.render(OneObject.of("T", Map.of("s", s))));
                    assertEquals(ErrorCode.WRONG_TYPE, e.errorCode());
                    assertTrue(e.getMessage().contains("unpaired surrogate at index " + at * filler.length()),
                        () -> at + " " + filler + ": " + e.getMessage());
                }
            }
        }
        final ChumException end = assertThrows(ChumException.class,
            () -> writer.render(OneObject.of("T", Map.of("s", "b".repeat(100) + "\uD83D"))));
        assertTrue(end.getMessage().contains("unpaired surrogate at index 100"), end.getMessage());
    }

    private static RecipeRegistry registryWith(final Rule rule) {
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(new Recipe("T", List.of(rule)));
        return registry;
    }

    private static String randomWideString(final Random random, final int maxLength) {
        final StringBuilder sb = new StringBuilder();
        final int n = random.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            final int k = random.nextInt(WIDE.length());
            final char c = WIDE.charAt(k);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(WIDE.charAt(k + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---- the naive renderer: one-spec §1.2, read literally ----

    static String naive(final OneObject o, final Recipe recipe) {
        return "<div itemscope itemtype=\"//refin.io/" + o.type() + "\">" + rules(recipe.rules(), o.values())
            + "</div>";
    }

    private static String rules(final List<Rule> rules, final Map<?, ?> values) {
        final StringBuilder sb = new StringBuilder();
        for (final Rule r : rules) {
            final Object v = values.get(r.itemprop());
            if (v != null) {
                sb.append(value(r.itemtype(), v, r.itemprop()));
            }
        }
        return sb.toString();
    }

    /** The rendering of {@code v}: top-level with {@code prop}, nested if {@code prop} is null. */
    private static String value(final ItemType t, final Object v, final String prop) {
        final String attr = prop == null ? "" : " itemprop=\"" + prop + "\"";
        if (t instanceof ItemType.ReferenceToObj || t instanceof ItemType.ReferenceToId
            || t instanceof ItemType.ReferenceToClob || t instanceof ItemType.ReferenceToBlob) {
            return "<a" + attr + " data-type=\"" + kindOf(t).dataType() + "\">" + ((Sha256Value) v).toHex() + "</a>";
        }
        if (t instanceof ItemType.ArrayType a) {
            return "<ol" + attr + ">" + String.join("", items(a.item(), (List<?>) v)) + "</ol>";
        }
        if (t instanceof ItemType.BagType b) {
            return "<ul" + attr + ">" + String.join("", sorted(items(b.item(), (List<?>) v))) + "</ul>";
        }
        if (t instanceof ItemType.SetType s) {
            return "<ul" + attr + ">" + String.join("", sorted(items(s.item(), (List<?>) v))) + "</ul>";
        }
        if (t instanceof ItemType.MapType m) {
            final StringBuilder sb = new StringBuilder("<dl" + attr + ">");
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append("<dt>").append(value(m.key(), e.getKey(), null)).append("</dt><dd>")
                    .append(value(m.value(), e.getValue(), null)).append("</dd>");
            }
            return sb.append("</dl>").toString();
        }
        if (t instanceof ItemType.ObjectType o) {
            return "<div" + attr + ">" + rules(o.rules(), (Map<?, ?>) v) + "</div>";
        }
        final String text;
        if (t instanceof ItemType.StringType) {
            text = escape((String) v);
        } else if (t instanceof ItemType.IntegerType) {
            text = Long.toString((Long) v);
        } else if (t instanceof ItemType.NumberType) {
            text = JsNumbers.format((Double) v);
        } else if (t instanceof ItemType.BooleanType) {
            text = v.toString();
        } else {
            text = escape(SortedJson.stringify((JsonNode) v));
        }
        return prop == null ? text : "<span" + attr + ">" + text + "</span>";
    }

    private static List<String> items(final ItemType item, final List<?> values) {
        final List<String> out = new ArrayList<>();
        for (final Object v : values) {
            out.add("<li>" + value(item, v, null) + "</li>");
        }
        return out;
    }

    private static List<String> sorted(final List<String> items) {
        final List<String> copy = new ArrayList<>(items);
        copy.sort(String::compareTo);
        return copy;
    }

    private static String escape(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static ReferenceKind kindOf(final ItemType t) {
        if (t instanceof ItemType.ReferenceToId) {
            return ReferenceKind.ID;
        }
        if (t instanceof ItemType.ReferenceToClob) {
            return ReferenceKind.CLOB;
        }
        return t instanceof ItemType.ReferenceToBlob ? ReferenceKind.BLOB : ReferenceKind.OBJ;
    }
}
