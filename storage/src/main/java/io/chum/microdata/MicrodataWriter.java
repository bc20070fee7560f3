package io.chum.microdata;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.chum.model.Sha256Value;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * or the static methods, which use a per-thread instance. This is the hot path of hashing: the plans of
 * recipes are compiled once, tags are precomputed and joined, and the bytes go straight into the buffer
 * ({@link ByteSink}).
 */
public final class MicrodataWriter {
    private static final int INITIAL_CAPACITY = 1024;
    /** A per-thread writer that grew beyond this is dropped after use so a huge object does not pin memory. */
    private static final int RETAINED_CAPACITY = 1 << 20;
    private static final int INSERTION_SORT_LIMIT = 32;
    private static final ThreadLocal<MicrodataWriter> LOCAL = new ThreadLocal<>();
    /** A streamed rendering hands on its bytes in pieces of about this size. */
    private static final int STREAM_PIECE = 1 << 16;

    private final RecipeRegistry registry;
    private final ByteSink out;
    /** The type being rendered, for error messages. */
    private String currentType = "";
    /** The plan of the last recipe rendered: saves the shared cache lookup when one type is written in a row. */
    private RecipePlan lastPlan;
    /** Reused for sorting reference bags (no nesting inside one: references are leaves). */
    private Sha256Value[] hashes = new Sha256Value[8];
    /** A stack of item range bounds of the bags and sets being rendered; {@link #boundsTop} is its size. */
    private int[] bounds = new int[32];
    private int boundsTop;
    /** Set by {@link #renderRecordingIds}: the [from, to) ranges of the top-level ID elements, in order. */
    private boolean recordIds;
    private int[] idRanges = new int[8];
    private int idRangeCount;
    /** Work space for sorting one bag's ranges (sorting does not nest). */
    private int[] order = new int[16];
    private int[] orderTmp = new int[16];
    /** Set during {@link #renderStreamed}: the lists of the top-level properties streamed, and where to. */
    private Map<String, HashList> streamedLists;
    private OutputStream streamSink;
    /** Bytes of the streamed rendering already handed to {@link #streamSink}. */
    private long drained;

    /** A writer resolving types in {@code registry}. */
    public MicrodataWriter(final RecipeRegistry registry) {
        this(Objects.requireNonNull(registry, "registry"), INITIAL_CAPACITY);
    }

    private MicrodataWriter(final RecipeRegistry registry, final int capacity) {
        this.registry = registry;
        this.out = new ByteSink(capacity);
    }

    // ---- public API ----

    /** The microdata of {@code obj} as a new array. */
    public byte[] render(final OneObject obj) {
        renderToBuffer(obj);
        return out.toByteArray();
    }

    /** The ID-object microdata of {@code obj} (only its ID properties) as a new array. */
    public byte[] renderIdObject(final OneObject obj) {
        renderIdObjectToBuffer(obj);
        return out.toByteArray();
    }

    /**
     * Renders {@code obj} into the internal buffer without copying and returns the length. The bytes are
     * {@code buffer()[0, length())} and stay valid until this writer's next call.
     */
    public int renderToBuffer(final OneObject obj) {
        final RecipePlan plan = plan(obj.type());
        start(obj.type());
        writeRules(plan.rules, obj.values(), false, "");
        return out.length();
    }

    /**
     * {@link #renderToBuffer} that also notes where the ID properties' elements are, for
     * {@link #idMicrodataOfLastRendering}: {@link Canonical#encode} then needs no second rendering.
     */
    int renderRecordingIds(final OneObject obj) {
        idRangeCount = 0;
        recordIds = true;
        try {
            return renderToBuffer(obj);
        } finally {
            recordIds = false;
        }
    }

    /**
     * Renders {@code obj} to {@code sink} in pieces of about {@value #STREAM_PIECE} bytes and returns the length: the
     * same bytes as rendering {@link StreamedObject#toOneObject}, with each streamed list visited in sorted order
     * instead of sorted in the buffer. Only the streamed lists' rules are checked here
     * ({@link Canonical#writeStreamed} validates the rest).
     *
     * @throws IOException from the sink
     */
    long renderStreamed(final StreamedObject obj, final OutputStream sink) throws IOException {
        final RecipePlan plan = plan(obj.type());
        for (final String property : obj.lists().keySet()) {
            StreamedObject.listKind(plan.recipe, property);
        }
        start(obj.type());
        streamedLists = obj.lists();
        streamSink = sink;
        drained = 0;
        try {
            writeRules(plan.rules, obj.rest().values(), false, "");
            drain();
            return drained;
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        } finally {
            streamedLists = null;
            streamSink = null;
            out.reset();
        }
    }

