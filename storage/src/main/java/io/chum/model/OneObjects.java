package io.chum.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.JsNumbers;
import io.chum.microdata.MicrodataWriter;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks {@link OneObject}s against their recipes and derives ID objects. Stateless and thread-safe.
 *
 * <p>Error messages name the type and the property path, e.g. {@code Chum.person[1]} for a list item,
 * {@code Recipe.rule[0].itemprop} inside a nested object and {@code Instance.enabledReverseMapTypes{Person}}
 * for a map value. Whether a referenced object has an allowed type ({@code CS-OBJ-BAD-HASH}) can only be
 * checked by a caller that knows the referenced objects; here only the Java types of references are checked.
 *
 * <p>Every local write validates, so the common case runs a compiled, allocation-free check of the recipe
 * ({@link ValidationPlan}); only when that cannot confirm the object does the full check below run, to find
 * and report the problem with its path.
 */
public final class OneObjects {
    /** In memory only; never part of an object's values here. */
    public static final String VERSION_HASH_PROPERTY = "$versionHash$";

    private OneObjects() {
    }

    /**
     * Checks {@code obj} against its recipe: {@code CS-OBJ-UNKNOWN-TYPE}, {@code CS-OBJ-MISSING},
     * {@code CS-OBJ-UNKNOWN-PROP}, {@code CS-OBJ-WRONG-TYPE} (including duplicates in a set),
     * {@code CS-OBJ-REGEXP} and {@code CS-OBJ-RANGE}.
     */
    public static void validate(final OneObject obj, final RecipeRegistry registry) {
        final Recipe recipe = registry.recipe(obj.type());
        if (!ValidationPlan.of(recipe).rules.accepts(obj.values())) {
            checkRules(recipe.rules(), obj.values(), false, new Path(obj.type()));
        }
    }

    /**
     * Checks an ID object: the type must be versioned ({@code CS-OBJ-NOT-VERSIONED}), only ID properties may be
     * present, and those are checked as in {@link #validate}.
     */
    public static void validateIdObject(final OneObject idObject, final RecipeRegistry registry) {
        final ValidationPlan plan = versionedPlan(registry.recipe(idObject.type()));
        if (!plan.idRules.accepts(idObject.values())) {
            checkRules(plan.idRuleList, idObject.values(), false, new Path(idObject.type()));
        }
    }

    /** The ID object of {@code obj}: the same type with only its ID properties. */
    public static OneObject idObjectOf(final OneObject obj, final RecipeRegistry registry) {
        final Map<String, Object> ids = new LinkedHashMap<>();
        for (final Rule r : versionedPlan(registry.recipe(obj.type())).idRuleList) {
            final Object v = obj.get(r.itemprop());
            if (v != null) {
                ids.put(r.itemprop(), v);
            }
        }
        return OneObject.of(obj.type(), ids);
    }

    private static ValidationPlan versionedPlan(final Recipe recipe) {
        final ValidationPlan plan = ValidationPlan.of(recipe);
        if (plan.idRules.isEmpty()) {
            throw new ChumException(ErrorCode.NOT_VERSIONED, recipe.name() + " has no ID properties");
        }
        return plan;
    }

    private static void checkRules(final List<Rule> rules, final Map<?, ?> values, final boolean nested,
                                   final Path path) {
        int present = 0;
        for (final Rule rule : rules) {
            final Object v = values.get(rule.itemprop());
            if (v == null) {
                if (!rule.optional()) {
                    throw new ChumException(ErrorCode.MISSING_VALUE, path.property(rule.itemprop())
                        + ": required value missing");
                }
                continue;
            }
            present++;
            checkValue(rule.itemtype(), v, path.property(rule.itemprop()));
        }
        if (present != values.size()) {
            for (final Object key : values.keySet()) {
                if (!hasRule(rules, key)) {
                    throw new ChumException(ErrorCode.UNKNOWN_PROPERTY, path.property(String.valueOf(key))
                        + (VERSION_HASH_PROPERTY.equals(key) && !nested ? ": $versionHash$ is not an object value"
                        : ": the recipe has no such rule"));
                }
            }
        }
    }

