package io.chum.microdata;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.model.ReferenceKind;
import io.chum.model.Sha256Value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The canonical microdata writer (one-spec §1.2): renders a {@link OneObject} to the exact UTF-8 bytes
 * one.core hashes and stores.
 *
 * <p>Rules are written in recipe order without whitespace; bags and sets are sorted by the UTF-16 order of
 * their complete {@code <li>…</li>} strings; maps keep insertion order; text is escaped ({@code &amp; &lt;
 * &gt;}). Rendering checks only what it needs to produce well-formed output (missing required values,
 * properties without rule, Java value types, set duplicates, unpaired surrogates); regexps and ranges are
 * checked by {@link io.chum.model.OneObjects#validate} — use {@link Canonical#encode} for both.
 *
 * <p>An instance renders into one reusable, growing buffer and is <b>not thread-safe</b>; use one per thread
 * or the static methods, which use a per-thread instance. This is the hot path of hashing, so strings are
 * copied in bulk when they are ASCII and need no escaping.
 */
public final class MicrodataWriter {
    private static final int INITIAL_CAPACITY = 1024;
    /** A per-thread writer that grew beyond this is dropped after use so a huge object does not pin memory. */
    private static final int RETAINED_CAPACITY = 1 << 20;
    /** Up to this length a char loop beats the allocation of the bulk ASCII check. */
    private static final int SHORT_STRING = 24;
    private static final ThreadLocal<MicrodataWriter> LOCAL = new ThreadLocal<>();

    private final RecipeRegistry registry;
    private byte[] buf;
    private int len;
    private byte[] scratch = new byte[0];
    /** The type being rendered, for error messages. */
    private String currentType = "";

    /** A writer resolving types in {@code registry}. */
    public MicrodataWriter(final RecipeRegistry registry) {
        this(Objects.requireNonNull(registry, "registry"), INITIAL_CAPACITY);
    }

    private MicrodataWriter(final RecipeRegistry registry, final int capacity) {
        this.registry = registry;
        this.buf = new byte[capacity];
    }

    // ---- public API ----

    /** The microdata of {@code obj} as a new array. */
    public byte[] render(final OneObject obj) {
        final int length = renderToBuffer(obj);
        return Arrays.copyOf(buf, length);
    }

    /** The ID-object microdata of {@code obj} (only its ID properties) as a new array. */
    public byte[] renderIdObject(final OneObject obj) {
        final int length = renderIdObjectToBuffer(obj);
        return Arrays.copyOf(buf, length);
    }

    /**
     * Renders {@code obj} into the internal buffer without copying and returns the length. The bytes are
     * {@code buffer()[0, length())} and stay valid until this writer's next call.
     */
    public int renderToBuffer(final OneObject obj) {
        final RecipePlan plan = RecipePlan.of(registry.recipe(obj.type()));
        start(obj.type(), plan.header);
        writeRules(plan.rules, obj.values(), false, "");
        append(Tags.DIV_CLOSE);
        return len;
    }

    /**
     * Renders the ID object of {@code obj} (its ID properties; other properties are ignored) into the internal
     * buffer and returns the length; {@code CS-OBJ-NOT-VERSIONED} if the type has no ID properties.
     */
    public int renderIdObjectToBuffer(final OneObject obj) {
        final RecipePlan plan = RecipePlan.of(registry.recipe(obj.type()));
        if (!plan.isVersioned()) {
            throw new ChumException(ErrorCode.NOT_VERSIONED, obj.type() + " has no ID properties");
        }
        start(obj.type(), plan.idHeader);
        writeRules(plan.idRules, obj.values(), true, "");
        append(Tags.DIV_CLOSE);
        return len;
    }

    /** The internal buffer; valid bytes are {@code [0, length())} after a {@code …ToBuffer} call. */
    public byte[] buffer() {
        return buf;
    }

    /** The length of the last rendering. */
    public int length() {
        return len;
    }

    /** The microdata of {@code obj}. Thread-safe. */
    public static byte[] toMicrodata(final OneObject obj, final RecipeRegistry registry) {
        final MicrodataWriter w = forThread(registry);
        try {
            return w.render(obj);
        } finally {
            release(w);
        }
    }

    /** The ID-object microdata of {@code obj}. Thread-safe. */
    public static byte[] toIdMicrodata(final OneObject obj, final RecipeRegistry registry) {
        final MicrodataWriter w = forThread(registry);
        try {
            return w.renderIdObject(obj);
        } finally {
            release(w);
        }
    }

    /**
     * The nested rendering of one value of {@code type}, as it appears inside {@code <li>}, {@code <dt>} or
     * {@code <dd>}: the identity of set items and map keys. Thread-safe.
     */
    public static byte[] renderNested(final ItemType type, final Object value) {
        final MicrodataWriter w = new MicrodataWriter(null, 64);
        w.writeNested(TypePlan.of(type, "value"), value, "value");
        return Arrays.copyOf(w.buf, w.len);
    }

    /** This thread's writer for {@code registry}; callers must not nest uses on one thread. */
    static MicrodataWriter forThread(final RecipeRegistry registry) {
        MicrodataWriter w = LOCAL.get();
        if (w == null || w.registry != registry) {
            w = new MicrodataWriter(registry);
            LOCAL.set(w);
        }
        return w;
    }

    /** Drops this thread's writer if one huge object made it grow. */
    static void release(final MicrodataWriter w) {
        if (w.buf.length > RETAINED_CAPACITY || w.scratch.length > RETAINED_CAPACITY) {
            LOCAL.remove();
        }
    }

    // ---- rules and values ----

    private void start(final String type, final byte[] header) {
        currentType = type;
        len = 0;
        append(header);
    }

    /**
     * Writes the present values of {@code rules} in rule order. Unless {@code onlyListed} (ID objects), every
     * value must have a rule. {@code path} is the top-level property (empty at top level); messages of nested
     * values name only that, to keep the hot path free of string building.
     */
    private void writeRules(final RulePlan[] rules, final Map<?, ?> values, final boolean onlyListed,
                            final String path) {
        int written = 0;
        for (final RulePlan r : rules) {
            final Object v = values.get(r.itemprop);
            if (v == null) {
                if (!r.optional) {
                    throw new ChumException(ErrorCode.MISSING_VALUE, where(path, r.itemprop) + ": value missing");
                }
                continue;
            }
            written++;
            append(r.open);
            writeBody(r.type, v, path.isEmpty() ? r.itemprop : path);
            append(r.close);
        }
        if (!onlyListed && written != values.size()) {
            throw unknownProperty(rules, values, path);
        }
    }

    private ChumException unknownProperty(final RulePlan[] rules, final Map<?, ?> values, final String path) {
        for (final Object key : values.keySet()) {
            boolean known = false;
            for (final RulePlan r : rules) {
                known |= r.itemprop.equals(key);
            }
            if (!known) {
                return new ChumException(ErrorCode.UNKNOWN_PROPERTY, where(path, String.valueOf(key))
                    + ": the recipe has no such rule");
            }
        }
        return new ChumException(ErrorCode.INTERNAL, currentType + ": property count mismatch");
    }

    private void writeNested(final TypePlan t, final Object v, final String path) {
        append(t.nestedOpen);
        writeBody(t, v, path);
        append(t.nestedClose);
    }

    private void writeBody(final TypePlan t, final Object v, final String path) {
        switch (t.kind) {
            case STRING -> writeText(cast(v, String.class, t, path), path);
            case INTEGER -> writeLong(cast(v, Long.class, t, path));
            case NUMBER -> writeDouble(cast(v, Double.class, t, path));
            case BOOLEAN -> append(cast(v, Boolean.class, t, path) ? Tags.TRUE : Tags.FALSE);
            case STRINGIFIABLE -> writeText(SortedJson.stringify(cast(v, JsonNode.class, t, path)), path);
            case REFERENCE -> writeHex(reference(t, v, path));
            case ARRAY -> writeArray(t, cast(v, List.class, t, path), path);
            case BAG, SET -> writeSorted(t, cast(v, List.class, t, path), path);
            case MAP -> writeMap(t, cast(v, Map.class, t, path), path);
            case OBJECT -> writeRules(t.rules, cast(v, Map.class, t, path), false, path);
            default -> throw new IllegalStateException("unhandled kind " + t.kind);
        }
    }

    private void writeArray(final TypePlan t, final List<?> items, final String path) {
        for (int i = 0; i < items.size(); i++) {
            append(Tags.LI);
            writeNested(t.item, items.get(i), path);
            append(Tags.LI_CLOSE);
        }
    }

    private void writeMap(final TypePlan t, final Map<?, ?> map, final String path) {
        for (final Map.Entry<?, ?> e : map.entrySet()) {
            append(Tags.DT);
            writeNested(t.item, e.getKey(), path);
            append(Tags.DT_CLOSE_DD);
            writeNested(t.value, e.getValue(), path);
            append(Tags.DD_CLOSE);
        }
    }

    /** Bag and set: the complete {@code <li>…</li>} strings in UTF-16 order (JavaScript's default sort). */
    private void writeSorted(final TypePlan t, final List<?> items, final String path) {
        final int n = items.size();
        if (t.item.kind == TypePlan.Kind.REFERENCE) {
            writeSortedReferences(t, items, path);
            return;
        }
        final int[] starts = new int[n + 1];
        for (int i = 0; i < n; i++) {
            starts[i] = len;
            append(Tags.LI);
            writeNested(t.item, items.get(i), path);
            append(Tags.LI_CLOSE);
        }
        starts[n] = len;
        if (n < 2) {
            return;
        }
        final int[] order = Utf16Order.sortedRanges(buf, starts, n);
        if (t.kind == TypePlan.Kind.SET) {
            for (int k = 1; k < n; k++) {
                if (Utf16Order.compareItems(buf, starts, order[k - 1], order[k]) == 0) {
                    throw new ChumException(ErrorCode.WRONG_TYPE, where(path, "") + ": duplicate item in set");
                }
            }
        }
        final int total = len - starts[0];
        if (scratch.length < total) {
            scratch = new byte[Math.max(total, scratch.length * 2)];
        }
        int p = 0;
        for (int k = 0; k < n; k++) {
            final int from = starts[order[k]];
            final int size = starts[order[k] + 1] - from;
            System.arraycopy(buf, from, scratch, p, size);
            p += size;
        }
        System.arraycopy(scratch, 0, buf, starts[0], total);
    }

    /**
     * References render as identical {@code <li>} strings apart from the hex, and hex order is hash order:
     * sorting the hashes is sorting the strings.
     */
    private void writeSortedReferences(final TypePlan t, final List<?> items, final String path) {
        final Sha256Value[] hashes = new Sha256Value[items.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = reference(t.item, items.get(i), path);
        }
        Arrays.sort(hashes);
        for (int i = 0; i < hashes.length; i++) {
            if (t.kind == TypePlan.Kind.SET && i > 0 && hashes[i].equals(hashes[i - 1])) {
                throw new ChumException(ErrorCode.WRONG_TYPE, where(path, "") + ": duplicate item in set");
            }
            append(Tags.LI);
            append(t.item.nestedOpen);
            writeHex(hashes[i]);
            append(t.item.nestedClose);
            append(Tags.LI_CLOSE);
        }
    }

    private Sha256Value reference(final TypePlan t, final Object v, final String path) {
        final Class<?> expected = t.referenceKind == ReferenceKind.ID ? IdHash.class : Hash.class;
        return (Sha256Value) cast(v, expected, t, path);
    }

    private <T> T cast(final Object v, final Class<T> expected, final TypePlan t, final String path) {
        if (!expected.isInstance(v)) {
            throw new ChumException(ErrorCode.WRONG_TYPE, where(path, "") + ": " + t.type.typeName() + " needs a "
                + expected.getSimpleName() + ", not a " + v.getClass().getSimpleName());
        }
        return expected.cast(v);
    }

    private String where(final String path, final String prop) {
        final String p = path.isEmpty() ? prop : prop.isEmpty() ? path : path + "." + prop;
        return currentType.isEmpty() ? p : currentType + "." + p;
    }

    // ---- bytes ----

    /** ESC(s) as UTF-8. */
    private void writeText(final String s, final String path) {
        final int n = s.length();
        ensure(n);
        if (n <= SHORT_STRING) {
            final byte[] b = buf;
            final int base = len;
            for (int i = 0; i < n; i++) {
                final char c = s.charAt(i);
                if (c >= 0x80 || c == '&' || c == '<' || c == '>') {
                    len = base + i;
                    writeTextSlow(s, i, path);
                    return;
                }
                b[base + i] = (byte) c;
            }
            len = base + n;
        } else if (s.indexOf('&') >= 0 || s.indexOf('<') >= 0 || s.indexOf('>') >= 0 || !copyIfAscii(s, n)) {
            writeTextSlow(s, 0, path);
        }
    }

    /**
     * Copies {@code s} if it is pure ASCII, using only bulk (intrinsic) operations: the low byte of every char
     * goes into the buffer, then {@code s} must equal those bytes decoded as US-ASCII. That decoding turns
     * every byte ≥ 0x80 into U+FFFD and yields ASCII otherwise, so equality means every char is ASCII or
     * U+FFFD; the {@code indexOf} excludes the latter.
     */
    @SuppressWarnings("deprecation")
    private boolean copyIfAscii(final String s, final int n) {
        s.getBytes(0, n, buf, len);
        if (s.indexOf('\uFFFD') >= 0 || !s.equals(new String(buf, len, n, StandardCharsets.US_ASCII))) {
            return false;
        }
        len += n;
        return true;
    }

    private void writeTextSlow(final String s, final int from, final String path) {
        final int n = s.length();
        ensure(5 * (n - from));
        final byte[] b = buf;
        int p = len;
        for (int i = from; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                p = switch (c) {
                    case '&' -> put(b, p, '&', 'a', 'm', 'p', ';');
                    case '<' -> put(b, p, '&', 'l', 't', ';');
                    case '>' -> put(b, p, '&', 'g', 't', ';');
                    default -> {
                        b[p] = (byte) c;
                        yield p + 1;
                    }
                };
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                final int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                throw new ChumException(ErrorCode.WRONG_TYPE, where(path, "")
                    + ": unpaired surrogate at index " + i + " (a string must be well-formed UTF-16)");
            }
        }
        len = p;
    }

    private static int put(final byte[] b, final int p, final char... cs) {
        for (int i = 0; i < cs.length; i++) {
            b[p + i] = (byte) cs[i];
        }
        return p + cs.length;
    }

    private void writeLong(final long v) {
        ensure(20);
        if (v >= 0 && v < 10) {
            buf[len++] = (byte) ('0' + v);
            return;
        }
        if (v == Long.MIN_VALUE) {
            writeAscii(Long.toString(v));
            return;
        }
        long rest = Math.abs(v);
        int digits = 0;
        for (long x = rest; x > 0; x /= 10) {
            digits++;
        }
        if (v < 0) {
            buf[len++] = '-';
        }
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        len += digits;
    }

    private void writeDouble(final double d) {
        if (d == Math.rint(d) && Math.abs(d) <= JsNumbers.MAX_SAFE_INTEGER) {
            writeLong((long) d);
            return;
        }
        writeAscii(JsNumbers.format(d));
    }

    private void writeAscii(final String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void writeHex(final Sha256Value h) {
        ensure(Sha256Value.HEX_LENGTH);
        h.writeHexTo(buf, len);
        len += Sha256Value.HEX_LENGTH;
    }

    private void append(final byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(final int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + extra, buf.length * 2));
        }
    }
}
