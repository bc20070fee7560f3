package io.chum.microdata;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.HashList;
import io.chum.model.IdHash;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.ReferenceKind;
import io.chum.model.Rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ONE object whose largest properties, top-level bags or sets of references, are held as {@link HashList}s
 * instead of lists of hash objects, so that it can be hashed and stored by streaming ({@link Canonical#hashStreamed},
 * {@link Canonical#writeStreamed}) with memory for 32 bytes per reference and no whole rendering in memory. Its
 * microdata, hash and ID hash are exactly those of {@link #toOneObject()} (the same object with the lists
 * materialised) under {@link Canonical#encode}: streaming changes how the bytes are produced, never which bytes.
 * Made for the Chum object (one-spec §6.6), which lists every hash a chum transferred.
 *
 * <p>The object itself is immutable, but the hash lists are not copied: nothing may add to them while the object is
 * used, and a rendering reorders their pages ({@link HashList#forEachSorted}). Use from one thread at a time.
 */
public final class StreamedObject {
    private final OneObject rest;
    private final Map<String, HashList> lists;

    /**
     * An object of {@code rest}'s type with the values of {@code rest}, except that each property named in
     * {@code lists} holds the references of its hash list (any value {@code rest} has for it is ignored).
     */
    public StreamedObject(final OneObject rest, final Map<String, HashList> lists) {
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(lists, "lists");
        final Map<String, Object> values = new LinkedHashMap<>(rest.values());
        for (final String property : lists.keySet()) {
            values.put(property, List.of());
        }
        this.rest = OneObject.of(rest.type(), values);
        this.lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
    }

    /** The ONE type. */
    public String type() {
        return rest.type();
    }

    /** The object with an empty list in place of every streamed property. */
    public OneObject rest() {
        return rest;
    }

    /** The streamed properties and their hashes. */
    public Map<String, HashList> lists() {
        return lists;
    }

    /**
     * The same object as a plain {@link OneObject}: every streamed list materialised as {@link Hash}es (or
     * {@link IdHash}es for an ID reference rule). For small objects and tests: it costs what streaming saves.
     */
    public OneObject toOneObject(final RecipeRegistry registry) {
        final Recipe recipe = registry.recipe(type());
        final Map<String, Object> values = new LinkedHashMap<>(rest.values());
        for (final Map.Entry<String, HashList> e : lists.entrySet()) {
            final boolean id = listKind(recipe, e.getKey()) == ReferenceKind.ID;
            final List<Object> items = new ArrayList<>(e.getValue().size());
            e.getValue().forEachSorted((w0, w1, w2, w3) -> items.add(id ? IdHash.of(w0, w1, w2, w3)
                : Hash.of(w0, w1, w2, w3)));
            values.put(e.getKey(), items);
        }
        return OneObject.of(type(), values);
    }

    /**
     * The kind of reference the rule of {@code property} holds; {@code CS-OBJ-WRONG-TYPE} unless it is a top-level
     * bag or set of references that is not an ID property (what can be streamed).
     */
    public static ReferenceKind listKind(final Recipe recipe, final String property) {
        final Rule rule = recipe.rule(property);
        if (rule == null) {
            throw new ChumException(ErrorCode.UNKNOWN_PROPERTY, recipe.name() + "." + property
                + ": the recipe has no such rule");
        }
        final ItemType type = rule.itemtype();
        final ItemType item = type instanceof ItemType.BagType b ? b.item()
            : type instanceof ItemType.SetType s ? s.item() : null;
        final ReferenceKind kind;
        if (item instanceof ItemType.ReferenceToObj) {
            kind = ReferenceKind.OBJ;
        } else if (item instanceof ItemType.ReferenceToId) {
            kind = ReferenceKind.ID;
        } else if (item instanceof ItemType.ReferenceToBlob) {
            kind = ReferenceKind.BLOB;
        } else if (item instanceof ItemType.ReferenceToClob) {
            kind = ReferenceKind.CLOB;
        } else {
            kind = null;
        }
        if (kind == null || rule.isId()) {
            throw new ChumException(ErrorCode.WRONG_TYPE, recipe.name() + "." + property + ": only a bag or set of "
                + "references that is not an ID property can be streamed, not " + rule.itemtype().typeName());
        }
        return kind;
    }
}
