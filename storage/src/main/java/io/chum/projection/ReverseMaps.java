package io.chum.projection;

import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ONE's reverse maps (one-spec §2.1): for a target hash (object, ID, BLOB or CLOB) and a referencing type, the
 * objects of that type that reference the target, and the ID objects of that type that reference it through
 * ID properties. Only the types ONE always enables are mapped: {@link #OBJECT_TYPES} for objects,
 * {@link #ID_OBJECT_TYPES} for ID objects; an Instance's {@code enabledReverseMapTypes} is not honoured.
 * Entries are never removed; callers that want current versions filter (see {@link AccessIndex}).
 *
 * <p>Threading: one writer thread adds; any thread reads. Maps and the per-target sets are concurrent; reads
 * return sorted copies.
 */
public final class ReverseMaps {
    /** Object types whose references are mapped (all properties). */
    public static final Set<String> OBJECT_TYPES = Set.of(CoreRecipes.ACCESS, CoreRecipes.ID_ACCESS,
        CoreRecipes.GROUP, CoreRecipes.KEYS);
    /** ID-object types whose references (ID properties) are mapped. */
    public static final Set<String> ID_OBJECT_TYPES = Set.of(CoreRecipes.ACCESS, CoreRecipes.ID_ACCESS,
        CoreRecipes.INSTANCE);

    private final ConcurrentHashMap<Key, Set<Hash>> objects = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Set<IdHash>> idObjects = new ConcurrentHashMap<>();

    /**
     * A target and a referencing type. Its equals and hashCode are written out because a record's generated ones are
     * linked through method handles on their first call: with the one in {@code RecipeJson}, that spun 27 classes and
     * cost a one-shot {@code chum} 20-30 ms, and every store's open hashes these keys while it reads the checkpoint
     * (docs/benchmarks.md §7.3, "Record methods linked on first use").
     */
    record Key(Sha256Value target, String type) implements Comparable<Key> {
        @Override
        public boolean equals(final Object o) {
            return o instanceof Key k && target.equals(k.target) && type.equals(k.type);
        }

        @Override
        public int hashCode() {
            return 31 * target.hashCode() + type.hashCode();
        }

        @Override
        public int compareTo(final Key o) {
            final int c = target.compareTo(o.target);
            if (c != 0) {
                return c;
            }
            final int k = Boolean.compare(target instanceof IdHash, o.target instanceof IdHash);
            return k != 0 ? k : type.compareTo(o.type);
        }
    }

    /** Objects of {@code type} referencing {@code target}, sorted; empty for types that are not mapped. */
    public SortedSet<Hash> objects(final Sha256Value target, final String type) {
        final Set<Hash> s = objects.get(new Key(target, type));
        return s == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(s));
    }

    /** ID objects of {@code type} referencing {@code target}, sorted; empty for types that are not mapped. */
    public SortedSet<IdHash> idObjects(final Sha256Value target, final String type) {
        final Set<IdHash> s = idObjects.get(new Key(target, type));
        return s == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(s));
    }

    /** The live set behind {@link #objects}, for iteration without a copy; do not modify. */
    Set<Hash> objectsView(final Sha256Value target, final String type) {
        final Set<Hash> s = objects.get(new Key(target, type));
        return s == null ? Set.of() : s;
    }

    void addObject(final Sha256Value target, final String type, final Hash referencing) {
        objects.computeIfAbsent(new Key(target, type), k -> ConcurrentHashMap.newKeySet()).add(referencing);
    }

    void addIdObject(final Sha256Value target, final String type, final IdHash referencing) {
        idObjects.computeIfAbsent(new Key(target, type), k -> ConcurrentHashMap.newKeySet()).add(referencing);
    }

    /** Sorted copies, for checkpoints and dumps. */
    Map<Key, SortedSet<Hash>> objectSnapshot() {
        final Map<Key, SortedSet<Hash>> out = new TreeMap<>();
        objects.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
        return out;
    }

    Map<Key, SortedSet<IdHash>> idObjectSnapshot() {
        final Map<Key, SortedSet<IdHash>> out = new TreeMap<>();
        idObjects.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
        return out;
    }

    void writeTo(final CheckpointOutput out) {
        writeMap(out, objects);
        writeMap(out, idObjects);
    }

    private static void writeMap(final CheckpointOutput out, final Map<Key, ? extends Set<? extends Sha256Value>> map) {
        out.putInt(map.size());
        for (final Map.Entry<Key, ? extends Set<? extends Sha256Value>> e : map.entrySet()) {
            putTarget(out, e.getKey().target());
            out.putString(e.getKey().type());
            final Set<? extends Sha256Value> values = e.getValue();
            out.putInt(values.size());
            for (final Sha256Value v : values) {
                out.putHash(v);
            }
        }
    }

    static ReverseMaps readFrom(final CheckpointInput in) {
        final ReverseMaps r = new ReverseMaps();
        final int objectKeys = in.getCount("reverse map");
        for (int i = 0; i < objectKeys; i++) {
            final Key key = new Key(getTarget(in), in.getString());
            final int n = in.getCount("reverse map entry");
            final Set<Hash> set = ConcurrentHashMap.newKeySet(n);
            for (int k = 0; k < n; k++) {
                set.add(in.getHash());
            }
            r.objects.put(key, set);
        }
        final int idKeys = in.getCount("ID reverse map");
        for (int i = 0; i < idKeys; i++) {
            final Key key = new Key(getTarget(in), in.getString());
            final int n = in.getCount("ID reverse map entry");
            final Set<IdHash> set = ConcurrentHashMap.newKeySet(n);
            for (int k = 0; k < n; k++) {
                set.add(in.getIdHash());
            }
            r.idObjects.put(key, set);
        }
        return r;
    }

    /** A hash with its class: 0 = Hash, 1 = IdHash. */
    static void putTarget(final CheckpointOutput out, final Sha256Value target) {
        out.putByte(target instanceof IdHash ? 1 : 0);
        out.putHash(target);
    }

    static Sha256Value getTarget(final CheckpointInput in) {
        final int kind = in.getByte();
        if (kind == 0) {
            return in.getHash();
        }
        if (kind == 1) {
            return in.getIdHash();
        }
        throw in.corrupt("hash class " + kind);
    }
}
