package io.chum.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.JsNumbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Converts ONE objects between their JSON form ({@code {"$type$":"Person","email":…}}, as used by the CLI and
 * by ONE's JavaScript objects) and {@link OneObject}. The recipe drives the conversion, so every value gets the
 * Java type {@link ItemType} prescribes for its rule.
 *
 * <p>Reading checks the JSON shape against the recipe: unknown members, wrong JSON kinds, malformed hashes,
 * unsafe or non-integral integers and missing required properties fail with a {@link ChumException} whose
 * message names the property path ({@code Chum.person[1]}, {@code Instance.enabledReverseMapTypes.Person}).
 * It does not apply regexps, integer bounds or allowed reference types: {@code OneObjects.validate} does that
 * before anything is hashed or stored. {@code null} for an optional property means absent; {@code $type$} is
 * allowed when it matches the type and {@code $versionHash$} is ignored, as in ONE. Numbers follow JavaScript:
 * {@code 1e3} and {@code 3.0} are integers, {@code -0} reads as {@code 0}, and a non-finite number (an overflowing
 * literal such as {@code 1e400}) is {@code CS-OBJ-RANGE}, also inside stringifiable values, which are otherwise
 * kept exactly as parsed. Map keys are read from their member names by the key's itemtype.
 *
 * <p>Writing emits {@code $type$} first and the properties in recipe order; references as 64 hex characters,
 * collections as arrays, maps as objects in insertion order (keys in their string form), integral doubles as
 * integral numbers.
 *
 * <p>Stateless and thread-safe.
 */
public final class ObjectJson {
    /** The JSON member naming an object's type. */
    public static final String TYPE_MEMBER = "$type$";
    /** A member ONE may carry in memory; ignored when reading, never written. */
    public static final String VERSION_HASH_MEMBER = "$versionHash$";
    /** The largest integer JavaScript represents exactly: 2^53−1. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern JSON_INTEGER = Pattern.compile("-?(?:0|[1-9][0-9]*)");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    private ObjectJson() {
    }

    /** Reads JSON text whose {@code $type$} names the type. */
    public static OneObject fromJson(final String json, final RecipeRegistry registry) {
        return fromJson(Json.parse(json), registry);
    }

    /** Reads JSON text as an object of {@code type}; {@code $type$} may be present if it equals {@code type}. */
    public static OneObject fromJson(final String json, final String type, final RecipeRegistry registry) {
        return fromJson(Json.parse(json), type, registry);
    }

    /** Reads a JSON object whose {@code $type$} names the type. */
    public static OneObject fromJson(final JsonNode data, final RecipeRegistry registry) {
        if (data == null || !data.isObject()) {
            throw new ChumException(ErrorCode.WRONG_TYPE, "expected a JSON object, got " + kind(data));
        }
        final JsonNode type = data.get(TYPE_MEMBER);
        if (type == null || type.isNull()) {
            throw new ChumException(ErrorCode.MISSING_VALUE, "the object has no " + TYPE_MEMBER);
        }
        if (!type.isTextual()) {
            throw new ChumException(ErrorCode.WRONG_TYPE, TYPE_MEMBER + " must be a string, got " + kind(type));
        }
        return fromJson(data, type.textValue(), registry);
    }

    /**
     * Reads a JSON object as an object of {@code type}: {@code CS-OBJ-UNKNOWN-TYPE} if the type has no recipe,
     * {@code CS-OBJ-WRONG-TYPE} if {@code $type$} names another type or a value has the wrong JSON kind.
     */
    public static OneObject fromJson(final JsonNode data, final String type, final RecipeRegistry registry) {
        final Recipe recipe = registry.recipe(type);
        final Path root = Path.root(type);
        if (data == null || !data.isObject()) {
            throw new ChumException(ErrorCode.WRONG_TYPE, type + ": expected a JSON object, got " + kind(data));
        }
        final JsonNode declared = data.get(TYPE_MEMBER);
        if (declared != null && !(declared.isTextual() && declared.textValue().equals(type))) {
            throw new ChumException(ErrorCode.WRONG_TYPE,
                type + ": " + TYPE_MEMBER + " is " + declared + ", expected \"" + type + '"');
        }
        return OneObject.of(type, members(recipe.rules(), data, root, true));
    }

    /** The JSON form of {@code obj}: {@code $type$} first, then its properties in recipe order. */
    public static ObjectNode toJson(final OneObject obj, final RecipeRegistry registry) {
        final Recipe recipe = registry.recipe(obj.type());
        final ObjectNode out = NODES.objectNode();
        out.put(TYPE_MEMBER, obj.type());
        writeMembers(recipe.rules(), obj.values(), out, Path.root(obj.type()));
        return out;
    }

    // ---- reading ----

    private static Map<String, Object> members(final List<Rule> rules, final JsonNode data, final Path path,
                                               final boolean topLevel) {
        for (final Iterator<String> names = data.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (topLevel && (name.equals(TYPE_MEMBER) || name.equals(VERSION_HASH_MEMBER))) {
                continue;
            }
            if (ruleOf(rules, name) == null) {
                throw new ChumException(ErrorCode.UNKNOWN_PROPERTY,
                    path.member(name) + ": the recipe has no such property");
            }
        }
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final Rule rule : rules) {
            final JsonNode node = data.get(rule.itemprop());
            final Path where = path.member(rule.itemprop());
            if (node == null || node.isNull()) {
                if (!rule.optional()) {
                    throw new ChumException(ErrorCode.MISSING_VALUE, where + ": missing required value");
                }
                continue;
            }
            values.put(rule.itemprop(), value(rule.itemtype(), node, where));
        }
        return values;
    }

    private static Object value(final ItemType type, final JsonNode node, final Path path) {
        if (type instanceof ItemType.StringType) {
            expect(node.isTextual(), "a string", node, path);
            return node.textValue();
        }
        if (type instanceof ItemType.IntegerType) {
            return integer(node, path);
        }
        if (type instanceof ItemType.NumberType) {
            expect(node.isNumber(), "a number", node, path);
            return finite(node.doubleValue(), jsText(node), path);
        }
        if (type instanceof ItemType.BooleanType) {
            expect(node.isBoolean(), "a boolean", node, path);
            return node.booleanValue();
        }
        if (type instanceof ItemType.StringifiableType) {
            requireFiniteNumbers(node, path);
            return node.deepCopy();
        }
        if (type instanceof ItemType.ReferenceToId) {
            return IdHash.ofHex(hex(node, path));
        }
        if (type instanceof ItemType.ReferenceToObj || type instanceof ItemType.ReferenceToClob
            || type instanceof ItemType.ReferenceToBlob) {
            return Hash.ofHex(hex(node, path));
        }
        if (type instanceof ItemType.ArrayType a) {
            return list(a.item(), node, path, false);
        }
        if (type instanceof ItemType.BagType b) {
            return list(b.item(), node, path, false);
        }
        if (type instanceof ItemType.SetType s) {
            return list(s.item(), node, path, true);
        }
        if (type instanceof ItemType.MapType m) {
            return map(m, node, path);
        }
        if (type instanceof ItemType.ObjectType o) {
            expect(node.isObject(), "an object", node, path);
            return members(o.rules(), node, path, false);
        }
        throw new ChumException(ErrorCode.INTERNAL, path + ": unhandled itemtype " + type.typeName());
    }

    private static List<Object> list(final ItemType item, final JsonNode node, final Path path,
                                     final boolean distinct) {
        expect(node.isArray(), "an array", node, path);
        final List<Object> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(value(item, node.get(i), path.index(i)));
        }
        return distinct ? new ArrayList<>(new LinkedHashSet<>(out)) : out;
    }

    private static Map<Object, Object> map(final ItemType.MapType type, final JsonNode node, final Path path) {
        expect(node.isObject(), "an object (map)", node, path);
        final Map<Object, Object> out = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> e : node.properties()) {
            final Path where = path.member(e.getKey());
            final Object key = mapKey(type.key(), e.getKey(), where);
            if (out.containsKey(key)) {
                throw new ChumException(ErrorCode.WRONG_TYPE, where + ": duplicate map key " + key);
            }
            out.put(key, value(type.value(), e.getValue(), where));
        }
        return out;
    }

    private static Object mapKey(final ItemType type, final String key, final Path path) {
        if (type instanceof ItemType.StringType) {
            return key;
        }
        if (type instanceof ItemType.ReferenceToId) {
            return IdHash.ofHex(hexKey(key, path));
        }
        if (type instanceof ItemType.ReferenceToObj || type instanceof ItemType.ReferenceToClob
            || type instanceof ItemType.ReferenceToBlob) {
            return Hash.ofHex(hexKey(key, path));
        }
        if (type instanceof ItemType.IntegerType) {
            if (JSON_INTEGER.matcher(key).matches()) {
                return safeInteger(new BigDecimal(key), key, path);
            }
            if (JSON_NUMBER.matcher(key).matches()) {
                return integralDouble(Double.parseDouble(key), key, path);
            }
            throw new ChumException(ErrorCode.WRONG_TYPE, path + ": map key \"" + key + "\" is not an integer");
        }
        if (type instanceof ItemType.NumberType) {
            if (!JSON_NUMBER.matcher(key).matches()) {
                throw new ChumException(ErrorCode.WRONG_TYPE, path + ": map key \"" + key + "\" is not a number");
            }
            return finite(Double.parseDouble(key), key, path);
        }
        if (type instanceof ItemType.BooleanType) {
            if (key.equals("true") || key.equals("false")) {
                return Boolean.valueOf(key);
            }
            throw new ChumException(ErrorCode.WRONG_TYPE, path + ": map key \"" + key + "\" is not a boolean");
        }
        throw new ChumException(ErrorCode.WRONG_TYPE,
            path + ": map keys of type " + type.typeName() + " cannot be written as JSON member names");
    }

    private static Long integer(final JsonNode node, final Path path) {
        expect(node.isNumber(), "an integer", node, path);
        if (node.isIntegralNumber()) {
            final long v = node.longValue();
            if (!node.canConvertToLong() || v > MAX_SAFE_INTEGER || v < -MAX_SAFE_INTEGER) {
                throw new ChumException(ErrorCode.RANGE, path + ": " + node + " is beyond ±(2^53−1)");
            }
            return v;
        }
        return integralDouble(node.doubleValue(), jsText(node), path);
    }

    private static Long integralDouble(final double d, final String text, final Path path) {
        if (!Double.isFinite(d) || d != Math.rint(d)) {
            throw new ChumException(ErrorCode.RANGE, path + ": " + text + " is not an integer");
        }
        if (Math.abs(d) > MAX_SAFE_INTEGER) {
            throw new ChumException(ErrorCode.RANGE, path + ": " + text + " is beyond ±(2^53−1)");
        }
        return (long) d;
    }

    private static Long safeInteger(final BigDecimal v, final String text, final Path path) {
        if (v.abs().compareTo(BigDecimal.valueOf(MAX_SAFE_INTEGER)) > 0) {
            throw new ChumException(ErrorCode.RANGE, path + ": " + text + " is beyond ±(2^53−1)");
        }
        return v.longValueExact();
    }

    private static Double finite(final double d, final String text, final Path path) {
        if (!Double.isFinite(d)) {
            throw new ChumException(ErrorCode.RANGE, path + ": " + text + " is not a finite number");
        }
        // JavaScript prints -0 as 0, so both spellings are one value here.
        return d == 0.0 ? 0.0 : d;
    }

    private static void requireFiniteNumbers(final JsonNode node, final Path path) {
        if (node.isNumber()) {
            finite(node.doubleValue(), jsText(node), path);
        } else if (node.isContainerNode()) {
            for (final JsonNode child : node) {
                requireFiniteNumbers(child, path);
            }
        }
    }

    private static String hex(final JsonNode node, final Path path) {
        expect(node.isTextual(), "a hash (64 lowercase hex characters)", node, path);
        return hexKey(node.textValue(), path);
    }

    private static String hexKey(final String text, final Path path) {
        if (!Sha256Value.isHex(text)) {
            throw new ChumException(ErrorCode.BAD_HASH,
                path + ": not 64 lowercase hex characters: \"" + abbreviate(text) + '"');
        }
        return text;
    }

    private static void expect(final boolean ok, final String expected, final JsonNode node, final Path path) {
        if (!ok) {
            throw new ChumException(ErrorCode.WRONG_TYPE, path + ": expected " + expected + ", got " + kind(node));
        }
    }

    // ---- writing ----

    private static void writeMembers(final List<Rule> rules, final Map<?, ?> values, final ObjectNode out,
                                     final Path path) {
        for (final Object name : values.keySet()) {
            if (!(name instanceof String s) || ruleOf(rules, s) == null) {
                throw new ChumException(ErrorCode.UNKNOWN_PROPERTY,
                    path.member(String.valueOf(name)) + ": the recipe has no such property");
            }
        }
        for (final Rule rule : rules) {
            final Object v = values.get(rule.itemprop());
            if (v != null) {
                out.set(rule.itemprop(), node(rule.itemtype(), v, path.member(rule.itemprop())));
            }
        }
    }

    private static JsonNode node(final ItemType type, final Object v, final Path path) {
        if (type instanceof ItemType.StringType) {
            return NODES.textNode(javaValue(String.class, v, path));
        }
        if (type instanceof ItemType.IntegerType) {
            return NODES.numberNode(javaValue(Long.class, v, path));
        }
        if (type instanceof ItemType.NumberType) {
            return numberNode(javaValue(Double.class, v, path));
        }
        if (type instanceof ItemType.BooleanType) {
            return NODES.booleanNode(javaValue(Boolean.class, v, path));
        }
        if (type instanceof ItemType.StringifiableType) {
            return asJavaScriptHolds(javaValue(JsonNode.class, v, path));
        }
        if (type instanceof ItemType.ReferenceToId) {
            return NODES.textNode(javaValue(IdHash.class, v, path).toHex());
        }
        if (type instanceof ItemType.ReferenceToObj || type instanceof ItemType.ReferenceToClob
            || type instanceof ItemType.ReferenceToBlob) {
            return NODES.textNode(javaValue(Hash.class, v, path).toHex());
        }
        if (type instanceof ItemType.ArrayType a) {
            return arrayNode(a.item(), v, path);
        }
        if (type instanceof ItemType.BagType b) {
            return arrayNode(b.item(), v, path);
        }
        if (type instanceof ItemType.SetType s) {
            return arrayNode(s.item(), v, path);
        }
        if (type instanceof ItemType.MapType m) {
            final ObjectNode out = NODES.objectNode();
            for (final Map.Entry<?, ?> e : mapValue(v, path).entrySet()) {
                final String key = keyText(m.key(), e.getKey(), path);
                out.set(key, node(m.value(), e.getValue(), path.member(key)));
            }
            return out;
        }
        if (type instanceof ItemType.ObjectType o) {
            final ObjectNode out = NODES.objectNode();
            writeMembers(o.rules(), mapValue(v, path), out, path);
            return out;
        }
        throw new ChumException(ErrorCode.INTERNAL, path + ": unhandled itemtype " + type.typeName());
    }

    private static ArrayNode arrayNode(final ItemType item, final Object v, final Path path) {
        final ArrayNode out = NODES.arrayNode();
        int i = 0;
        for (final Object element : listValue(v, path)) {
            out.add(node(item, element, path.index(i++)));
        }
        return out;
    }

    private static String keyText(final ItemType type, final Object key, final Path path) {
        if (type instanceof ItemType.StringType) {
            return javaValue(String.class, key, path);
        }
        if (type instanceof ItemType.ReferenceToId) {
            return javaValue(IdHash.class, key, path).toHex();
        }
        if (type instanceof ItemType.ReferenceToObj || type instanceof ItemType.ReferenceToClob
            || type instanceof ItemType.ReferenceToBlob) {
            return javaValue(Hash.class, key, path).toHex();
        }
        if (type instanceof ItemType.IntegerType) {
            return javaValue(Long.class, key, path).toString();
        }
        if (type instanceof ItemType.NumberType) {
            return JsNumbers.format(javaValue(Double.class, key, path));
        }
        if (type instanceof ItemType.BooleanType) {
            return javaValue(Boolean.class, key, path).toString();
        }
        throw new ChumException(ErrorCode.WRONG_TYPE,
            path + ": map keys of type " + type.typeName() + " cannot be written as JSON member names");
    }

    /**
     * Integral doubles up to 2^53 as integral JSON numbers (2.0 → 2); the others as doubles, which {@link Json}
     * prints as JavaScript does ({@code 1e+21}, {@code 2.5}).
     */
    private static JsonNode numberNode(final double d) {
        if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER) {
            return NODES.numberNode((long) d);
        }
        return NODES.numberNode(d);
    }

    /** A copy of a stringifiable value with its numbers as JavaScript's JSON.parse holds them: doubles. */
    private static JsonNode asJavaScriptHolds(final JsonNode node) {
        if (node.isNumber()) {
            return numberNode(node.doubleValue());
        }
        if (node.isObject()) {
            final ObjectNode copy = NODES.objectNode();
            for (final Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), asJavaScriptHolds(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            final ArrayNode copy = NODES.arrayNode();
            for (final JsonNode element : node) {
                copy.add(asJavaScriptHolds(element));
            }
            return copy;
        }
        return node.deepCopy();
    }

    /** A number node's value as JavaScript would print it, for messages. */
    private static String jsText(final JsonNode node) {
        return node.isIntegralNumber() ? node.asText() : JsNumbers.format(node.doubleValue());
    }

    private static Map<?, ?> mapValue(final Object v, final Path path) {
        if (!(v instanceof Map<?, ?> map)) {
            throw new ChumException(ErrorCode.WRONG_TYPE, path + ": expected a Map, got " + className(v));
        }
        return map;
    }

    private static List<?> listValue(final Object v, final Path path) {
        if (!(v instanceof List<?> list)) {
            throw new ChumException(ErrorCode.WRONG_TYPE, path + ": expected a List, got " + className(v));
        }
        return list;
    }

    private static String className(final Object v) {
        return v == null ? "null" : v.getClass().getName();
    }

    private static <T> T javaValue(final Class<T> expected, final Object v, final Path path) {
        if (!expected.isInstance(v)) {
            throw new ChumException(ErrorCode.WRONG_TYPE,
                path + ": expected a " + expected.getSimpleName() + ", got " + className(v));
        }
        return expected.cast(v);
    }

    // ---- shared ----

    private static Rule ruleOf(final List<Rule> rules, final String itemprop) {
        for (final Rule r : rules) {
            if (r.itemprop().equals(itemprop)) {
                return r;
            }
        }
        return null;
    }

    private static String kind(final JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(final String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** A property path for error messages, rendered only when an error is reported. */
    private static final class Path {
        private final Path parent;
        private final String member;
        private final int index;

        private Path(final Path parent, final String member, final int index) {
            this.parent = parent;
            this.member = member;
            this.index = index;
        }

        static Path root(final String type) {
            return new Path(null, type, -1);
        }

        Path member(final String name) {
            return new Path(this, name, -1);
        }

        Path index(final int i) {
            return new Path(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return member;
            }
            return member != null ? parent + "." + member : parent + "[" + index + "]";
        }
    }
}
