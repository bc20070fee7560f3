package io.chum.microdata;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Recipe;
import io.chum.model.Reference;
import io.chum.model.ReferenceKind;
import io.chum.model.Sha256Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fast byte-level helpers on canonical microdata that do not parse the whole object: the type, whether it is
 * an ID object, the references it holds and its ID-object microdata. They rely on canonical form (text never
 * holds a raw {@code <} or {@code >}) and reject what they cannot read with {@code CS-MICRODATA}; they do not
 * prove the input canonical — {@link MicrodataParser} does. Stateless and thread-safe.
 */
public final class Microdata {
    /** one.core's {@code MICRODATA_START}. */
    public static final String MICRODATA_START = Tags.START_TEXT;
    /** one.core's {@code ID_OBJ_MICRODATA_START}. */
    public static final String ID_OBJ_MICRODATA_START = Tags.ID_START_TEXT;

    /** {@code obj">}, {@code id">}, … indexed by {@link ReferenceKind#ordinal()}. */
    private static final byte[][] DATA_TYPE_TAILS = dataTypeTails();
    /** {@code ReferenceKind.values()} once: each call clones the array, and every reference asks. */
    private static final ReferenceKind[] KINDS = ReferenceKind.values();

    private Microdata() {
    }

    /** The type named in the header; {@code CS-MICRODATA} if there is no valid header. */
    public static String typeOf(final byte[] md) {
        return Header.of(md).type();
    }

    /** True if {@code md} starts like ID-object microdata ({@code data-id-object="true"}). */
    public static boolean isIdObject(final byte[] md) {
        return Bytes.startsWith(md, 0, Tags.ID_START);
    }

    /** All references in microdata order. */
    public static List<Reference> references(final byte[] md) {
        final List<Reference> out = new ArrayList<>();
        forEachReference(md, (kind, target) -> out.add(new Reference(kind, target)));
        return out;
    }

    /**
     * Calls {@code visitor} for every reference, in microdata order. Every {@code <a } is a reference tag
     * ({@code <a itemprop="P" data-type="K">HEX</a>} or {@code <a data-type="K">HEX</a>}); a malformed one is
     * {@code CS-MICRODATA}.
     */
    public static void forEachReference(final byte[] md, final ReferenceVisitor visitor) {
        int i = Bytes.indexOf(md, (byte) '<', 0);
        while (i >= 0 && i + 2 < md.length) {
            if (md[i + 1] == 'a' && md[i + 2] == ' ') {
                i = readAnchor(md, i, visitor);
            } else {
                i++;
            }
            i = Bytes.indexOf(md, (byte) '<', i);
        }
    }

    /** Reads the anchor at {@code at} ({@code <a }), reports it and returns the offset after {@code </a>}. */
    private static int readAnchor(final byte[] md, final int at, final ReferenceVisitor visitor) {
        int p = at + 2;
        if (Bytes.startsWith(md, p, Tags.ITEMPROP)) {
            p = skipAttributeValue(md, p + Tags.ITEMPROP.length(), at);
        }
        if (!Bytes.startsWith(md, p, Tags.DATA_TYPE)) {
            throw bad(at, "reference tag without data-type");
        }
        p += Tags.DATA_TYPE.length();
        ReferenceKind kind = null;
        for (final ReferenceKind k : KINDS) {
            if (Bytes.startsWith(md, p, DATA_TYPE_TAILS[k.ordinal()])) {
                kind = k;
                p += DATA_TYPE_TAILS[k.ordinal()].length;
                break;
            }
        }
        if (kind == null) {
            throw bad(at, "unknown data-type");
        }
        final Sha256Value target;
        try {
            // ofHex checks the digits as it converts them: one pass
            target = kind == ReferenceKind.ID ? IdHash.ofHex(md, p) : Hash.ofHex(md, p);
        } catch (final ChumException e) {
            throw bad(at, "reference target is not 64 lowercase hex characters", e);
        }
        p += Sha256Value.HEX_LENGTH;
        if (!Bytes.startsWith(md, p, Tags.A_CLOSE)) {
            throw bad(at, "reference not closed by </a>");
        }
        visitor.visit(kind, target);
        return p + Tags.A_CLOSE.length();
    }

    /** Skips a non-empty attribute value up to and including its closing quote. */
    private static int skipAttributeValue(final byte[] md, final int from, final int tagStart) {
        int q = from;
        while (q < md.length && md[q] != '"') {
            if (md[q] == '<' || md[q] == '>') {
                break;
            }
            q++;
        }
        if (q >= md.length || md[q] != '"' || q == from) {
            throw bad(tagStart, "malformed itemprop attribute");
        }
        return q + 1;
    }

