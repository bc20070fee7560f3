package io.chum.store;

import io.chum.model.Hash;
import io.chum.model.IdHash;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The access roots granted to a person: the objects of current Access objects and the ID hashes of current
 * IdAccess objects that name the person, directly or through a group (one-spec §4.2). Immutable; the sets
 * are sorted by hash.
 *
 * @param objects roots granted by Access (each grants the object and its reference closure)
 * @param ids     roots granted by IdAccess (each grants the ID object and every version)
 */
public record AccessGrants(SortedSet<Hash> objects, SortedSet<IdHash> ids) {
    /** No grants. */
    public static final AccessGrants NONE = new AccessGrants(new TreeSet<>(), new TreeSet<>());

    public AccessGrants {
        objects = Collections.unmodifiableSortedSet(new TreeSet<>(objects));
        ids = Collections.unmodifiableSortedSet(new TreeSet<>(ids));
    }

    /** Grants from any sets (copied, sorted). */
    public static AccessGrants of(final Set<Hash> objects, final Set<IdHash> ids) {
        return new AccessGrants(new TreeSet<>(objects), new TreeSet<>(ids));
    }

    /** True if nothing is granted. */
    public boolean isEmpty() {
        return objects.isEmpty() && ids.isEmpty();
    }
}
