package io.chum.store;

import io.chum.model.Hash;
import io.chum.model.IdHash;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One grant for {@link OneStore#createAccess} (ONE's {@code createAccess} entry): exactly one of an object hash
 * (stored as an Access object) or an ID hash (stored as an IdAccess object), the persons and groups (ID hashes
 * of Person and Group ID objects) and the mode. The lists are de-duplicated, keeping the first occurrence.
 * Immutable.
 *
 * @param object  the object to grant, or null
 * @param id      the ID (all versions) to grant, or null
 * @param persons Person ID hashes
 * @param groups  Group ID hashes
 * @param mode    {@link AccessMode#ADD} or {@link AccessMode#REPLACE}
 */
public record AccessRequest(Hash object, IdHash id, List<IdHash> persons, List<IdHash> groups, AccessMode mode) {
    public AccessRequest {
        if ((object == null) == (id == null)) {
            throw new IllegalArgumentException("an access request names exactly one of an object or an ID");
        }
        Objects.requireNonNull(mode, "mode");
        persons = distinct(persons);
        groups = distinct(groups);
    }

    /** Access to {@code object} and its reference closure. */
    public static AccessRequest forObject(final Hash object, final Collection<IdHash> persons,
                                          final Collection<IdHash> groups, final AccessMode mode) {
        return new AccessRequest(Objects.requireNonNull(object, "object"), null, new ArrayList<>(persons),
            new ArrayList<>(groups), mode);
    }

    /** Access to the ID object {@code id} and every version of it, present and future. */
    public static AccessRequest forId(final IdHash id, final Collection<IdHash> persons,
                                      final Collection<IdHash> groups, final AccessMode mode) {
        return new AccessRequest(null, Objects.requireNonNull(id, "id"), new ArrayList<>(persons),
            new ArrayList<>(groups), mode);
    }

    private static List<IdHash> distinct(final List<IdHash> list) {
        for (final IdHash h : Objects.requireNonNull(list, "list")) {
            Objects.requireNonNull(h, "null ID hash in an access request");
        }
        return List.copyOf(new LinkedHashSet<>(list));
    }
}
