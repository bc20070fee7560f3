package io.chum.projection;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The dictionary of type names used by the object index: ids 1, 2, … in order of first appearance in the log
 * (0 means "no type", for BLOBs and CLOBs).
 *
 * <p>Threading: {@link #idOf} is for the writer thread only; {@link #name} may be called from any thread. The
 * writer publishes each new name in a fresh copy of the name array through a volatile field (types are few
 * and new ones rare), so readers never lock.
 */
public final class TypeNames {
    /** Writer thread only. */
    private final Map<String, Integer> ids = new HashMap<>();
    private volatile String[] names = {null};

    /** The id of {@code type}, assigning the next one if it is new. Writer thread only. */
    int idOf(final String type) {
        final Integer id = ids.get(type);
        if (id != null) {
            return id;
        }
        final String[] next = Arrays.copyOf(names, names.length + 1);
        next[names.length] = type;
        ids.put(type, names.length);
        names = next;
        return next.length - 1;
    }

    /** The type name of {@code id}, or null for 0 or an unknown id. */
    public String name(final int id) {
        final String[] n = names;
        return id > 0 && id < n.length ? n[id] : null;
    }

    /** Number of names. */
    int size() {
        return names.length - 1;
    }

    void writeTo(final CheckpointOutput out) {
        final String[] n = names;
        out.putInt(n.length - 1);
        for (int i = 1; i < n.length; i++) {
            out.putString(n[i]);
        }
    }

    static TypeNames readFrom(final CheckpointInput in) {
        final TypeNames t = new TypeNames();
        final int count = in.getCount("type name");
        for (int i = 0; i < count; i++) {
            final String name = in.getString();
            if (t.idOf(name) != i + 1) {
                throw in.corrupt("duplicate type name " + name);
            }
        }
        return t;
    }
}
