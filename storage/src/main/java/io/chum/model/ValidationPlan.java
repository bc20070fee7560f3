package io.chum.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.microdata.JsNumbers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A recipe compiled for {@link OneObjects}: the fast, allocation-free check that answers "certainly valid" for
 * the usual object. It never throws: anything it cannot confirm (an invalid value, a set or map whose items
 * have no Java value equality) makes it answer false, and {@link OneObjects} then runs the full check, which
 * finds and reports the first problem. Stores validate every local write, so the common case must not build
 * property paths or walk {@link ItemType}s by {@code instanceof}. Immutable; {@link #of} caches one plan per
 * recipe name, checked by identity (thread-safe).
 */
final class ValidationPlan {
    private static final ConcurrentHashMap<String, ValidationPlan> CACHE = new ConcurrentHashMap<>();
    /** Sets up to this size are checked for duplicates pairwise instead of by hashing. */
    private static final int PAIRWISE_LIMIT = 16;

    final Recipe recipe;
    /** All rules, in recipe order. */
    final Rules rules;
    /** The ID rules in recipe order; empty for unversioned types. */
    final Rules idRules;
    /** The ID rules as {@link Rule}s, for deriving ID objects. */
    final List<Rule> idRuleList;

    private ValidationPlan(final Recipe recipe) {
        this.recipe = recipe;
        this.rules = new Rules(recipe.rules());
        this.idRuleList = recipe.rules().stream().filter(Rule::isId).toList();
        this.idRules = new Rules(idRuleList);
    }

    /** The plan of {@code recipe} (a replaced recipe of the same name gets a new plan). */
    static ValidationPlan of(final Recipe recipe) {
        final ValidationPlan cached = CACHE.get(recipe.name());
        if (cached != null && cached.recipe == recipe) {
            return cached;
        }
        final ValidationPlan plan = new ValidationPlan(recipe);
        CACHE.put(recipe.name(), plan);
        return plan;
    }

    /** The rules of a recipe or nested object. */
    static final class Rules {
        private final String[] names;
        private final boolean[] optional;
        private final Node[] types;

        Rules(final List<Rule> rules) {
            final int n = rules.size();
            names = new String[n];
            optional = new boolean[n];
            types = new Node[n];
            for (int i = 0; i < n; i++) {
                final Rule r = rules.get(i);
                names[i] = r.itemprop();
                optional[i] = r.optional();
                types[i] = Node.of(r.itemtype());
            }
        }

        boolean isEmpty() {
            return names.length == 0;
        }

        /** True if {@code values} certainly satisfies these rules. */
        boolean accepts(final Map<?, ?> values) {
            int present = 0;
            for (int i = 0; i < names.length; i++) {
                final Object v = values.get(names[i]);
                if (v == null) {
                    if (!optional[i]) {
                        return false;
                    }
                } else {
                    present++;
                    if (!types[i].accepts(v)) {
                        return false;
                    }
                }
            }
            return present == values.size();
        }
    }

    /** One {@link ItemType}, compiled. */
    private static final class Node {
        private static final int STRING = 0;
        private static final int INTEGER = 1;
        private static final int NUMBER = 2;
        private static final int BOOLEAN = 3;
        private static final int JSON = 4;
        private static final int HASH = 5;
        private static final int ID_HASH = 6;
        private static final int LIST = 7;
        private static final int SET = 8;
        private static final int MAP = 9;
        private static final int OBJECT = 10;

        private final int kind;
        private final Pattern pattern;
        private final long min;
        private final long max;
        /** Items of lists and sets, keys of maps. */
        private final Node item;
        private final Node value;
        private final Rules rules;
        /** Whether Java equality of items (set) or keys (map) is rendering equality. */
        private final boolean valueEquality;

        private Node(final int kind, final Pattern pattern, final long min, final long max, final Node item,
                     final Node value, final Rules rules, final boolean valueEquality) {
            this.kind = kind;
            this.pattern = pattern;
            this.min = min;
            this.max = max;
            this.item = item;
            this.value = value;
            this.rules = rules;
            this.valueEquality = valueEquality;
        }

        private static Node simple(final int kind) {
            return new Node(kind, null, 0, 0, null, null, null, false);
        }

        static Node of(final ItemType type) {
            if (type instanceof ItemType.StringType s) {
                return new Node(STRING, s.pattern(), 0, 0, null, null, null, false);
            } else if (type instanceof ItemType.IntegerType i) {
                final long safe = JsNumbers.MAX_SAFE_INTEGER;
                return new Node(INTEGER, null, i.min() == null ? -safe : Math.max(-safe, i.min()),
                    i.max() == null ? safe : Math.min(safe, i.max()), null, null, null, false);
            } else if (type instanceof ItemType.NumberType) {
                return simple(NUMBER);
            } else if (type instanceof ItemType.BooleanType) {
                return simple(BOOLEAN);
            } else if (type instanceof ItemType.StringifiableType) {
                return simple(JSON);
            } else if (type instanceof ItemType.ReferenceToId) {
                return simple(ID_HASH);
            } else if (type instanceof ItemType.ReferenceToObj || type instanceof ItemType.ReferenceToClob
                || type instanceof ItemType.ReferenceToBlob) {
                return simple(HASH);
            } else if (type instanceof ItemType.ArrayType a) {
                return new Node(LIST, null, 0, 0, of(a.item()), null, null, false);
            } else if (type instanceof ItemType.BagType b) {
                return new Node(LIST, null, 0, 0, of(b.item()), null, null, false);
            } else if (type instanceof ItemType.SetType s) {
                return new Node(SET, null, 0, 0, of(s.item()), null, null, OneObjects.hasValueEquality(s.item()));
            } else if (type instanceof ItemType.MapType m) {
                return new Node(MAP, null, 0, 0, of(m.key()), of(m.value()), null,
                    OneObjects.hasValueEquality(m.key()));
            } else if (type instanceof ItemType.ObjectType o) {
                return new Node(OBJECT, null, 0, 0, null, null, new Rules(o.rules()), false);
            }
            throw new IllegalArgumentException("unknown item type " + type);
        }

        boolean accepts(final Object v) {
            return switch (kind) {
                case STRING -> v instanceof String s && (pattern == null || pattern.matcher(s).find());
                case INTEGER -> v instanceof Long l && l >= min && l <= max;
                case NUMBER -> v instanceof Double d && Double.isFinite(d);
                case BOOLEAN -> v instanceof Boolean;
                case JSON -> v instanceof JsonNode node && isJson(node);
                case HASH -> v instanceof Hash;
                case ID_HASH -> v instanceof IdHash;
                case LIST -> v instanceof List<?> list && allAccepted(list);
                case SET -> v instanceof List<?> list && valueEquality && allAccepted(list) && isDistinct(list);
                case MAP -> v instanceof Map<?, ?> map && valueEquality && entriesAccepted(map);
                case OBJECT -> v instanceof Map<?, ?> map && stringKeys(map) && rules.accepts(map);
                default -> false;
            };
        }

        private boolean allAccepted(final List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!item.accepts(list.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Pairwise for the usual short set; longer ones are left to the full check. */
        private static boolean isDistinct(final List<?> list) {
            final int n = list.size();
            if (n > PAIRWISE_LIMIT) {
                return false;
            }
            for (int i = 1; i < n; i++) {
                final Object x = list.get(i);
                for (int j = 0; j < i; j++) {
                    if (x.equals(list.get(j))) {
                        return false;
                    }
                }
            }
            return true;
        }

        private boolean entriesAccepted(final Map<?, ?> map) {
            for (final Map.Entry<?, ?> e : map.entrySet()) {
                if (!item.accepts(e.getKey()) || !value.accepts(e.getValue())) {
                    return false;
                }
            }
            return true;
        }

        private static boolean stringKeys(final Map<?, ?> map) {
            for (final Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    return false;
                }
            }
            return true;
        }

        /** Every number finite and every node a JSON value ({@code OneObjects.checkJson} without messages). */
        private static boolean isJson(final JsonNode node) {
            switch (node.getNodeType()) {
                case OBJECT, ARRAY -> {
                    for (final JsonNode child : node) {
                        if (!isJson(child)) {
                            return false;
                        }
                    }
                    return true;
                }
                case NUMBER -> {
                    return Double.isFinite(node.doubleValue());
                }
                case STRING, BOOLEAN, NULL -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
    }
}