    /** Hands the buffer to the stream sink; only at top level, where no sort range points into it. */
    private void drain() {
        final int n = out.length();
        try {
            out.drainTo(streamSink);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        drained += n;
    }

    /**
     * A streamed list: the {@code <li>} strings of references differ only in the hex, so visiting the hashes in
     * sorted order writes them sorted, as {@link #writeSortedReferences} does for a list.
     */
    private void writeStreamedList(final TypePlan t, final HashList list, final String path) {
        final ListStreamer streamer = new ListStreamer(t.item, t.kind == TypePlan.Kind.SET, path);
        list.forEachSorted(streamer);
        if (streamer.count > 0) {
            out.append(t.item.itemClose);
        }
    }

    /** Writes the visited hashes as items, draining the buffer whenever it holds a piece. */
    private final class ListStreamer implements HashList.Visitor {
        private final TypePlan item;
        private final boolean set;
        private final String path;
        private long count;
        private long p0;
        private long p1;
        private long p2;
        private long p3;

        ListStreamer(final TypePlan item, final boolean set, final String path) {
            this.item = item;
            this.set = set;
            this.path = path;
        }

        @Override
        public void visit(final long w0, final long w1, final long w2, final long w3) {
            if (set && count > 0 && w0 == p0 && w1 == p1 && w2 == p2 && w3 == p3) {
                throw new ChumException(ErrorCode.WRONG_TYPE, where(path, "") + ": duplicate item in set");
            }
            out.append(count == 0 ? item.itemOpen : item.itemJoin);
            out.hex(w0, w1, w2, w3);
            count++;
            p0 = w0;
            p1 = w1;
            p2 = w2;
            p3 = w3;
            if (out.length() >= STREAM_PIECE) {
                drain();
            }
        }
    }

    /**
     * The ID-object microdata of the object last rendered by {@link #renderRecordingIds}, built from its ID
     * properties' elements. Rendering is context-free at top level, so this equals rendering the ID object
     * (one.core's {@code extractIdObject} relies on the same). {@code type} must be versioned.
     */
    byte[] idMicrodataOfLastRendering(final String type) {
        final Tag header = plan(type).idHeader;
        int size = header.length() + Tags.DIV_CLOSE.length();
        for (int k = 0; k < idRangeCount; k += 2) {
            size += idRanges[k + 1] - idRanges[k];
        }
        final byte[] md = new byte[size];
        System.arraycopy(header.bytes, 0, md, 0, header.length());
        int p = header.length();
        final byte[] b = out.array();
        for (int k = 0; k < idRangeCount; k += 2) {
            final int n = idRanges[k + 1] - idRanges[k];
            System.arraycopy(b, idRanges[k], md, p, n);
            p += n;
        }
        System.arraycopy(Tags.DIV_CLOSE.bytes, 0, md, p, Tags.DIV_CLOSE.length());
        return md;
    }

    /**
     * Renders the ID object of {@code obj} (its ID properties; other properties are ignored) into the internal
     * buffer and returns the length; {@code CS-OBJ-NOT-VERSIONED} if the type has no ID properties.
     */
    public int renderIdObjectToBuffer(final OneObject obj) {
        final RecipePlan plan = plan(obj.type());
        if (!plan.isVersioned()) {
            throw new ChumException(ErrorCode.NOT_VERSIONED, obj.type() + " has no ID properties");
        }
        start(obj.type());
        writeRules(plan.idRules, obj.values(), true, "");
        return out.length();
    }

    /** True if {@code type} has ID properties; cheap right after rendering an object of that type. */
    boolean isVersioned(final String type) {
        return plan(type).isVersioned();
    }

    /** The internal buffer; valid bytes are {@code [0, length())} after a {@code …ToBuffer} call. */
    public byte[] buffer() {
        return out.array();
    }

    /** The length of the last rendering. */
    public int length() {
        return out.length();
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
        final TypePlan plan = TypePlan.of(type, "value");
        w.out.append(plan.nestedOpen);
        w.writeBody(plan, value, "value");
        w.out.append(plan.nestedClose);
        return w.out.toByteArray();
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
        if (w.out.capacity() > RETAINED_CAPACITY) {
            LOCAL.remove();
        }
    }

    // ---- rules and values ----

    /** The plan of the registry's current recipe for {@code type} (a replaced recipe gets a new plan). */
    private RecipePlan plan(final String type) {
        final Recipe recipe = registry.recipe(type);
        final RecipePlan last = lastPlan;
        if (last != null && last.recipe == recipe) {
            return last;
        }
        final RecipePlan plan = RecipePlan.of(recipe);
        lastPlan = plan;
        return plan;
    }

    private void start(final String type) {
        currentType = type;
        boundsTop = 0;
        out.reset();
    }

    /**
     * Writes the present values of {@code set} in rule order. Unless {@code onlyListed} (ID objects), every
     * value must have a rule. {@code path} is the top-level property (empty at top level); messages of nested
     * values name only that, to keep the hot path free of string building.
     */
    private void writeRules(final RuleSet set, final Map<?, ?> values, final boolean onlyListed,
                            final String path) {
        final RulePlan[] rules = set.rules;
        int written = 0;
        int previous = -1;
        for (int i = 0; i < rules.length; i++) {
            final RulePlan r = rules[i];
            final Object v = values.get(r.itemprop);
            if (v == null) {
                if (!r.optional) {
                    throw new ChumException(ErrorCode.MISSING_VALUE, where(path, r.itemprop) + ": value missing");
                }
                continue;
            }
            written++;
            if (previous < 0) {
                out.append(set.first[i]);
            } else if (previous == i - 1) {
                out.append(set.joins[previous]);
            } else {
                out.append(rules[previous].close);
                out.append(r.open);
            }
            final int bodyStart = out.length();
            if (streamedLists != null && path.isEmpty() && streamedLists.containsKey(r.itemprop)) {
                writeStreamedList(r.type, streamedLists.get(r.itemprop), r.itemprop);
            } else {
                writeBody(r.type, v, path.isEmpty() ? r.itemprop : path);
            }
            if (recordIds && r.isId && path.isEmpty()) {
                recordIdRange(bodyStart - r.open.length(), out.length() + r.close.length());
            }
            previous = i;
        }
        out.append(previous >= 0 ? set.last[previous] : set.empty);
        if (!onlyListed && written != values.size()) {
            throw unknownProperty(rules, values, path);
        }
    }

    private void recordIdRange(final int from, final int to) {
        if (idRangeCount + 2 > idRanges.length) {
            idRanges = Arrays.copyOf(idRanges, 2 * idRanges.length);
        }
        idRanges[idRangeCount++] = from;
        idRanges[idRangeCount++] = to;
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

    /** The common kinds here (small enough to inline into {@link #writeRules}); the rest in {@link #writeOther}. */
    private void writeBody(final TypePlan t, final Object v, final String path) {
        switch (t.kind) {
            case STRING -> writeText(cast(v, String.class, t, path), path);
            case REFERENCE -> out.hex(reference(t, v, path));
            case BAG, SET -> writeSorted(t, cast(v, List.class, t, path), path);
            default -> writeOther(t, v, path);
        }
    }

    private void writeOther(final TypePlan t, final Object v, final String path) {
        switch (t.kind) {
            case INTEGER -> out.decimal(cast(v, Long.class, t, path));
            case NUMBER -> out.number(cast(v, Double.class, t, path));
            case BOOLEAN -> out.append(cast(v, Boolean.class, t, path) ? Tags.TRUE : Tags.FALSE);
            case STRINGIFIABLE -> writeText(SortedJson.stringify(cast(v, JsonNode.class, t, path)), path);
            case ARRAY -> writeArray(t, cast(v, List.class, t, path), path);
            case MAP -> writeMap(t, cast(v, Map.class, t, path), path);
            case OBJECT -> writeRules(t.rules, cast(v, Map.class, t, path), false, path);
            default -> throw new IllegalStateException("unhandled kind " + t.kind);
        }
    }

    private void writeArray(final TypePlan t, final List<?> items, final String path) {
        final TypePlan item = t.item;
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? item.itemOpen : item.itemJoin);
            writeBody(item, items.get(i), path);
        }
        if (!items.isEmpty()) {
            out.append(item.itemClose);
        }
    }

