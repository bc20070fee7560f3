package io.chum.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.JsNumbers;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * Converts {@link Recipe}s to and from JSON ({@code recipe --data}) and to and from ONE {@code Recipe} objects.
 *
 * <p>JSON form: {@code {"name":"T","rule":[{"itemprop":"p","itemtype":{…},"isId":true,"optional":true,
 * "inheritFrom":"Other.p"}]}}. {@code itemtype} is {@code {"type":"string","regexp":"…"}},
 * {@code {"type":"integer","min":n,"max":n}}, {@code {"type":"number"}}, {@code {"type":"boolean"}},
 * {@code {"type":"stringifiable"}}, {@code {"type":"referenceToObj"|"referenceToId","allowedTypes":[…]}}
 * ({@code "*"} = any type), {@code {"type":"referenceToClob"|"referenceToBlob"}},
 * {@code {"type":"map","key":{…},"value":{…}}}, {@code {"type":"array"|"bag"|"set","item":{…}}} or
 * {@code {"type":"object","rules":[…]}}; a rule without {@code itemtype} holds a plain string. {@code inheritFrom}
 * is {@code "Type.itemprop"} or ONE's {@code {"rule":"Type.itemprop"}} (the {@code extract} option is not
 * supported). A rule with {@code inheritFrom} must not also give an {@code itemtype}. Anything else is
 * {@code CS-RECIPE}, with a message naming the rule. {@link #toJson} is canonical: fixed key order,
 * {@code itemtype} omitted for plain strings, flags only when true, {@code allowedTypes} sorted.
 *
 * <p>Recipes are converted <em>as declared</em>: a rule with {@code inheritFrom} keeps the name and never
 * carries an itemtype in JSON or in the Recipe object, even when the {@link Recipe} passed in was already
 * resolved by {@link RecipeRegistry#register}; registering the converted recipe resolves it again. Reading
 * gives such a rule the placeholder itemtype {@link ItemType.StringType#PLAIN} until it is registered.
 *
 * <p>The ONE {@code Recipe} object ({@link CoreRecipes#RECIPE_RECIPE}) holds the same content: each rule is a
 * nested map with {@code itemtype} and {@code inheritFrom} as stringifiable JSON. Its optional
 * {@code crdtConfig} does not affect serialisation and has no place in {@link Recipe}: reading ignores it, in a
 * Recipe object and in JSON alike (the Recipe object a store keeps holds it, as ONE's does), and
 * {@link #toJson} never writes it.
 *
 * <p>Stateless and thread-safe.
 */
public final class RecipeJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Core recipes only; never registered into, so safe to share. */
    private static final RecipeRegistry CORE = RecipeRegistry.withCoreRecipes();

    private static final Set<String> RECIPE_MEMBERS = Set.of(ObjectJson.TYPE_MEMBER, "name", "rule", "crdtConfig");
    private static final Set<String> RULE_MEMBERS = Set.of("itemprop", "itemtype", "isId", "optional",
        "inheritFrom");

    private RecipeJson() {
    }

    /** Reads a recipe from JSON text; {@code CS-JSON} if unparsable. */
    public static Recipe fromJson(final String json) {
        return fromJson(Json.parse(json));
    }

    /** Reads a recipe from its JSON form; {@code CS-RECIPE} if malformed. */
    public static Recipe fromJson(final JsonNode json) {
        if (json == null || !json.isObject()) {
            throw bad("recipe", "expected a JSON object");
        }
        final JsonNode nameNode = json.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isEmpty()) {
            throw bad("recipe", "\"name\" must be a non-empty string");
        }
        final String name = nameNode.textValue();
        final JsonNode type = json.get(ObjectJson.TYPE_MEMBER);
        if (type != null && !(type.isTextual() && type.textValue().equals(CoreRecipes.RECIPE))) {
            throw bad(name, ObjectJson.TYPE_MEMBER + " must be \"" + CoreRecipes.RECIPE + "\", not "
                + Json.write(type));
        }
        for (final Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            final String member = it.next();
            if (!RECIPE_MEMBERS.contains(member)) {
                throw bad(name, "unknown member \"" + member + '"');
            }
        }
        return new Recipe(name, rules(json.get("rule"), name, "rule"));
    }

    /** The canonical JSON form of {@code recipe}. */
    public static ObjectNode toJson(final Recipe recipe) {
        final ObjectNode out = NODES.objectNode();
        out.put("name", recipe.name());
        out.set("rule", rulesToJson(recipe.rules()));
        return out;
    }

    /** The JSON form of one itemtype, e.g. {@code {"type":"bag","item":{"type":"string"}}}. */
    public static ObjectNode itemTypeToJson(final ItemType type) {
        final ObjectNode out = NODES.objectNode();
        out.put("type", type.typeName());
        if (type instanceof ItemType.StringType s) {
            if (s.regexp() != null) {
                out.put("regexp", s.regexp());
            }
        } else if (type instanceof ItemType.IntegerType i) {
            if (i.min() != null) {
                out.put("min", i.min());
            }
            if (i.max() != null) {
                out.put("max", i.max());
            }
        } else if (type instanceof ItemType.ReferenceToObj r) {
            out.set("allowedTypes", sortedNames(r.allowedTypes()));
        } else if (type instanceof ItemType.ReferenceToId r) {
            out.set("allowedTypes", sortedNames(r.allowedTypes()));
        } else if (type instanceof ItemType.MapType m) {
            out.set("key", itemTypeToJson(m.key()));
            out.set("value", itemTypeToJson(m.value()));
        } else if (type instanceof ItemType.ArrayType a) {
            out.set("item", itemTypeToJson(a.item()));
        } else if (type instanceof ItemType.BagType b) {
            out.set("item", itemTypeToJson(b.item()));
        } else if (type instanceof ItemType.SetType s) {
            out.set("item", itemTypeToJson(s.item()));
        } else if (type instanceof ItemType.ObjectType o) {
            out.set("rules", rulesToJson(o.rules()));
        }
        return out;
    }

    /** {@code recipe} as a ONE {@code Recipe} object, rules as declared (see the class comment). */
    public static OneObject toOneObject(final Recipe recipe) {
        final ObjectNode json = toJson(recipe);
        json.put(ObjectJson.TYPE_MEMBER, CoreRecipes.RECIPE);
        return ObjectJson.fromJson(json, CoreRecipes.RECIPE, CORE);
    }

    /** The recipe a ONE {@code Recipe} object describes; {@code CS-RECIPE} if its content is malformed. */
    public static Recipe fromOneObject(final OneObject recipeObject) {
        if (!recipeObject.type().equals(CoreRecipes.RECIPE)) {
            throw bad("recipe", "a " + recipeObject.type() + " object is not a " + CoreRecipes.RECIPE);
        }
        final ObjectNode json;
        try {
            json = ObjectJson.toJson(recipeObject.with("crdtConfig", null), CORE);
        } catch (final ChumException e) {
            throw new ChumException(ErrorCode.BAD_RECIPE, "malformed Recipe object: " + e.reason(), e);
        }
        return fromJson(json);
    }

    // ---- reading ----

    private static List<Rule> rules(final JsonNode node, final String owner, final String what) {
        if (node == null || !node.isArray()) {
            throw bad(owner, what + " must be an array of rules");
        }
        final List<Rule> rules = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            rules.add(rule(node.get(i), owner, what + "[" + i + "]"));
        }
        return rules;
    }

    private static Rule rule(final JsonNode node, final String owner, final String position) {
        if (!node.isObject()) {
            throw bad(owner, position + " must be a rule object");
        }
        final JsonNode itempropNode = node.get("itemprop");
        if (itempropNode == null || !itempropNode.isTextual() || itempropNode.textValue().isEmpty()) {
            throw bad(owner, position + ": \"itemprop\" must be a non-empty string");
        }
        final String where = owner + "." + itempropNode.textValue();
        for (final Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            final String member = it.next();
            if (!RULE_MEMBERS.contains(member)) {
                throw bad(where, "unknown member \"" + member + '"');
            }
        }
        final boolean optional = flag(node, "optional", where);
        final boolean isId = flag(node, "isId", where);
        final String inheritFrom = inheritFrom(node.get("inheritFrom"), where);
        final JsonNode itemtypeNode = node.get("itemtype");
        final ItemType itemtype;
        if (itemtypeNode == null || itemtypeNode.isNull()) {
            itemtype = ItemType.StringType.PLAIN;
        } else if (inheritFrom != null) {
            throw bad(where, "a rule with inheritFrom takes its itemtype from " + inheritFrom
                + " and must not give one");
        } else {
            itemtype = itemType(itemtypeNode, where, "itemtype");
        }
        return new Rule(itempropNode.textValue(), itemtype, optional, isId, inheritFrom);
    }

    private static boolean flag(final JsonNode rule, final String member, final String where) {
        final JsonNode v = rule.get(member);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw bad(where, "\"" + member + "\" must be a boolean");
        }
        return v.booleanValue();
    }

    private static String inheritFrom(final JsonNode v, final String where) {
        if (v == null || v.isNull()) {
            return null;
        }
        JsonNode name = v;
        if (v.isObject()) {
            for (final Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                final String member = it.next();
                if (!member.equals("rule")) {
                    throw bad(where, "inheritFrom option \"" + member + "\" is not supported");
                }
            }
            name = v.get("rule");
        }
        if (name == null || !name.isTextual() || name.textValue().indexOf('.') <= 0
            || name.textValue().endsWith(".")) {
            throw bad(where, "inheritFrom must be \"Type.itemprop\" or {\"rule\":\"Type.itemprop\"}, not "
                + Json.write(v));
        }
        return name.textValue();
    }

    private static ItemType itemType(final JsonNode node, final String where, final String at) {
        if (!node.isObject()) {
            throw bad(where, at + " must be an object with a \"type\"");
        }
        final JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw bad(where, at + ".type must be a string");
        }
        final String type = typeNode.textValue();
        switch (type) {
            case "string": {
                only(node, where, at, "regexp");
                final JsonNode regexp = node.get("regexp");
                if (regexp == null) {
                    return ItemType.StringType.PLAIN;
                }
                if (!regexp.isTextual()) {
                    throw bad(where, at + ".regexp must be a string");
                }
                try {
                    return ItemType.StringType.matching(regexp.textValue());
                } catch (final PatternSyntaxException e) {
                    throw new ChumException(ErrorCode.BAD_RECIPE,
                        where + ": " + at + ".regexp is not a valid regular expression: " + e.getDescription(), e);
                }
            }
            case "integer": {
                only(node, where, at, "min", "max");
                final Long min = bound(node.get("min"), where, at + ".min");
                final Long max = bound(node.get("max"), where, at + ".max");
                if (min != null && max != null && min > max) {
                    throw bad(where, at + ": min " + min + " is greater than max " + max);
                }
                return min == null && max == null ? ItemType.IntegerType.ANY : new ItemType.IntegerType(min, max);
            }
            case "number":
                only(node, where, at);
                return ItemType.NumberType.INSTANCE;
            case "boolean":
                only(node, where, at);
                return ItemType.BooleanType.INSTANCE;
            case "stringifiable":
                only(node, where, at);
                return ItemType.StringifiableType.INSTANCE;
            case "referenceToObj":
                only(node, where, at, "allowedTypes");
                return new ItemType.ReferenceToObj(allowedTypes(node, where, at));
            case "referenceToId":
                only(node, where, at, "allowedTypes");
                return new ItemType.ReferenceToId(allowedTypes(node, where, at));
            case "referenceToClob":
                only(node, where, at);
                return ItemType.ReferenceToClob.INSTANCE;
            case "referenceToBlob":
                only(node, where, at);
                return ItemType.ReferenceToBlob.INSTANCE;
            case "map":
                only(node, where, at, "key", "value");
                return new ItemType.MapType(required(node, "key", where, at), required(node, "value", where, at));
            case "array":
                only(node, where, at, "item");
                return new ItemType.ArrayType(required(node, "item", where, at));
            case "bag":
                only(node, where, at, "item");
                return new ItemType.BagType(required(node, "item", where, at));
            case "set":
                only(node, where, at, "item");
                return new ItemType.SetType(required(node, "item", where, at));
            case "object":
                only(node, where, at, "rules");
                return new ItemType.ObjectType(rules(node.get("rules"), where, at + ".rules"));
            default:
                throw bad(where, at + ".type \"" + type + "\" is not a ONE value type");
        }
    }

    private static ItemType required(final JsonNode node, final String member, final String where,
                                     final String at) {
        final JsonNode v = node.get(member);
        if (v == null) {
            throw bad(where, at + " (" + node.get("type").textValue() + ") needs \"" + member + '"');
        }
        return itemType(v, where, at + "." + member);
    }

    /** Refuses members other than {@code type} and {@code allowed}, so typos do not pass silently. */
    private static void only(final JsonNode node, final String where, final String at, final String... allowed) {
        for (final Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            final String member = it.next();
            if (member.equals("type")) {
                continue;
            }
            boolean known = false;
            for (final String a : allowed) {
                known |= a.equals(member);
            }
            if (!known) {
                throw bad(where, at + " (" + node.get("type").textValue() + ") has unknown member \"" + member + '"');
            }
        }
    }

    /** 2^53 − 1: the largest integer a JavaScript number holds exactly. */
    private static final double MAX_SAFE_INTEGER = 9_007_199_254_740_991.0;

    private static Long bound(final JsonNode v, final String where, final String at) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        // 1e3 is the JavaScript number 1000, as ONE reads the recipe
        final double d = v.isNumber() ? v.doubleValue() : Double.NaN;
        if (d != Math.rint(d) || Math.abs(d) > MAX_SAFE_INTEGER) {
            throw bad(where, at + " must be an integer within ±(2^53−1), not "
                + (v.isNumber() ? JsNumbers.format(d) : Json.write(v)));
        }
        return (long) d;
    }

    private static Set<String> allowedTypes(final JsonNode node, final String where, final String at) {
        final JsonNode v = node.get("allowedTypes");
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw bad(where, at + ".allowedTypes must be a non-empty array of type names (\"*\" = any)");
        }
        final Set<String> names = new LinkedHashSet<>();
        for (final JsonNode n : v) {
            if (!n.isTextual() || n.textValue().isEmpty()) {
                throw bad(where, at + ".allowedTypes must hold non-empty type names, not " + Json.write(n));
            }
            names.add(n.textValue());
        }
        return names;
    }

    // ---- writing ----

    private static ArrayNode rulesToJson(final List<Rule> rules) {
        final ArrayNode out = NODES.arrayNode();
        for (final Rule r : rules) {
            final ObjectNode rule = out.addObject();
            rule.put("itemprop", r.itemprop());
            // PLAIN's written-out equals, not the generated one of another item type's record: that is linked on its
            // first call, and every store's open comes here (docs/benchmarks.md §7.3, "Record methods linked on first
            // use")
            if (r.inheritFrom() == null && !ItemType.StringType.PLAIN.equals(r.itemtype())) {
                rule.set("itemtype", itemTypeToJson(r.itemtype()));
            }
            if (r.isId()) {
                rule.put("isId", true);
            }
            if (r.optional()) {
                rule.put("optional", true);
            }
            if (r.inheritFrom() != null) {
                rule.put("inheritFrom", r.inheritFrom());
            }
        }
        return out;
    }

    private static ArrayNode sortedNames(final Set<String> names) {
        final ArrayNode out = NODES.arrayNode();
        for (final String n : new TreeSet<>(names)) {
            out.add(n);
        }
        return out;
    }

    private static ChumException bad(final String where, final String message) {
        return new ChumException(ErrorCode.BAD_RECIPE, where + ": " + message);
    }
}
