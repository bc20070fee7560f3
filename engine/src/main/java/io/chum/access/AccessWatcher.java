package io.chum.access;

import io.chum.log.HeadChanged;
import io.chum.log.LogEvent;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;

import java.util.HashSet;
import java.util.Set;

/**
 * Turns the log events a keepRunning chum's exporter tails into new roots: a new Access or IdAccess version that
 * names the person or one of its fixed groups grants its target (an IdAccess also every later version of that ID),
 * and a new head of an ID granted by IdAccess makes its version node a root. Group changes are ignored (membership
 * is fixed at start) and so are revocations (what was accessible in a running chum stays so, as in ONE).
 *
 * <p>NOT thread-safe: used by the exporter thread only (the set of granted IDs grows).
 */
public final class AccessWatcher {
    private final RemoteAccess access;
    private final Set<IdHash> grantedIds;

    AccessWatcher(final RemoteAccess access, final Set<IdHash> grantedIds) {
        this.access = access;
        this.grantedIds = new HashSet<>(grantedIds);
    }

    /** Adds the roots that {@code event} makes accessible to {@code roots}. */
    public void onEvent(final LogEvent event, final Set<Root> roots) {
        if (!(event instanceof HeadChanged h)) {
            return;
        }
        // The event may be newer than this process's projections (another process wrote it, or our writer thread
        // has not applied its own append yet); the lookups below need them to include it.
        access.awaitProjected(h.index() + 1);
        final String type = access.store().typeOf(h.id());
        switch (type) {
            case CoreRecipes.ACCESS -> {
                final OneObject grant = access.store().readObject(h.data());
                if (access.grantsToPerson(grant)) {
                    roots.add(Root.object((Hash) grant.get("object")));
                }
            }
            case CoreRecipes.ID_ACCESS -> {
                final OneObject grant = access.store().readObject(h.data());
                if (access.grantsToPerson(grant)) {
                    final IdHash target = (IdHash) grant.get("id");
                    grantedIds.add(target);
                    access.addIdRoots(target, roots);
                }
            }
            case CoreRecipes.GROUP -> {
                // Memberships are fixed at the start of a chum.
            }
            default -> {
                if (grantedIds.contains(h.id())) {
                    roots.add(Root.object(h.node()));
                }
            }
        }
    }
}
