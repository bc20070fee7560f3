package io.chum.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value type of a recipe rule ({@code itemtype} in ONE). Immutable.
 *
 * <p>Each kind names the Java type its values have inside a {@link OneObject}:
 * <ul>
 *   <li>{@link StringType} → {@link String}</li>
 *   <li>{@link IntegerType} → {@link Long} (a safe JavaScript integer, |v| ≤ 2^53−1)</li>
 *   <li>{@link NumberType} → {@link Double} (finite)</li>
 *   <li>{@link BooleanType} → {@link Boolean}</li>
 *   <li>{@link StringifiableType} → a Jackson {@code JsonNode} (treated as immutable)</li>
 *   <li>{@link ReferenceToObj}, {@link ReferenceToClob}, {@link ReferenceToBlob} → {@link Hash};
 *       {@link ReferenceToId} → {@link IdHash}</li>
 *   <li>{@link ArrayType}, {@link BagType}, {@link SetType} → unmodifiable {@code List<Object>}
 *       (array: given order; bag/set: order irrelevant, rendered sorted; set: no duplicates)</li>
 *   <li>{@link MapType} → unmodifiable {@code Map<Object, Object>} in insertion order</li>
 *   <li>{@link ObjectType} → unmodifiable {@code Map<String, Object>} (nested rules, recipe order)</li>
 * </ul>
 */
public sealed interface ItemType {

    /** The {@code type} name ONE uses, e.g. {@code referenceToObj}. */
    String typeName();

    /** {@code string}, optionally validated with a JavaScript regexp ({@code RegExp.test}: a find; {@link JsRegExp}). */
    record StringType(String regexp, Pattern pattern) implements ItemType {
        /** A plain string. */
        public static final StringType PLAIN = new StringType(null, null);

        /** A string validated with {@code regexp}. */
        public static StringType matching(final String regexp) {
            return new StringType(regexp, JsRegExp.compile(regexp));
        }

        @Override
        public String typeName() {
            return "string";
        }

        @Override
        public boolean equals(final Object o) {
            return o instanceof StringType s && Objects.equals(regexp, s.regexp);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(regexp);
        }
    }

    /** {@code integer} with optional inclusive bounds (null = unbounded). */
    record IntegerType(Long min, Long max) implements ItemType {
        public static final IntegerType ANY = new IntegerType(null, null);

        @Override
        public String typeName() {
            return "integer";
        }
    }

    /** {@code number}: a finite double. */
    record NumberType() implements ItemType {
        public static final NumberType INSTANCE = new NumberType();

        @Override
        public String typeName() {
            return "number";
        }
    }

    /** {@code boolean}. */
    record BooleanType() implements ItemType {
        public static final BooleanType INSTANCE = new BooleanType();

        @Override
        public String typeName() {
            return "boolean";
        }
    }

    /** {@code stringifiable}: any JSON value, rendered as JSON with sorted keys. */
    record StringifiableType() implements ItemType {
        public static final StringifiableType INSTANCE = new StringifiableType();

        @Override
        public String typeName() {
            return "stringifiable";
        }
    }

    /** {@code referenceToObj}; {@code allowedTypes} contains {@code "*"} for any type. */
    record ReferenceToObj(Set<String> allowedTypes) implements ItemType {
        public static final ReferenceToObj ANY = new ReferenceToObj(Set.of("*"));

        public ReferenceToObj {
            allowedTypes = Set.copyOf(allowedTypes);
        }

        /** True if an object of {@code type} may be referenced. */
        public boolean allows(final String type) {
            return allowedTypes.contains("*") || allowedTypes.contains(type);
        }

        @Override
        public String typeName() {
            return "referenceToObj";
        }
    }

    /** {@code referenceToId}; {@code allowedTypes} contains {@code "*"} for any type. */
    record ReferenceToId(Set<String> allowedTypes) implements ItemType {
        public static final ReferenceToId ANY = new ReferenceToId(Set.of("*"));

        public ReferenceToId {
            allowedTypes = Set.copyOf(allowedTypes);
        }

        /** True if an ID object of {@code type} may be referenced. */
        public boolean allows(final String type) {
            return allowedTypes.contains("*") || allowedTypes.contains(type);
        }

        @Override
        public String typeName() {
            return "referenceToId";
        }
    }

    /** {@code referenceToClob}. */
    record ReferenceToClob() implements ItemType {
        public static final ReferenceToClob INSTANCE = new ReferenceToClob();

        @Override
        public String typeName() {
            return "referenceToClob";
        }
    }

    /** {@code referenceToBlob}. */
    record ReferenceToBlob() implements ItemType {
        public static final ReferenceToBlob INSTANCE = new ReferenceToBlob();

        @Override
        public String typeName() {
            return "referenceToBlob";
        }
    }

    /** {@code map}: key and value types; insertion order is kept and rendered. */
    record MapType(ItemType key, ItemType value) implements ItemType {
        public MapType {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "map";
        }
    }

    /** {@code bag}: unordered, duplicates allowed, rendered sorted. */
    record BagType(ItemType item) implements ItemType {
        public BagType {
            Objects.requireNonNull(item, "item");
        }

        @Override
        public String typeName() {
            return "bag";
        }
    }

    /** {@code array}: ordered. */
    record ArrayType(ItemType item) implements ItemType {
        public ArrayType {
            Objects.requireNonNull(item, "item");
        }

        @Override
        public String typeName() {
            return "array";
        }
    }

    /** {@code set}: unordered, no duplicates, rendered sorted. */
    record SetType(ItemType item) implements ItemType {
        public SetType {
            Objects.requireNonNull(item, "item");
        }

        @Override
        public String typeName() {
            return "set";
        }
    }

    /** {@code object}: a nested object with its own rules (no ID rules allowed inside). */
    record ObjectType(List<Rule> rules) implements ItemType {
        public ObjectType {
            rules = List.copyOf(rules);
        }

        @Override
        public String typeName() {
            return "object";
        }
    }
}
