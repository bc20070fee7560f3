package io.chum.projection;

import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.store.AccessGrants;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The access index (one-spec §4.2, upstream behaviour: group grants count): which Access and IdAccess roots a
 * person may see, directly and through the groups that list the person. Only the CURRENT versions of Access,
 * IdAccess and Group objects count, so a new version with fewer persons revokes.
 *
 * <p>A view computed on demand from the reverse maps, the grant objects and the version heads (as ONE's
 * {@code getOnlyLatestReferencingObjsHashAndId}): cost proportional to the Access/IdAccess/Group objects that
 * ever named the person or group. Holds no state of its own; thread-safe like the projections it reads.
 */
public final class AccessIndex {
    private final ReverseMaps reverseMaps;
    private final GrantObjects grants;
    private final VersionHeads heads;

    AccessIndex(final ReverseMaps reverseMaps, final GrantObjects grants, final VersionHeads heads) {
        this.reverseMaps = reverseMaps;
        this.grants = grants;
        this.heads = heads;
    }

    /** Roots granted to {@code person} directly and through the current groups that list the person now. */
    public AccessGrants grantsFor(final IdHash person) {
        return grantsFor(person, groupsOf(person));
    }

    /** Roots granted to {@code person} directly and through {@code groups} (membership fixed by the caller). */
    public AccessGrants grantsFor(final IdHash person, final Set<IdHash> groups) {
        final Set<Hash> objects = new TreeSet<>();
        final Set<IdHash> ids = new TreeSet<>();
        addGrants(person, objects, ids);
        for (final IdHash group : groups) {
            addGrants(group, objects, ids);
        }
        return AccessGrants.of(objects, ids);
    }

    /** The ID hashes of the groups whose current version lists {@code person}, sorted. */
    public SortedSet<IdHash> groupsOf(final IdHash person) {
        final SortedSet<IdHash> out = new TreeSet<>();
        for (final Hash group : reverseMaps.objectsView(person, CoreRecipes.GROUP)) {
            final GrantObjects.Grant g = grants.get(group);
            if (g != null && heads.isCurrent(g.id(), group)) {
                out.add(g.id());
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** Adds the targets of the current Access/IdAccess objects that name {@code grantee} (a person or group). */
    private void addGrants(final IdHash grantee, final Set<Hash> objects, final Set<IdHash> ids) {
        for (final Hash access : reverseMaps.objectsView(grantee, CoreRecipes.ACCESS)) {
            final GrantObjects.Grant g = grants.get(access);
            if (g != null && heads.isCurrent(g.id(), access)) {
                objects.add((Hash) g.target());
            }
        }
        for (final Hash idAccess : reverseMaps.objectsView(grantee, CoreRecipes.ID_ACCESS)) {
            final GrantObjects.Grant g = grants.get(idAccess);
            if (g != null && heads.isCurrent(g.id(), idAccess)) {
                ids.add((IdHash) g.target());
            }
        }
    }
}