    private void writeMap(final TypePlan t, final Map<?, ?> map, final String path) {
        for (final Map.Entry<?, ?> e : map.entrySet()) {
            out.append(t.entryOpen);
            writeBody(t.item, e.getKey(), path);
            out.append(t.entryMiddle);
            writeBody(t.value, e.getValue(), path);
            out.append(t.entryClose);
        }
    }

    /**
     * Bag and set: the complete {@code <li>…</li>} strings in UTF-16 order (JavaScript's default sort). The
     * items are rendered in place, then their byte ranges are sorted and permuted; the range bounds live on a
     * stack in {@link #bounds} because items can hold bags themselves.
     */
    private void writeSorted(final TypePlan t, final List<?> items, final String path) {
        final int n = items.size();
        if (t.item.kind == TypePlan.Kind.REFERENCE) {
            writeSortedReferences(t, items, path);
            return;
        }
        final TypePlan item = t.item;
        final int base = pushBounds(n + 1);
        for (int i = 0; i < n; i++) {
            bounds[base + i] = out.length();
            out.append(item.itemOpen);
            writeBody(item, items.get(i), path);
            out.append(item.itemClose);
        }
        bounds[base + n] = out.length();
        if (n >= 2) {
            sortRanges(t.kind == TypePlan.Kind.SET, base, n, path);
        }
        boundsTop = base;
    }