    private static boolean hasRule(final List<Rule> rules, final Object key) {
        for (final Rule r : rules) {
            if (r.itemprop().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static void checkValue(final ItemType type, final Object v, final Path path) {
        if (type instanceof ItemType.StringType s) {
            final String str = as(v, String.class, type, path);
            if (s.pattern() != null && !s.pattern().matcher(str).find()) {
                // quoted as JSON: a line break in the value must not break the message's line
                throw new ChumException(ErrorCode.REGEXP, path + ": " + Json.write(TextNode.valueOf(abbreviate(str)))
                    + " does not match /" + s.regexp() + "/");
            }
        } else if (type instanceof ItemType.IntegerType i) {
            checkInteger(i, as(v, Long.class, type, path), path);
        } else if (type instanceof ItemType.NumberType) {
            final double d = as(v, Double.class, type, path);
            if (!Double.isFinite(d)) {
                throw new ChumException(ErrorCode.RANGE, path + ": number " + d + " is not finite");
            }
        } else if (type instanceof ItemType.BooleanType) {
            as(v, Boolean.class, type, path);
        } else if (type instanceof ItemType.StringifiableType) {
            checkJson(as(v, JsonNode.class, type, path), path);
        } else if (type instanceof ItemType.ReferenceToId) {
            as(v, IdHash.class, type, path);
        } else if (type instanceof ItemType.ReferenceToObj || type instanceof ItemType.ReferenceToClob
            || type instanceof ItemType.ReferenceToBlob) {
            as(v, Hash.class, type, path);
        } else if (type instanceof ItemType.ArrayType a) {
            checkItems(a.item(), as(v, List.class, type, path), false, path);
        } else if (type instanceof ItemType.BagType b) {
            checkItems(b.item(), as(v, List.class, type, path), false, path);
        } else if (type instanceof ItemType.SetType s) {
            checkItems(s.item(), as(v, List.class, type, path), true, path);
        } else if (type instanceof ItemType.MapType m) {
            checkMap(m, as(v, Map.class, type, path), path);
        } else if (type instanceof ItemType.ObjectType o) {
            final Map<?, ?> map = as(v, Map.class, type, path);
            for (final Object key : map.keySet()) {
                as(key, String.class, type, path);
            }
            checkRules(o.rules(), map, true, path);
        }
    }

    private static void checkInteger(final ItemType.IntegerType type, final long v, final Path path) {
        if (Math.abs(v) > JsNumbers.MAX_SAFE_INTEGER || v == Long.MIN_VALUE) {
            throw new ChumException(ErrorCode.RANGE, path + ": " + v + " is not a safe JavaScript integer");
        }
        if (type.min() != null && v < type.min() || type.max() != null && v > type.max()) {
            throw new ChumException(ErrorCode.RANGE, path + ": " + v + " is outside [" + type.min() + ", "
                + type.max() + "]");
        }
    }

    private static void checkItems(final ItemType item, final List<?> items, final boolean unique,
                                   final Path path) {
        for (int i = 0; i < items.size(); i++) {
            checkValue(item, items.get(i), path.index(i));
        }
        if (unique) {
            final Set<Object> seen = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                if (!seen.add(identity(item, items.get(i)))) {
                    throw new ChumException(ErrorCode.WRONG_TYPE, path.index(i) + ": duplicate item in set");
                }
            }
        }
    }

    private static void checkMap(final ItemType.MapType type, final Map<?, ?> map, final Path path) {
        final Set<Object> keys = hasValueEquality(type.key()) ? null : new HashSet<>();
        for (final Map.Entry<?, ?> e : map.entrySet()) {
            final Path keyPath = path.key(e.getKey());
            checkValue(type.key(), e.getKey(), keyPath);
            checkValue(type.value(), e.getValue(), keyPath);
            if (keys != null && !keys.add(identity(type.key(), e.getKey()))) {
                throw new ChumException(ErrorCode.WRONG_TYPE, keyPath + ": two map keys render identically");
            }
        }
    }

    /** What makes two items "the same" in microdata: their rendering (Java equality where that agrees). */
    private static Object identity(final ItemType type, final Object value) {
        return hasValueEquality(type) ? value : ByteBuffer.wrap(MicrodataWriter.renderNested(type, value));
    }

    static boolean hasValueEquality(final ItemType t) {
        return t instanceof ItemType.StringType || t instanceof ItemType.IntegerType
            || t instanceof ItemType.BooleanType || t instanceof ItemType.ReferenceToObj
            || t instanceof ItemType.ReferenceToId || t instanceof ItemType.ReferenceToClob
            || t instanceof ItemType.ReferenceToBlob;
    }

    /** A stringifiable value must have a JSON text that reads back as the same value. */
    private static void checkJson(final JsonNode node, final Path path) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                for (final Map.Entry<String, JsonNode> e : node.properties()) {
                    checkJson(e.getValue(), path.key(e.getKey()));
                }
            }
            case ARRAY -> {
                for (int i = 0; i < node.size(); i++) {
                    checkJson(node.get(i), path.index(i));
                }
            }
            case NUMBER -> {
                if (!Double.isFinite(node.doubleValue())) {
                    throw new ChumException(ErrorCode.RANGE, path + ": JSON number " + node + " is not finite");
                }
            }
            case STRING, BOOLEAN, NULL -> {
            }
            default -> throw new ChumException(ErrorCode.WRONG_TYPE, path + ": a " + node.getNodeType()
                + " node is not JSON");
        }
    }

    private static <T> T as(final Object v, final Class<T> expected, final ItemType type, final Path path) {
        if (!expected.isInstance(v)) {
            throw new ChumException(ErrorCode.WRONG_TYPE, path + ": " + type.typeName() + " needs a "
                + expected.getSimpleName() + ", not a " + v.getClass().getSimpleName());
        }
        return expected.cast(v);
    }

    private static String abbreviate(final String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** A property path built only when a message needs it: parent plus one segment. */
    private static final class Path {
        private final Path parent;
        private final String segment;
        private final int index;
        private final Object key;

        Path(final String type) {
            this(null, type, -1, null);
        }

        private Path(final Path parent, final String segment, final int index, final Object key) {
            this.parent = parent;
            this.segment = segment;
            this.index = index;
            this.key = key;
        }

        Path property(final String name) {
            return new Path(this, name, -1, null);
        }

        Path index(final int i) {
            return new Path(this, null, i, null);
        }

        Path key(final Object k) {
            return new Path(this, null, -1, k);
        }

        @Override
        public String toString() {
            final StringBuilder sb = new StringBuilder();
            append(sb);
            return sb.toString();
        }

        private void append(final StringBuilder sb) {
            if (parent != null) {
                parent.append(sb);
            }
            if (segment != null) {
                sb.append(parent == null ? "" : ".").append(segment);
            } else if (key != null) {
                sb.append('{').append(key).append('}');
            } else {
                sb.append('[').append(index).append(']');
            }
        }
    }
}
