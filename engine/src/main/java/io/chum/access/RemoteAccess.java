package io.chum.access;

import io.chum.ChumException;
import io.chum.log.HeadChanged;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.store.AccessGrants;
import io.chum.store.OneStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a remote person may access in a store, with the person's group memberships fixed when the chum starts
 * (one-spec §4.2 and the seed: membership changes during a chum are ignored).
 *
 * <ul>
 *   <li>{@link #fullRoots()}: every root accessible now: Access targets, and for each IdAccess target its ID
 *       object and every version node of its history;</li>
 *   <li>{@link #rootsBetween(long, long)}: the roots that became accessible in a range of the log (an incremental
 *       chum), evaluated with the current access state;</li>
 *   <li>{@link #watcher()}: the roots that new log events make accessible while a chum keeps running.</li>
 * </ul>
 *
 * <p>Immutable; its methods read the store and may be called from any thread.
 */
public final class RemoteAccess {
    /** How long to wait for this process's projections to apply a log position before giving up. */
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(10);

    private final OneStore store;
    private final IdHash person;
    private final Set<IdHash> groups;

    private RemoteAccess(final OneStore store, final IdHash person, final Set<IdHash> groups) {
        this.store = Objects.requireNonNull(store, "store");
        this.person = Objects.requireNonNull(person, "person");
        this.groups = Set.copyOf(groups);
    }

    /** The access of {@code person} with the groups it is a member of now. */
    public static RemoteAccess atStart(final OneStore store, final IdHash person) {
        return new RemoteAccess(store, person, store.groupsOf(person));
    }

    /** The remote person. */
    public IdHash person() {
        return person;
    }

    /** The groups whose grants count for the person in this chum. */
    public Set<IdHash> groups() {
        return groups;
    }

    /** The store. */
    OneStore store() {
        return store;
    }

    /** The current grants to the person and its fixed groups. */
    public AccessGrants currentGrants() {
        return store.grantsFor(person, groups);
    }

    /** Every root accessible now, Access targets first, then per IdAccess target its ID and its version nodes. */
    public List<Root> fullRoots() {
        final Set<Root> roots = new LinkedHashSet<>();
        addRoots(currentGrants(), roots);
        return new ArrayList<>(roots);
    }

    /**
     * The roots that became accessible between log positions {@code from} (inclusive) and {@code to} (exclusive),
     * judged by the current access state: targets of Access/IdAccess versions written there that are granted now,
     * every grant of a (fixed) group whose version was written there, and new version nodes of IDs granted now by
     * IdAccess. A root may be reported although it was accessible before (the importer then has it: cheap). Reads
     * only the range's head changes ({@link OneStore#headChangesBetween}), after waiting until {@code to} is projected.
     *
     * @throws ChumException TIMEOUT if the projections do not reach {@code to} within 10 s
     */
    public List<Root> rootsBetween(final long from, final long to) {
        awaitProjected(to);
        final AccessGrants current = currentGrants();
        final Set<Root> roots = new LinkedHashSet<>();
        for (final HeadChanged h : store.headChangesBetween(from, to)) {
            replayed(h, current, roots);
        }
        return new ArrayList<>(roots);
    }

    private void replayed(final HeadChanged h, final AccessGrants current, final Set<Root> roots) {
        final String type = store.typeOf(h.id());
        switch (type) {
            case CoreRecipes.ACCESS -> {
                final Hash target = (Hash) store.readObject(h.data()).get("object");
                if (current.objects().contains(target)) {
                    roots.add(Root.object(target));
                }
            }
            case CoreRecipes.ID_ACCESS -> {
                final IdHash target = (IdHash) store.readObject(h.data()).get("id");
                if (current.ids().contains(target)) {
                    addIdRoots(target, roots);
                }
            }
            case CoreRecipes.GROUP -> {
                if (groups.contains(h.id())) {
                    // The person is in the group now; all of the group's grants may be new to it.
                    addRoots(store.grantsFor(h.id(), Set.of()), roots);
                }
            }
            default -> {
                if (current.ids().contains(h.id())) {
                    roots.add(Root.object(h.node()));
                }
            }
        }
    }

    /** A watcher of new log events for a chum that keeps running, starting from the current grants. */
    public AccessWatcher watcher() {
        return new AccessWatcher(this, currentGrants().ids());
    }

    /** True if the Access or IdAccess version {@code grant} names the person or one of its groups. */
    boolean grantsToPerson(final OneObject grant) {
        final List<Object> persons = grant.getList("person");
        if (persons != null && persons.contains(person)) {
            return true;
        }
        final List<Object> grantedGroups = grant.getList("group");
        if (grantedGroups != null) {
            for (final Object g : grantedGroups) {
                if (groups.contains(g)) {
                    return true;
                }
            }
        }
        return false;
    }

    void addRoots(final AccessGrants grants, final Set<Root> roots) {
        for (final Hash h : grants.objects()) {
            roots.add(Root.object(h));
        }
        for (final IdHash id : grants.ids()) {
            addIdRoots(id, roots);
        }
    }

    void addIdRoots(final IdHash id, final Set<Root> roots) {
        roots.add(Root.id(id));
        for (final Hash node : store.versionNodes(id)) {
            roots.add(Root.object(node));
        }
    }

    /**
     * Waits until this process's projections have applied the log up to {@code position} (exclusive), so that what
     * the log says there can be looked up ({@link OneStore#awaitProjected}).
     *
     * @throws ChumException TIMEOUT if that takes longer than 10 s
     */
    public void awaitProjected(final long position) {
        store.awaitProjected(position, PROJECTION_WAIT);
    }
}