    private void sortRanges(final boolean unique, final int base, final int n, final String path) {
        if (order.length < n) {
            order = new int[Math.max(n, 2 * order.length)];
            orderTmp = new int[order.length];
        }
        final byte[] b = out.array();
        final int[] sorted = Utf16Order.sort(b, bounds, base, n, order, orderTmp);
        if (unique) {
            for (int k = 1; k < n; k++) {
                if (Utf16Order.compareItems(b, bounds, base, sorted[k - 1], sorted[k]) == 0) {
                    throw new ChumException(ErrorCode.WRONG_TYPE, where(path, "") + ": duplicate item in set");
                }
            }
        }
        if (!isIdentity(sorted, n)) {
            out.permute(bounds, base, n, sorted);
        }
    }

    /** Reserves {@code count} ints on the bounds stack and returns the first index. */
    private int pushBounds(final int count) {
        final int base = boundsTop;
        if (bounds.length < base + count) {
            bounds = Arrays.copyOf(bounds, Math.max(base + count, 2 * bounds.length));
        }
        boundsTop = base + count;
        return base;
    }

    private static boolean isIdentity(final int[] order, final int n) {
        for (int i = 0; i < n; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * References render as identical {@code <li>} strings apart from the hex, and hex order is hash order:
     * sorting the hashes is sorting the strings.
     */
    private void writeSortedReferences(final TypePlan t, final List<?> items, final String path) {
        final int n = items.size();
        if (hashes.length < n) {
            hashes = new Sha256Value[Math.max(n, 2 * hashes.length)];
        }
        final Sha256Value[] sorted = hashes;
        for (int i = 0; i < n; i++) {
            sorted[i] = reference(t.item, items.get(i), path);
        }
        sortHashes(sorted, n);
        final TypePlan item = t.item;
        for (int i = 0; i < n; i++) {
            if (t.kind == TypePlan.Kind.SET && i > 0 && sorted[i].equals(sorted[i - 1])) {
                throw new ChumException(ErrorCode.WRONG_TYPE, where(path, "") + ": duplicate item in set");
            }
            out.append(i == 0 ? item.itemOpen : item.itemJoin);
            out.hex(sorted[i]);
        }
        if (n > 0) {
            out.append(item.itemClose);
        }
    }

    /** Insertion sort of {@code hashes[0, n)} for the usual handful of references; the library sort for more. */
    private static void sortHashes(final Sha256Value[] hashes, final int n) {
        if (n > INSERTION_SORT_LIMIT) {
            Arrays.sort(hashes, 0, n);
            return;
        }
        for (int i = 1; i < n; i++) {
            final Sha256Value h = hashes[i];
            int j = i - 1;
            while (j >= 0 && hashes[j].compareTo(h) > 0) {
                hashes[j + 1] = hashes[j];
                j--;
            }
            hashes[j + 1] = h;
        }
    }

    /** Two constant-class checks rather than one with a computed class, which compiles to a slower check. */
    private Sha256Value reference(final TypePlan t, final Object v, final String path) {
        return t.referenceKind == ReferenceKind.ID ? cast(v, IdHash.class, t, path) : cast(v, Hash.class, t, path);
    }

    private <T> T cast(final Object v, final Class<T> expected, final TypePlan t, final String path) {
        if (!expected.isInstance(v)) {
            throw wrongType(v, expected, t, path);
        }
        return expected.cast(v);
    }

    private ChumException wrongType(final Object v, final Class<?> expected, final TypePlan t, final String path) {
        return new ChumException(ErrorCode.WRONG_TYPE, where(path, "") + ": " + t.type.typeName() + " needs a "
            + expected.getSimpleName() + ", not a " + v.getClass().getSimpleName());
    }

    private void writeText(final String s, final String path) {
        final int unpaired = out.text(s);
        if (unpaired >= 0) {
            throw new ChumException(ErrorCode.WRONG_TYPE, where(path, "") + ": unpaired surrogate at index "
                + unpaired + " (a string must be well-formed UTF-16)");
        }
    }

    private String where(final String path, final String prop) {
        final String p = path.isEmpty() ? prop : prop.isEmpty() ? path : path + "." + prop;
        return currentType.isEmpty() ? p : currentType + "." + p;
    }
}
