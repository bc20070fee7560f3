package io.chum.projection;

import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the access index needs to know about every Access, IdAccess and Group object: its ID hash (to tell
 * whether it is the current version) and, for Access and IdAccess, the target it grants.
 *
 * <p>Threading: one writer thread adds; any thread reads. Immutable values in a {@link ConcurrentHashMap}.
 */
final class GrantObjects {
    /** The types held here. */
    static final Set<String> TYPES = Set.of(CoreRecipes.ACCESS, CoreRecipes.ID_ACCESS, CoreRecipes.GROUP);

    /**
     * One Access, IdAccess or Group object.
     *
     * @param type   its type
     * @param id     its ID hash
     * @param target the granted object ({@link Hash}, Access) or ID ({@link IdHash}, IdAccess); null for a Group
     */
    record Grant(String type, IdHash id, Sha256Value target) {
    }

    private final ConcurrentHashMap<Hash, Grant> grants = new ConcurrentHashMap<>();

    Grant get(final Hash hash) {
        return grants.get(hash);
    }

    void add(final Hash hash, final Grant grant) {
        grants.putIfAbsent(hash, grant);
    }

    Map<Hash, Grant> snapshot() {
        return new TreeMap<>(grants);
    }

    void writeTo(final CheckpointOutput out) {
        out.putInt(grants.size());
        for (final Map.Entry<Hash, Grant> e : grants.entrySet()) {
            final Grant g = e.getValue();
            out.putHash(e.getKey());
            out.putString(g.type());
            out.putHash(g.id());
            out.putByte(g.target() == null ? 0 : 1);
            if (g.target() != null) {
                ReverseMaps.putTarget(out, g.target());
            }
        }
    }

    static GrantObjects readFrom(final CheckpointInput in) {
        final GrantObjects g = new GrantObjects();
        final int n = in.getCount("grant object");
        for (int i = 0; i < n; i++) {
            final Hash hash = in.getHash();
            final String type = in.getString();
            final IdHash id = in.getIdHash();
            final Sha256Value target = in.getByte() == 0 ? null : ReverseMaps.getTarget(in);
            if (!TYPES.contains(type)) {
                throw in.corrupt("grant object of type " + type);
            }
            g.grants.put(hash, new Grant(type, id, target));
        }
        return g;
    }
}
