package io.chum.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ONE object in memory: its type and its property values, deeply immutable.
 *
 * <p>Values use the Java types listed in {@link ItemType}. A OneObject is not necessarily valid for
 * its recipe; {@link OneObjects#validate} checks that, and every path that hashes or stores an object
 * validates it first. Absent optional properties are simply missing from {@link #values()}.
 * Thread-safe.
 */
public final class OneObject {
    private final String type;
    private final Map<String, Object> values;

    private OneObject(final String type, final Map<String, Object> values) {
        this.type = type;
        this.values = values;
    }

    /** An object of {@code type} with a deep immutable copy of {@code values} (keys in given order). */
    public static OneObject of(final String type, final Map<String, ?> values) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(values, "values");
        @SuppressWarnings("unchecked")
        final Map<String, Object> frozen = (Map<String, Object>) freeze(values);
        return new OneObject(type, frozen);
    }

    /** The ONE type name ({@code $type$}). */
    public String type() {
        return type;
    }

    /** All present values, unmodifiable. */
    public Map<String, Object> values() {
        return values;
    }

    /** The value of {@code itemprop}, or null if absent. */
    public Object get(final String itemprop) {
        return values.get(itemprop);
    }

    /** The value of a string property, or null if absent. */
    public String getString(final String itemprop) {
        return (String) values.get(itemprop);
    }

    /** The value of a list-valued (array/bag/set) property, or an empty list if absent. */
    @SuppressWarnings("unchecked")
    public List<Object> getList(final String itemprop) {
        final Object v = values.get(itemprop);
        return v == null ? List.of() : (List<Object>) v;
    }

    /** A copy with {@code itemprop} set to {@code value} (or removed if value is null). */
    public OneObject with(final String itemprop, final Object value) {
        final Map<String, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(itemprop);
        } else {
            copy.put(itemprop, value);
        }
        return of(type, copy);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof OneObject other && type.equals(other.type) && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return type + values;
    }

    private static Object freeze(final Object v) {
        if (v instanceof List<?> list) {
            final List<Object> out = new ArrayList<>(list.size());
            for (final Object item : list) {
                out.add(freeze(Objects.requireNonNull(item, "null list item")));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            final Map<Object, Object> out = new LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : map.entrySet()) {
                out.put(freeze(Objects.requireNonNull(e.getKey(), "null map key")),
                    freeze(Objects.requireNonNull(e.getValue(), "null value for " + e.getKey())));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof com.fasterxml.jackson.databind.JsonNode node) {
            return node.deepCopy();
        }
        return v;
    }
}
