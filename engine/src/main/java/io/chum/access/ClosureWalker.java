package io.chum.access;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.BlobWritten;
import io.chum.microdata.Microdata;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Reference;
import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;
import io.chum.store.StoreReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Enumerates reference closures in post-order (dependencies first) for one chum's exporter, iteratively (a 10,000
 * deep chain needs no deep call stack).
 *
 * <p>Closure (one-spec §4.4): an object brings every object, ID object, BLOB and CLOB it references; an ID object
 * brings what its ID properties reference; BLOBs and CLOBs are leaves. References are read from the stored
 * microdata without parsing it ({@link Microdata#forEachReference}).
 *
 * <p>The walker marks entries for the chum: <em>offered</em> (each is emitted once per chum), <em>present</em> at
 * the importer (with their closures: never descended into), and <em>unavailable</em>, which cannot be offered.
 * Access, IdAccess and Group objects and ID objects are never offered; an entry whose closure needs
 * one, or needs something unreadable, is skipped together with everything that depends on it, with a warning.
 *
 * <p>NOT thread-safe: owned by the exporter thread, with that thread's {@link StoreReader}.
 */
public final class ClosureWalker {
    private static final Logger LOG = LoggerFactory.getLogger(ClosureWalker.class);

    private static final int OFFERED = 1;
    private static final int PRESENT = 2;
    private static final int UNAVAILABLE = 3;

    private final StoreReader reader;
    private final long maxObjectBytes;
    /**
     * Each entry's mark, at most one: the three answers in one table, so that "settled?" costs one probe of it where
     * three sets cost three (the walk asks that of every reference). Offered and present both mean done; neither is
     * ever replaced by unavailable.
     */
    private final NodeMap marks = new NodeMap();
    private final NodeSet onPath = new NodeSet();
    private long skipped;

    /**
     * @param reader         the exporter thread's reader
     * @param maxObjectBytes objects and ID objects larger than this are not offered (the importer's cap)
     */
    public ClosureWalker(final StoreReader reader, final long maxObjectBytes) {
        this.reader = reader;
        this.maxObjectBytes = maxObjectBytes;
    }

    /** Records that the importer has this entry, and so its whole closure. */
    public void markPresent(final EntryKind kind, final Sha256Value hash) {
        if (marks.putIfAbsent(kind, hash, PRESENT) == UNAVAILABLE) {
            marks.put(kind, hash, PRESENT);
        }
    }

    /**
     * Records that the importer has this entry, and so its whole closure, unless it is settled already; true if it
     * was not ({@link #isSettled} and {@link #markPresent} in one probe).
     */
    public boolean markPresentIfUnsettled(final EntryKind kind, final Sha256Value hash) {
        return marks.putIfAbsent(kind, hash, PRESENT) == 0;
    }

    /** True if the entry needs no more work in this chum: offered, present at the importer, or not offerable. */
    public boolean isSettled(final EntryKind kind, final Sha256Value hash) {
        return marks.get(kind, hash) != 0;
    }

    /** How many entries were skipped because they are forbidden, unreadable or depend on such an entry. */
    public long skipped() {
        return skipped;
    }

    /**
     * The entries {@code kind}/{@code hash} references directly, as nodes to probe (BLOBs and CLOBs included).
     * Empty for a BLOB, CLOB or an entry that cannot be read.
     */
    public List<Root> children(final EntryKind kind, final Sha256Value hash) {
        final List<Root> out = new ArrayList<>();
        if (kind != EntryKind.OBJECT && kind != EntryKind.ID_OBJECT) {
            return out;
        }
        final byte[] md;
        try {
            md = read(kind, hash);
        } catch (final ChumException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return out;
        }
        Microdata.forEachReference(md, (refKind, target) -> {
            switch (refKind) {
                case OBJ -> out.add(Root.object(target));
                case ID -> out.add(Root.id((IdHash) target));
                case BLOB, CLOB -> out.add(new Root(EntryKind.BLOB, target));
            }
        });
        return out;
    }

    /**
     * Walks the closure of {@code root} and hands every entry not yet settled to {@code sink}, each after
     * everything it references. Returns false if the root itself cannot be offered.
     *
     * @throws ChumException for a store failure other than a missing entry (I/O, corruption)
     */
    public boolean walk(final Root root, final Consumer<ClosureEntry> sink) {
        final int rootMark = marks.get(root.kind(), root.hash());
        if (rootMark != 0) {
            return rootMark != UNAVAILABLE;
        }
        final ArrayDeque<Frame> stack = new ArrayDeque<>();
        final Frame first = open(root.kind(), root.hash(), null);
        if (first == null) {
            return false;
        }
        push(stack, first);
        boolean rootOk = true;
        while (!stack.isEmpty()) {
            final Frame top = stack.peek();
            if (top.next < top.references.size()) {
                final Reference r = top.references.get(top.next++);
                final EntryKind kind = kindOf(r);
                final int mark = marks.get(kind, r.target());
                if (mark == OFFERED || mark == PRESENT) {
                    continue;
                }
                if (mark == UNAVAILABLE || onPath.contains(kind, r.target())) {
                    top.failed = true;
                    continue;
                }
                final Frame child = open(kind, r.target(), top);
                if (child == null) {
                    top.failed = true;
                } else if (child.references.isEmpty()) {
                    emit(child, sink);
                } else {
                    push(stack, child);
                }
                continue;
            }
            stack.pop();
            onPath.remove(top.entry.kind(), top.entry.hash());
            if (top.failed) {
                marks.putIfAbsent(top.entry.kind(), top.entry.hash(), UNAVAILABLE);
                skipped++;
                LOG.warn("not offering {} {}: its closure holds an entry that cannot be offered",
                    top.entry.kind(), top.entry.hash());
                if (top.parent != null) {
                    top.parent.failed = true;
                } else {
                    rootOk = false;
                }
            } else {
                emit(top, sink);
            }
        }
        return rootOk;
    }

    private void push(final ArrayDeque<Frame> stack, final Frame frame) {
        onPath.add(frame.entry.kind(), frame.entry.hash());
        stack.push(frame);
    }

    private void emit(final Frame frame, final Consumer<ClosureEntry> sink) {
        marks.put(frame.entry.kind(), frame.entry.hash(), OFFERED);
        sink.accept(frame.entry);
    }

    /** Reads an entry and starts its frame; null (recorded as unavailable) if it cannot be offered. */
    private Frame open(final EntryKind kind, final Sha256Value hash, final Frame parent) {
        final ClosureEntry entry;
        final List<Reference> refs;
        try {
            if (kind == EntryKind.BLOB || kind == EntryKind.CLOB) {
                final BlobWritten info = reader.blobInfo((Hash) hash);
                entry = new ClosureEntry(info.clob() ? EntryKind.CLOB : EntryKind.BLOB, hash, info.size(), null);
                refs = List.of();
            } else {
                final byte[] md = read(kind, hash);
                final String type = Microdata.typeOf(md);
                if (CoreRecipes.NEVER_IMPORTED.contains(type)) {
                    return refuse(kind, hash, "it is a " + type + (kind == EntryKind.ID_OBJECT ? " ID object" : "")
                        + ", and access rights are never offered");
                }
                if (md.length > maxObjectBytes) {
                    return refuse(kind, hash, "its " + md.length + " bytes exceed the object size cap of "
                        + maxObjectBytes);
                }
                entry = new ClosureEntry(kind, hash, md.length, md);
                refs = Microdata.references(md);
            }
        } catch (final ChumException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return refuse(kind, hash, e.getMessage());
        }
        return new Frame(entry, refs, parent);
    }

    private Frame refuse(final EntryKind kind, final Sha256Value hash, final String why) {
        marks.putIfAbsent(kind, hash, UNAVAILABLE);
        skipped++;
        LOG.warn("not offering {} {}: {}", kind, hash, why);
        return null;
    }

    private byte[] read(final EntryKind kind, final Sha256Value hash) {
        return kind == EntryKind.ID_OBJECT ? reader.readIdMicrodata((IdHash) hash) : reader.readMicrodata((Hash) hash);
    }

    private static EntryKind kindOf(final Reference r) {
        return switch (r.kind()) {
            case OBJ -> EntryKind.OBJECT;
            case ID -> EntryKind.ID_OBJECT;
            case BLOB, CLOB -> EntryKind.BLOB;
        };
    }

    /** A node being walked: its entry, its references and how far they are done. */
    private static final class Frame {
        final ClosureEntry entry;
        final List<Reference> references;
        final Frame parent;
        int next;
        boolean failed;

        Frame(final ClosureEntry entry, final List<Reference> references, final Frame parent) {
            this.entry = entry;
            this.references = references;
            this.parent = parent;
        }
    }
}
