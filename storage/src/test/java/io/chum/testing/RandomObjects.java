package io.chum.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.microdata.MicrodataWriter;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Reference;
import io.chum.model.ReferenceKind;
import io.chum.model.Rule;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A seeded generator of random recipes and random valid {@link OneObject}s, for property tests here and in
 * other modules (the storage test-jar). The same seed always gives the same recipes and objects; put
 * {@link #seed()} into failure messages.
 *
 * <p>Values cover the awkward cases of the canonical encoding: escapes, quotes, control characters, non-ASCII
 * and supplementary characters (in both UTF-16 orders), long strings, JS number edge cases, empty and nested
 * collections, bags with duplicates, maps with non-string keys and nested objects. Not thread-safe.
 */
public final class RandomObjects {
    /** Regexps the generator can satisfy (and that core recipes use), with a generator for each. */
    private final Map<String, Supplier<String>> regexps = new LinkedHashMap<>();

    private static final String[] PROPERTY_NAMES = {"name", "email", "value", "a", "b-c", "d_e", "f.g", "ünï",
        "数据", "x y", "itemprop", "data-type", "li", "Z", "$type", "k&v"};
    private static final String[] CHAR_POOLS = {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-_:/",
        "&<>\"'&amp;&lt;=",
        "\t\n\r\u0000\u0001\u001f\u007f\u2028",
        "éßÿ\u00a0©ñÀ",
        "中文字\uFB01\uE000\uF8FF\uFFFD\uFFFF\u0800",
        "\uD83D\uDE00\uD83D\uDC4D\uD800\uDC00\uDBFF\uDFFF\uD834\uDD1E"};

    private final long seed;
    private final Random random;
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private int recipeCounter;

    public RandomObjects(final long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        regexps.put("^(undefined|[0-9a-f]{64})$",
            () -> random.nextInt(4) == 0 ? "undefined" : randomHash().toHex());
        regexps.put("^[A-Za-z0-9+/]{64}$", () -> fromAlphabet(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64));
        regexps.put("^[a-f]{3}$", () -> fromAlphabet("abcdef", 3));
        regexps.put("x&<", () -> randomString() + "x&<" + randomString());
    }

    /** The seed this generator started from. */
    public long seed() {
        return seed;
    }

    /** The underlying random source. */
    public Random random() {
        return random;
    }

    // ---- recipes ----

    /** A registry with the core recipes plus {@code count} random recipes (registered, so resolved). */
    public RecipeRegistry registryWithRandomRecipes(final int count) {
        final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        for (int i = 0; i < count; i++) {
            registry.register(randomRecipe());
        }
        return registry;
    }

    /** A random recipe with a name unique to this generator; versioned about half of the time. */
    public Recipe randomRecipe() {
        final String name = "Random" + Long.toHexString(seed) + "x" + recipeCounter++;
        final List<Rule> rules = randomRules(1 + random.nextInt(7), true, 0);
        return new Recipe(name, rules);
    }

    private List<Rule> randomRules(final int count, final boolean topLevel, final int depth) {
        final List<String> names = new ArrayList<>(List.of(PROPERTY_NAMES));
        final List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < count && !names.isEmpty(); i++) {
            final String name = names.remove(random.nextInt(names.size()));
            final boolean isId = topLevel && random.nextInt(3) == 0;
            final boolean optional = random.nextInt(3) == 0;
            rules.add(new Rule(name, randomItemType(depth), optional, isId, null));
        }
        return rules;
    }

    /** A random value type, nested at most three levels deep. */
    public ItemType randomItemType(final int depth) {
        final int choice = random.nextInt(depth >= 3 ? 10 : 16);
        return switch (choice) {
            case 0, 1 -> ItemType.StringType.PLAIN;
            case 2 -> ItemType.StringType.matching(pick(new ArrayList<>(regexps.keySet())));
            case 3 -> random.nextBoolean() ? ItemType.IntegerType.ANY : new ItemType.IntegerType(-5L, 1000L);
            case 4 -> ItemType.NumberType.INSTANCE;
            case 5 -> ItemType.BooleanType.INSTANCE;
            case 6 -> ItemType.StringifiableType.INSTANCE;
            case 7 -> random.nextBoolean() ? ItemType.ReferenceToObj.ANY : ItemType.ReferenceToId.ANY;
            case 8 -> ItemType.ReferenceToBlob.INSTANCE;
            case 9 -> ItemType.ReferenceToClob.INSTANCE;
            case 10 -> new ItemType.ArrayType(randomItemType(depth + 1));
            case 11 -> new ItemType.BagType(randomItemType(depth + 1));
            case 12 -> new ItemType.SetType(randomItemType(depth + 1));
            case 13 -> new ItemType.MapType(randomItemType(depth + 2), randomItemType(depth + 1));
            default -> new ItemType.ObjectType(randomRules(1 + random.nextInt(4), false, depth + 1));
        };
    }

    // ---- objects ----

    /** A random object of {@code recipe} that passes validation. */
    public OneObject randomObject(final Recipe recipe) {
        return OneObject.of(recipe.name(), randomValues(recipe.rules()));
    }

    private Map<String, Object> randomValues(final List<Rule> rules) {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final Rule r : rules) {
            if (!r.optional() || random.nextBoolean()) {
                values.put(r.itemprop(), randomValue(r.itemtype()));
            }
        }
        return values;
    }

    /** A random valid value of {@code type}, in the Java type {@link ItemType} prescribes. */
    public Object randomValue(final ItemType type) {
        if (type instanceof ItemType.StringType s) {
            return s.regexp() == null ? randomString() : regexpValue(s.regexp());
        } else if (type instanceof ItemType.IntegerType i) {
            return randomInteger(i);
        } else if (type instanceof ItemType.NumberType) {
            return randomDouble();
        } else if (type instanceof ItemType.BooleanType) {
            return random.nextBoolean();
        } else if (type instanceof ItemType.StringifiableType) {
            return randomJson(0);
        } else if (type instanceof ItemType.ReferenceToId) {
            return randomIdHash();
        } else if (type instanceof ItemType.ReferenceToObj || type instanceof ItemType.ReferenceToBlob
            || type instanceof ItemType.ReferenceToClob) {
            return randomHash();
        } else if (type instanceof ItemType.ArrayType a) {
            return randomList(a.item(), false, false);
        } else if (type instanceof ItemType.BagType b) {
            return randomList(b.item(), true, false);
        } else if (type instanceof ItemType.SetType s) {
            return randomList(s.item(), false, true);
        } else if (type instanceof ItemType.MapType m) {
            return randomMap(m);
        } else if (type instanceof ItemType.ObjectType o) {
            return randomValues(o.rules());
        }
        throw new IllegalArgumentException("no generator for " + type);
    }

    private List<Object> randomList(final ItemType item, final boolean allowDuplicates, final boolean unique) {
        final int n = random.nextInt(6);
        final List<Object> list = new ArrayList<>();
        final Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            final Object v = allowDuplicates && !list.isEmpty() && random.nextInt(4) == 0
                ? list.get(random.nextInt(list.size())) : randomValue(item);
            if (!unique || seen.add(rendered(item, v))) {
                list.add(v);
            }
        }
        return list;
    }

    private Map<Object, Object> randomMap(final ItemType.MapType type) {
        final int n = random.nextInt(5);
        final Map<Object, Object> map = new LinkedHashMap<>();
        final Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            final Object key = randomValue(type.key());
            if (!map.containsKey(key) && seen.add(rendered(type.key(), key))) {
                map.put(key, randomValue(type.value()));
            }
        }
        return map;
    }

    private static ByteBuffer rendered(final ItemType type, final Object value) {
        return ByteBuffer.wrap(MicrodataWriter.renderNested(type, value));
    }

    private String regexpValue(final String regexp) {
        final Supplier<String> generator = regexps.get(regexp);
        if (generator == null) {
            throw new IllegalArgumentException("no generator for regexp " + regexp);
        }
        return generator.get();
    }

    /** A string mixing ASCII, escapes, control, Latin-1, BMP and supplementary characters; sometimes long. */
    public String randomString() {
        final int length = random.nextInt(10) == 0 ? 25 + random.nextInt(300) : random.nextInt(12);
        final String pool = random.nextInt(3) == 0 ? CHAR_POOLS[0] : CHAR_POOLS[random.nextInt(CHAR_POOLS.length)];
        final StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            final String p = random.nextInt(8) == 0 ? CHAR_POOLS[random.nextInt(CHAR_POOLS.length)] : pool;
            final int i = random.nextInt(p.length());
            final char c = p.charAt(i);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(p.charAt(i + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private Long randomInteger(final ItemType.IntegerType type) {
        final long min = type.min() != null ? type.min() : -((1L << 53) - 1);
        final long max = type.max() != null ? type.max() : (1L << 53) - 1;
        return switch (random.nextInt(5)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> Math.max(min, Math.min(max, random.nextInt(2000) - 1000L));
            default -> min + (long) (random.nextDouble() * (max - min));
        };
    }

    /** A finite double, biased towards the cases JavaScript formatting treats specially. */
    public double randomDouble() {
        return switch (random.nextInt(10)) {
            case 0 -> pick(List.of(0.0, -0.0, 0.1, 0.5, 1e21, 1e-7, 1e-6, 123e-20, 5e-324, Double.MAX_VALUE,
                9007199254740992.0, 9007199254740993.0, 1.7e12, -1.5e-7, 0.30000000000000004));
            case 1 -> random.nextInt(1_000_000) / 1000.0;
            case 2 -> (double) random.nextLong();
            case 3 -> random.nextInt(100_000) - 50_000.0;
            case 4 -> Math.pow(10, random.nextInt(60) - 30) * (random.nextInt(9) + 1);
            default -> {
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (!Double.isFinite(d));
                yield d;
            }
        };
    }

    /** A random JSON value: objects (keys in random order), arrays, strings, numbers, booleans, null. */
    public JsonNode randomJson(final int depth) {
        final int choice = random.nextInt(depth >= 3 ? 6 : 8);
        return switch (choice) {
            case 0 -> json.textNode(randomString());
            case 1 -> json.numberNode(random.nextInt(2001) - 1000);
            case 2 -> json.numberNode(random.nextBoolean() ? random.nextLong() : (long) random.nextInt());
            case 3 -> json.numberNode(randomDouble());
            case 4 -> json.booleanNode(random.nextBoolean());
            case 5 -> json.nullNode();
            case 6 -> {
                final ArrayNode a = json.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomJson(depth + 1));
                }
                yield a;
            }
            default -> {
                final ObjectNode o = json.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    o.set(randomString(), randomJson(depth + 1));
                }
                yield o;
            }
        };
    }

    /** A random object hash. */
    public Hash randomHash() {
        return Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    /** A random ID hash. */
    public IdHash randomIdHash() {
        return IdHash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    private String fromAlphabet(final String alphabet, final int length) {
        final StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private <T> T pick(final List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    // ---- object walking ----

    /** The references of {@code obj}, found by walking its values with its recipe (any order). */
    public static List<Reference> referencesOf(final OneObject obj, final RecipeRegistry registry) {
        final List<Reference> out = new ArrayList<>();
        walkRules(registry.recipe(obj.type()).rules(), obj.values(), out);
        return out;
    }

    private static void walkRules(final List<Rule> rules, final Map<?, ?> values, final List<Reference> out) {
        for (final Rule r : rules) {
            final Object v = values.get(r.itemprop());
            if (v != null) {
                walk(r.itemtype(), v, out);
            }
        }
    }

    private static void walk(final ItemType type, final Object v, final List<Reference> out) {
        if (type instanceof ItemType.ReferenceToObj) {
            out.add(new Reference(ReferenceKind.OBJ, (Hash) v));
        } else if (type instanceof ItemType.ReferenceToId) {
            out.add(new Reference(ReferenceKind.ID, (IdHash) v));
        } else if (type instanceof ItemType.ReferenceToBlob) {
            out.add(new Reference(ReferenceKind.BLOB, (Hash) v));
        } else if (type instanceof ItemType.ReferenceToClob) {
            out.add(new Reference(ReferenceKind.CLOB, (Hash) v));
        } else if (type instanceof ItemType.ArrayType a) {
            ((List<?>) v).forEach(item -> walk(a.item(), item, out));
        } else if (type instanceof ItemType.BagType b) {
            ((List<?>) v).forEach(item -> walk(b.item(), item, out));
        } else if (type instanceof ItemType.SetType s) {
            ((List<?>) v).forEach(item -> walk(s.item(), item, out));
        } else if (type instanceof ItemType.MapType m) {
            ((Map<?, ?>) v).forEach((key, value) -> {
                walk(m.key(), key, out);
                walk(m.value(), value, out);
            });
        } else if (type instanceof ItemType.ObjectType o) {
            walkRules(o.rules(), (Map<?, ?>) v, out);
        }
    }
}
