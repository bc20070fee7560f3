package io.chum.microdata;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.ItemType;
import io.chum.model.ReferenceKind;

/**
 * An {@link ItemType} compiled for rendering and parsing: its kind, child plans and the tag bytes it uses
 * when it appears nested (inside {@code <li>}, {@code <dt>}, {@code <dd>}). Immutable.
 */
final class TypePlan {
    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, STRINGIFIABLE, REFERENCE, ARRAY, BAG, SET, MAP, OBJECT }

    final Kind kind;
    final ItemType type;
    /** For {@link Kind#REFERENCE}. */
    final ReferenceKind referenceKind;
    /** Item plan of ARRAY, BAG, SET; key plan of MAP. */
    final TypePlan item;
    /** Value plan of MAP. */
    final TypePlan value;
    /** Rules of OBJECT. */
    final RulePlan[] rules;
    final byte[] nestedOpen;
    final byte[] nestedClose;

    private TypePlan(final Kind kind, final ItemType type, final ReferenceKind referenceKind, final TypePlan item,
                     final TypePlan value, final RulePlan[] rules) {
        this.kind = kind;
        this.type = type;
        this.referenceKind = referenceKind;
        this.item = item;
        this.value = value;
        this.rules = rules;
        final String tag = tagName(kind);
        if (kind == Kind.REFERENCE) {
            nestedOpen = Tags.ascii("<a data-type=\"" + referenceKind.dataType() + "\">");
            nestedClose = Tags.A_CLOSE;
        } else if (tag == null) {
            nestedOpen = Tags.EMPTY;
            nestedClose = Tags.EMPTY;
        } else {
            nestedOpen = Tags.ascii("<" + tag + ">");
            nestedClose = Tags.ascii("</" + tag + ">");
        }
    }

    /** Compiles {@code type}; {@code where} names the rule for error messages. */
    static TypePlan of(final ItemType type, final String where) {
        if (type instanceof ItemType.StringType) {
            return scalar(Kind.STRING, type);
        } else if (type instanceof ItemType.IntegerType) {
            return scalar(Kind.INTEGER, type);
        } else if (type instanceof ItemType.NumberType) {
            return scalar(Kind.NUMBER, type);
        } else if (type instanceof ItemType.BooleanType) {
            return scalar(Kind.BOOLEAN, type);
        } else if (type instanceof ItemType.StringifiableType) {
            return scalar(Kind.STRINGIFIABLE, type);
        } else if (type instanceof ItemType.ReferenceToObj) {
            return reference(type, ReferenceKind.OBJ);
        } else if (type instanceof ItemType.ReferenceToId) {
            return reference(type, ReferenceKind.ID);
        } else if (type instanceof ItemType.ReferenceToClob) {
            return reference(type, ReferenceKind.CLOB);
        } else if (type instanceof ItemType.ReferenceToBlob) {
            return reference(type, ReferenceKind.BLOB);
        } else if (type instanceof ItemType.ArrayType a) {
            return new TypePlan(Kind.ARRAY, type, null, of(a.item(), where + "[]"), null, null);
        } else if (type instanceof ItemType.BagType b) {
            return new TypePlan(Kind.BAG, type, null, of(b.item(), where + "[]"), null, null);
        } else if (type instanceof ItemType.SetType s) {
            return new TypePlan(Kind.SET, type, null, of(s.item(), where + "[]"), null, null);
        } else if (type instanceof ItemType.MapType m) {
            return new TypePlan(Kind.MAP, type, null, of(m.key(), where + "{key}"), of(m.value(), where + "{}"),
                null);
        } else if (type instanceof ItemType.ObjectType o) {
            return new TypePlan(Kind.OBJECT, type, null, null, null, RulePlan.compile(o.rules(), where + "."));
        }
        throw new ChumException(ErrorCode.BAD_RECIPE, where + ": unsupported itemtype " + type);
    }

    private static TypePlan scalar(final Kind kind, final ItemType type) {
        return new TypePlan(kind, type, null, null, null, null);
    }

    private static TypePlan reference(final ItemType type, final ReferenceKind kind) {
        return new TypePlan(Kind.REFERENCE, type, kind, null, null, null);
    }

    /** The element name of the kind's wrapper, or null for kinds that render as bare text. */
    static String tagName(final Kind kind) {
        return switch (kind) {
            case REFERENCE -> "a";
            case ARRAY -> "ol";
            case BAG, SET -> "ul";
            case MAP -> "dl";
            case OBJECT -> "div";
            default -> null;
        };
    }

    /** True for kinds whose Java values are equal exactly when their renderings are equal. */
    boolean hasValueEquality() {
        return kind == Kind.STRING || kind == Kind.INTEGER || kind == Kind.BOOLEAN || kind == Kind.REFERENCE;
    }
}
