package io.chum.projection;

import io.chum.log.HeadChanged;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.store.VersionHead;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The version heads of every versioned object, from {@link HeadChanged} events:
 * {@code heads(id) := (heads(id) − replaces) ∪ {node}}. Usually one head per ID; two after two processes
 * wrote the same ID at once. The current version is the head that {@link VersionHead#ORDER} ranks highest.
 *
 * <p>Threading: one writer thread applies events; any thread reads. Each ID maps to an immutable list
 * (sorted by node hash) that the writer replaces as a whole in a {@link ConcurrentHashMap}, so a reader sees
 * either the old or the new heads, never a mix.
 */
public final class VersionHeads {
    private final ConcurrentHashMap<IdHash, List<VersionHead>> heads = new ConcurrentHashMap<>();

    /** The heads of {@code id}, sorted by node hash; empty if it has no version. */
    public List<VersionHead> heads(final IdHash id) {
        return heads.getOrDefault(id, List.of());
    }

    /** The current version of {@code id}. */
    public Optional<VersionHead> current(final IdHash id) {
        final List<VersionHead> h = heads.get(id);
        return h == null ? Optional.empty() : Optional.of(VersionHead.winner(h));
    }

    /** True if {@code data} is the current version of {@code id}. */
    public boolean isCurrent(final IdHash id, final Hash data) {
        final List<VersionHead> h = heads.get(id);
        return h != null && VersionHead.winner(h).data().equals(data);
    }

    /** Number of IDs with a version. */
    public int size() {
        return heads.size();
    }

    /** Writer thread only. */
    void apply(final HeadChanged e) {
        final List<VersionHead> old = heads.getOrDefault(e.id(), List.of());
        final List<VersionHead> next = new ArrayList<>(old.size() + 1);
        for (final VersionHead h : old) {
            if (!e.replaces().contains(h.node()) && !h.node().equals(e.node())) {
                next.add(h);
            }
        }
        next.add(new VersionHead(e.node(), e.data(), e.depth(), e.creationTime()));
        next.sort(Comparator.comparing(VersionHead::node));
        heads.put(e.id(), List.copyOf(next));
    }

    /** A copy of every ID's heads, sorted by ID hash (for verify, checkpoints and dumps). */
    public Map<IdHash, List<VersionHead>> snapshot() {
        return new TreeMap<>(heads);
    }

    void writeTo(final CheckpointOutput out) {
        out.putInt(heads.size());
        for (final Map.Entry<IdHash, List<VersionHead>> e : heads.entrySet()) {
            out.putHash(e.getKey());
            out.putInt(e.getValue().size());
            for (final VersionHead h : e.getValue()) {
                out.putHash(h.node());
                out.putHash(h.data());
                out.putLong(h.depth());
                out.putLong(h.creationTime());
            }
        }
    }

    static VersionHeads readFrom(final CheckpointInput in) {
        final VersionHeads v = new VersionHeads();
        final int ids = in.getCount("version head ID");
        for (int i = 0; i < ids; i++) {
            final IdHash id = in.getIdHash();
            final int n = in.getCount("head");
            final List<VersionHead> list = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                list.add(new VersionHead(in.getHash(), in.getHash(), in.getLong(), in.getLong()));
            }
            if (n == 0) {
                throw in.corrupt("ID " + id + " without heads");
            }
            v.heads.put(id, List.copyOf(list));
        }
        return v;
    }
}
