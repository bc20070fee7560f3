package io.chum.store;

import io.chum.microdata.MicrodataParser;
import io.chum.model.Hash;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The version history of one ID as a graph of version nodes read from the store, and the merge rule.
 *
 * <p><b>Merge rule</b> ({@link #advance}), for the current heads H and a candidate node n (a new local node, or
 * an imported node being adopted):
 * <ol>
 *   <li>n is a head, or an ancestor of a head: nothing changes;</li>
 *   <li>otherwise let K be the heads that are not ancestors of n. If K is empty, n becomes the only head
 *       (fast-forward);</li>
 *   <li>otherwise a {@code VersionNodeMerge} of K ∪ {n} (minus any node that is an ancestor of another one
 *       of them) becomes the only head: its {@code nodes} are those parents (a set, rendered sorted), its
 *       {@code data} the data of the greatest parent by {@link VersionHead#ORDER}, its depth the greatest
 *       parent depth + 1 and its creation time the greatest parent creation time.</li>
 * </ol>
 * The result depends only on the nodes, so two stores holding the same heads and adopting each other's compute
 * the same merge node (the same hash): they converge.
 *
 * <p>Ancestry walks follow {@code prev}/{@code nodes} from the descendant and stop at nodes no deeper than the
 * ancestor (depth strictly decreases along parents). Not thread-safe: one per use, on the thread of its reader.
 */
final class VersionGraph {
    /** Oldest first: depth, then creation time, then node hash. */
    static final Comparator<VersionNode> HISTORY_ORDER = Comparator.comparingLong(VersionNode::depth)
        .thenComparingLong(VersionNode::creationTime)
        .thenComparing(VersionNode::hash);

    private final StoreReader reader;
    private final MicrodataParser parser;
    private final Map<Hash, VersionNode> cache = new HashMap<>();

    VersionGraph(final StoreReader reader, final MicrodataParser parser) {
        this.reader = reader;
        this.parser = parser;
    }

    /**
     * What adopting {@code candidate} does to {@code heads}: one of {@link Update#none()},
     * {@link Update#fastForward}, or a merge of the returned parents.
     *
     * @param candidateIsNew true if the candidate node was not in the store before this write. No stored node can
     *                       then reach it (a store holds an object only with everything it references), so it is no
     *                       ancestor of a head, and that walk is skipped. It matters for MERGE writes: their edge
     *                       node has depth 0, and proving that it is no ancestor would read the ID's whole history
     *                       (a Chum object's history grows by two nodes per chum with the same peer).
     */
    Update advance(final List<VersionHead> heads, final VersionHead candidate, final boolean candidateIsNew) {
        if (heads.isEmpty()) {
            return Update.fastForward(candidate);
        }
        if (!candidateIsNew) {
            for (final VersionHead h : heads) {
                if (isAncestorOrSelf(candidate, h)) {
                    return Update.none();
                }
            }
        }
        final List<VersionHead> kept = new ArrayList<>();
        for (final VersionHead h : heads) {
            if (!isAncestorOrSelf(h, candidate)) {
                kept.add(h);
            }
        }
        if (kept.isEmpty()) {
            return Update.fastForward(candidate);
        }
        final List<VersionHead> parents = new ArrayList<>();
        for (final VersionHead k : kept) {
            if (!isAncestorOfAnother(k, kept)) {
                parents.add(k);
            }
        }
        parents.add(candidate);
        parents.sort(Comparator.comparing(VersionHead::node));
        return Update.merge(parents);
    }

    private boolean isAncestorOfAnother(final VersionHead k, final List<VersionHead> all) {
        for (final VersionHead other : all) {
            if (!other.node().equals(k.node()) && isAncestorOrSelf(k, other)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code ancestor} is {@code descendant} or reachable from it through parents. */
    boolean isAncestorOrSelf(final VersionHead ancestor, final VersionHead descendant) {
        if (ancestor.node().equals(descendant.node())) {
            return true;
        }
        if (descendant.depth() <= ancestor.depth()) {
            return false;
        }
        final Set<Hash> seen = new HashSet<>();
        final Deque<Hash> todo = new ArrayDeque<>();
        todo.push(descendant.node());
        while (!todo.isEmpty()) {
            final VersionNode n = node(todo.pop());
            for (final Hash p : n.parents()) {
                if (p.equals(ancestor.node())) {
                    return true;
                }
                if (seen.add(p) && node(p).depth() > ancestor.depth()) {
                    todo.push(p);
                }
            }
        }
        return false;
    }

    /** Every node reachable from {@code heads}, each once, oldest first ({@link #HISTORY_ORDER}). */
    List<Hash> history(final List<VersionHead> heads) {
        final Set<Hash> seen = new HashSet<>();
        final Deque<Hash> todo = new ArrayDeque<>();
        final List<VersionNode> nodes = new ArrayList<>();
        for (final VersionHead h : heads) {
            if (seen.add(h.node())) {
                todo.push(h.node());
            }
        }
        while (!todo.isEmpty()) {
            final VersionNode n = node(todo.pop());
            nodes.add(n);
            for (final Hash p : n.parents()) {
                if (seen.add(p)) {
                    todo.push(p);
                }
            }
        }
        nodes.sort(HISTORY_ORDER);
        final List<Hash> out = new ArrayList<>(nodes.size());
        for (final VersionNode n : nodes) {
            out.add(n.hash());
        }
        return out;
    }

    /** Makes a node just written known without reading it back. */
    void remember(final VersionNode node) {
        cache.put(node.hash(), node);
    }

    /** The stored version node {@code hash}; {@code CS-NOT-FOUND} if absent, {@code CS-OBJ-WRONG-TYPE} if no node. */
    VersionNode node(final Hash hash) {
        VersionNode n = cache.get(hash);
        if (n == null) {
            n = VersionNode.of(hash, parser.parse(reader.readMicrodata(hash)));
            cache.put(hash, n);
        }
        return n;
    }

    /**
     * How the heads change.
     *
     * @param kind    what happens
     * @param head    the new only head (fast-forward), null otherwise
     * @param parents the parents of the merge node to write (merge), empty otherwise
     */
    record Update(Kind kind, VersionHead head, List<VersionHead> parents) {
        enum Kind { NONE, FAST_FORWARD, MERGE }

        static Update none() {
            return new Update(Kind.NONE, null, List.of());
        }

        static Update fastForward(final VersionHead head) {
            return new Update(Kind.FAST_FORWARD, head, List.of());
        }

        static Update merge(final List<VersionHead> parents) {
            return new Update(Kind.MERGE, null, List.copyOf(parents));
        }
    }
}