    /**
     * The ID-object microdata of object microdata {@code md} of {@code recipe}'s type, without parsing
     * (one.core's {@code extractIdObject}): {@code <div data-id-object="true" } + the rest of the original
     * opening tag + the exact bytes of each ID property's top-level element in order + {@code </div>}. For
     * canonical input this equals rendering the ID object. {@code CS-OBJ-NOT-VERSIONED} for unversioned types.
     */
    public static byte[] extractIdMicrodata(final byte[] md, final Recipe recipe) {
        final Header header = Header.of(md);
        if (header.idObject()) {
            throw new ChumException(ErrorCode.BAD_MICRODATA, "already ID-object microdata of " + header.type());
        }
        if (!header.type().equals(recipe.name())) {
            throw new ChumException(ErrorCode.BAD_MICRODATA, "microdata of " + header.type() + " given with recipe "
                + recipe.name());
        }
        final RecipePlan plan = RecipePlan.of(recipe);
        if (!plan.isVersioned()) {
            throw new ChumException(ErrorCode.NOT_VERSIONED, recipe.name() + " has no ID properties");
        }
        final int[] ranges = idElementRanges(md, header.end(), plan);
        int size = Tags.ID_ATTRIBUTE.length() + header.end() - Tags.DIV_OPEN.length() + Tags.DIV_CLOSE.length();
        for (int i = 0; i < ranges.length; i += 2) {
            size += ranges[i + 1] - ranges[i];
        }
        final byte[] out = new byte[size];
        int p = put(out, 0, Tags.ID_ATTRIBUTE.bytes, 0, Tags.ID_ATTRIBUTE.length());
        p = put(out, p, md, Tags.DIV_OPEN.length(), header.end());
        for (int i = 0; i < ranges.length; i += 2) {
            p = put(out, p, md, ranges[i], ranges[i + 1]);
        }
        put(out, p, Tags.DIV_CLOSE.bytes, 0, Tags.DIV_CLOSE.length());
        return out;
    }

    /** [from, to) pairs of the top-level elements that hold ID properties, in order. */
    private static int[] idElementRanges(final byte[] md, final int bodyStart, final RecipePlan plan) {
        final RulePlan[] ids = plan.idRules.rules;
        final int[] ranges = new int[2 * ids.length];
        int found = 0;
        int nextId = 0;
        int p = bodyStart;
        while (!Bytes.startsWith(md, p, Tags.DIV_CLOSE)) {
            final int propStart = itempropStart(md, p);
            final int propEnd = skipAttributeValue(md, propStart, p) - 1;
            final int end = elementEnd(md, p);
            for (int k = nextId; k < ids.length; k++) {
                if (Arrays.equals(md, propStart, propEnd, ids[k].itempropBytes, 0, ids[k].itempropBytes.length)) {
                    requireOptional(ids, nextId, k, plan);
                    ranges[2 * found] = p;
                    ranges[2 * found + 1] = end;
                    found++;
                    nextId = k + 1;
                    break;
                }
            }
            p = end;
        }
        if (p + Tags.DIV_CLOSE.length() != md.length) {
            throw bad(p, "bytes after the closing </div>");
        }
        requireOptional(ids, nextId, ids.length, plan);
        return Arrays.copyOf(ranges, 2 * found);
    }

    private static void requireOptional(final RulePlan[] ids, final int from, final int to, final RecipePlan plan) {
        for (int k = from; k < to; k++) {
            if (!ids[k].optional) {
                throw new ChumException(ErrorCode.BAD_MICRODATA, plan.recipe.name() + "." + ids[k].itemprop
                    + ": ID property missing in microdata");
            }
        }
    }

    /** The offset of the itemprop value of the top-level element starting at {@code at}. */
    private static int itempropStart(final byte[] md, final int at) {
        if (at >= md.length || md[at] != '<') {
            throw bad(at, "expected a property element");
        }
        int p = at + 1;
        while (p < md.length && md[p] >= 'a' && md[p] <= 'z') {
            p++;
        }
        if (p == at + 1 || !Bytes.startsWith(md, p, Tags.ITEMPROP)) {
            throw bad(at, "top-level element without itemprop");
        }
        return p + Tags.ITEMPROP.length();
    }

    /** The offset after the element starting at {@code at}, found by counting opening and closing tags. */
    private static int elementEnd(final byte[] md, final int at) {
        int depth = 0;
        int p = at;
        while (true) {
            p = Bytes.indexOf(md, (byte) '<', p);
            if (p < 0 || p + 1 >= md.length) {
                throw bad(at, "element not closed");
            }
            depth += md[p + 1] == '/' ? -1 : 1;
            final int gt = Bytes.indexOf(md, (byte) '>', p);
            if (gt < 0) {
                throw bad(p, "tag not closed");
            }
            p = gt + 1;
            if (depth == 0) {
                return p;
            }
        }
    }

    private static int put(final byte[] out, final int at, final byte[] src, final int from, final int to) {
        System.arraycopy(src, from, out, at, to - from);
        return at + to - from;
    }

    private static ChumException bad(final int offset, final String message) {
        return bad(offset, message, null);
    }

    private static ChumException bad(final int offset, final String message, final Throwable cause) {
        return new ChumException(ErrorCode.BAD_MICRODATA, message + " at byte " + offset, cause);
    }

    private static byte[][] dataTypeTails() {
        final ReferenceKind[] kinds = ReferenceKind.values();
        final byte[][] tails = new byte[kinds.length][];
        for (final ReferenceKind k : kinds) {
            tails[k.ordinal()] = (k.dataType() + "\">").getBytes(StandardCharsets.US_ASCII);
        }
        return tails;
    }
}
