package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.OneObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A version node object (VersionNodeEdge, VersionNodeChange or VersionNodeMerge, one-spec §2) reduced to what
 * the version logic needs. Immutable.
 *
 * @param hash         the node's hash
 * @param parents      {@code prev} of a change, {@code nodes} of a merge, none for an edge
 * @param data         the version's data object
 * @param depth        0 for an edge, the previous depth + 1 for a change, the greatest parent depth + 1 for a merge
 * @param creationTime ms since the epoch
 */
record VersionNode(Hash hash, List<Hash> parents, Hash data, long depth, long creationTime) {
    VersionNode {
        parents = List.copyOf(parents);
    }

    /** This node as a head. */
    VersionHead asHead() {
        return new VersionHead(hash, data, depth, creationTime);
    }

    /** Reads the fields of a parsed version node object; {@code CS-OBJ-WRONG-TYPE} for other types. */
    static VersionNode of(final Hash hash, final OneObject obj) {
        final List<Hash> parents = new ArrayList<>();
        switch (obj.type()) {
            case CoreRecipes.VERSION_NODE_EDGE -> {
            }
            case CoreRecipes.VERSION_NODE_CHANGE -> {
                if (obj.get("prev") != null) {
                    parents.add((Hash) obj.get("prev"));
                }
            }
            case CoreRecipes.VERSION_NODE_MERGE -> {
                for (final Object o : obj.getList("nodes")) {
                    parents.add((Hash) o);
                }
            }
            default -> throw new ChumException(ErrorCode.WRONG_TYPE, hash + " is a " + obj.type()
                + ", not a version node");
        }
        return new VersionNode(hash, parents, (Hash) obj.get("data"), (long) (double) (Double) obj.get("depth"),
            (long) (double) (Double) obj.get("creationTime"));
    }

    /** A {@code VersionNodeEdge}: the root of a history. */
    static OneObject edge(final Hash data, final long creationTime) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("data", data);
        v.put("depth", 0.0);
        v.put("creationTime", (double) creationTime);
        return OneObject.of(CoreRecipes.VERSION_NODE_EDGE, v);
    }

    /** A {@code VersionNodeChange} on top of {@code prev}. */
    static OneObject change(final VersionHead prev, final Hash data, final long creationTime) {
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("prev", prev.node());
        v.put("data", data);
        v.put("depth", (double) (prev.depth() + 1));
        v.put("creationTime", (double) creationTime);
        return OneObject.of(CoreRecipes.VERSION_NODE_CHANGE, v);
    }

    /** A {@code VersionNodeMerge} of {@code parents} (at least two) with the data of the winner among them. */
    static OneObject merge(final List<VersionHead> parents) {
        long depth = 0;
        long creationTime = Long.MIN_VALUE;
        final List<Object> nodes = new ArrayList<>();
        for (final VersionHead p : parents) {
            depth = Math.max(depth, p.depth() + 1);
            creationTime = Math.max(creationTime, p.creationTime());
            nodes.add(p.node());
        }
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("nodes", nodes);
        v.put("data", VersionHead.winner(parents).data());
        v.put("depth", (double) depth);
        v.put("creationTime", (double) creationTime);
        return OneObject.of(CoreRecipes.VERSION_NODE_MERGE, v);
    }
}
