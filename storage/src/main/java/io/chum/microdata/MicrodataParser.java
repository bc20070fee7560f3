package io.chum.microdata;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.OneObjects;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.ReferenceKind;
import io.chum.model.Sha256Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The strict microdata parser: turns canonical microdata back into a {@link OneObject}, using the recipes of a
 * registry.
 *
 * <p>It accepts exactly what {@link MicrodataWriter} produces for a valid object and nothing else: after
 * reading, the object is validated and re-rendered, and the bytes must be identical. So whitespace, other
 * entities, raw {@code <}/{@code >} in text, wrong tags or rule order, unsorted bags, set duplicates,
 * non-canonical numbers, uppercase hex, trailing bytes and invalid UTF-8 are all {@code CS-MICRODATA};
 * an unknown type is {@code CS-OBJ-UNKNOWN-TYPE}. Thread-safe.
 */
public final class MicrodataParser {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,16}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9.e+-]*");

    private final RecipeRegistry registry;

    public MicrodataParser(final RecipeRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Parses the microdata of a normal object; ID-object microdata is {@code CS-MICRODATA}. */
    public OneObject parse(final byte[] md) {
        return parse(md, false, null);
    }

    /**
     * As {@link #parse(byte[])}, and tells {@code references} of every reference in microdata order, as
     * {@link Microdata#forEachReference} of the same bytes would, without a second pass over them. A failed parse may
     * have reported some references before it threw.
     */
    public OneObject parse(final byte[] md, final ReferenceVisitor references) {
        return parse(md, false, Objects.requireNonNull(references, "references"));
    }

    /** Parses ID-object microdata; anything else is {@code CS-MICRODATA}. */
    public OneObject parseIdObject(final byte[] md) {
        return parse(md, true, null);
    }

    /** As {@link #parseIdObject(byte[])}, reporting every reference as {@link #parse(byte[], ReferenceVisitor)}. */
    public OneObject parseIdObject(final byte[] md, final ReferenceVisitor references) {
        return parse(md, true, Objects.requireNonNull(references, "references"));
    }

    private OneObject parse(final byte[] md, final boolean idObject, final ReferenceVisitor references) {
        final Header header = Header.of(md);
        if (header.idObject() != idObject) {
            throw new ChumException(ErrorCode.BAD_MICRODATA, idObject
                ? "not ID-object microdata: " + header.type() : "ID-object microdata of " + header.type()
                + " where an object was expected");
        }
        final Recipe recipe = registry.recipe(header.type());
        final RecipePlan plan = RecipePlan.of(recipe);
        if (idObject && !plan.isVersioned()) {
            throw new ChumException(ErrorCode.BAD_MICRODATA, "ID-object microdata of unversioned type "
                + header.type());
        }
        final Cursor c = new Cursor(md, header.end(), references);
        final Map<String, Object> values = readRules(c, (idObject ? plan.idRules : plan.rules).rules);
        c.expect(Tags.DIV_CLOSE);
        c.expectEnd();
        final OneObject obj = OneObject.of(header.type(), values);
        requireCanonical(obj, md, idObject);
        return obj;
    }

    /** Validation and re-rendering turn "well-formed" into "exactly canonical". */
    private void requireCanonical(final OneObject obj, final byte[] md, final boolean idObject) {
        final MicrodataWriter writer = MicrodataWriter.forThread(registry);
        try {
            final int length;
            if (idObject) {
                OneObjects.validateIdObject(obj, registry);
                length = writer.renderIdObjectToBuffer(obj);
            } else {
                OneObjects.validate(obj, registry);
                length = writer.renderToBuffer(obj);
            }
            final int m = Arrays.mismatch(writer.buffer(), 0, length, md, 0, md.length);
            if (m >= 0) {
                throw new ChumException(ErrorCode.BAD_MICRODATA, obj.type() + ": not canonical microdata (differs"
                    + " from the canonical rendering at byte " + m + ")");
            }
        } catch (final ChumException e) {
            if (e.errorCode() == ErrorCode.BAD_MICRODATA) {
                throw e;
            }
            throw new ChumException(ErrorCode.BAD_MICRODATA, "invalid object in microdata: " + e.getMessage(), e);
        } finally {
            MicrodataWriter.release(writer);
        }
    }

    /** Reads the present rules in order; a rule is present if its opening tag is next. */
    private Map<String, Object> readRules(final Cursor c, final RulePlan[] rules) {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final RulePlan r : rules) {
            if (c.skip(r.open)) {
                values.put(r.itemprop, readBody(c, r.type));
                c.expect(r.close);
            }
        }
        return values;
    }

    private Object readNested(final Cursor c, final TypePlan t) {
        c.expect(t.nestedOpen);
        final Object v = readBody(c, t);
        c.expect(t.nestedClose);
        return v;
    }

    private Object readBody(final Cursor c, final TypePlan t) {
        return switch (t.kind) {
            case STRING -> c.text();
            case INTEGER -> readInteger(c);
            case NUMBER -> readNumber(c);
            case BOOLEAN -> readBoolean(c);
            case STRINGIFIABLE -> readJson(c);
            case REFERENCE -> readReference(c, t.referenceKind);
            case ARRAY, BAG, SET -> readItems(c, t.item);
            case MAP -> readMap(c, t);
            case OBJECT -> readRules(c, t.rules.rules);
        };
    }

    /**
     * The items of a list, with the tags the writer joins ({@code itemOpen}, {@code itemJoin}, {@code itemClose}): one
     * comparison between two items instead of four, which a directory listing thousands of references makes worth it.
     */
    private List<Object> readItems(final Cursor c, final TypePlan item) {
        final List<Object> items = new ArrayList<>();
        if (!c.skip(item.itemOpen)) {
            return items;
        }
        do {
            items.add(readBody(c, item));
        } while (c.skip(item.itemJoin));
        c.expect(item.itemClose);
        return items;
    }

    private Map<Object, Object> readMap(final Cursor c, final TypePlan t) {
        final Map<Object, Object> map = new LinkedHashMap<>();
        while (c.skip(Tags.DT)) {
            final Object key = readNested(c, t.item);
            c.expect(Tags.DT_CLOSE_DD);
            final Object value = readNested(c, t.value);
            c.expect(Tags.DD_CLOSE);
            if (map.put(key, value) != null) {
                throw c.bad("duplicate map key");
            }
        }
        return map;
    }

    private static Long readInteger(final Cursor c) {
        final String s = c.text();
        if (!INTEGER.matcher(s).matches()) {
            throw c.bad("not an integer: '" + s + "'");
        }
        return Long.parseLong(s);
    }

    /** Only the characters JavaScript number text uses; the re-render then rejects any non-canonical form. */
    private static Double readNumber(final Cursor c) {
        final String s = c.text();
        if (!NUMBER.matcher(s).matches()) {
            throw c.bad("not a number: '" + s + "'");
        }
        try {
            return Double.parseDouble(s);
        } catch (final NumberFormatException e) {
            throw c.bad("not a number: '" + s + "'");
        }
    }

    private static Boolean readBoolean(final Cursor c) {
        final String s = c.text();
        if (s.equals("true")) {
            return Boolean.TRUE;
        }
        if (s.equals("false")) {
            return Boolean.FALSE;
        }
        throw c.bad("not a boolean: '" + s + "'");
    }

    private static JsonNode readJson(final Cursor c) {
        return JsonReader.read(c.text());
    }

    private static Sha256Value readReference(final Cursor c, final ReferenceKind kind) {
        final Sha256Value v;
        try {
            v = kind == ReferenceKind.ID ? IdHash.ofHex(c.md, c.pos) : Hash.ofHex(c.md, c.pos);
        } catch (final ChumException e) {
            throw c.bad("reference is not 64 lowercase hex characters", e);
        }
        c.pos += Sha256Value.HEX_LENGTH;
        if (c.references != null) {
            c.references.visit(kind, v);
        }
        return v;
    }
}
