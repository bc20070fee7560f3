package io.chum.projection;

import io.chum.ChumException;
import io.chum.log.BlobWritten;
import io.chum.log.ChumRecord;
import io.chum.log.HeadChanged;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.ObjectWritten;
import io.chum.log.TrustChanged;
import io.chum.microdata.Microdata;
import io.chum.microdata.MicrodataParser;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;
import io.chum.model.Sha256Value;
import io.chum.store.ChumRecordRef;
import io.chum.store.TrustEntry;
import io.chum.store.VersionHead;
import org.agrona.ErrorHandler;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Every projection of a store's log, and the one place where log events change them ({@link #apply}).
 *
 * <p>Projections: the {@link ObjectIndex} (with its {@link TypeNames}), the {@link VersionHeads}, the
 * {@link ReverseMaps}, the Access/IdAccess/Group objects behind the {@link AccessIndex}, the application
 * recipes (registered into the store's {@link RecipeRegistry}), the {@link TrustTable}, the
 * {@link ChumRecordIndex} and the {@link HeadChangeIndex}. {@link #position()} is the log position after the last
 * event applied.
 *
 * <p>Threading: exactly one thread, the store's writer, calls {@link #apply}, {@link #advanceTo} and writes
 * checkpoints; any number of threads read concurrently through the getters. Each projection states how it makes
 * that safe (lock-free publication, concurrent maps of immutable values, a monitor). Readers see every
 * projection move forward in log order; a read that spans two projections may see one of them a few events
 * ahead of the other.
 */
public final class Projections {
    private final RecipeRegistry registry;
    private final MicrodataParser parser;
    private final ErrorHandler errorHandler;
    private final TypeNames types;
    private final ObjectIndex index;
    private final VersionHeads heads;
    private final ReverseMaps reverseMaps;
    private final GrantObjects grants;
    private final AccessIndex access;
    private final TrustTable trust;
    private final ChumRecordIndex chumRecords;
    private final HeadChangeIndex headChanges;
    private final RegisteredRecipes recipes;
    private volatile long position;
    /** Writer thread only, below. */
    private long lastEventIndex = -1;
    private long lastFingerprint;
    private long eventsApplied;

    Projections(final RecipeRegistry registry, final ErrorHandler errorHandler, final TypeNames types,
                final ObjectIndex index, final VersionHeads heads, final ReverseMaps reverseMaps,
                final GrantObjects grants, final TrustTable trust, final ChumRecordIndex chumRecords,
                final HeadChangeIndex headChanges) {
        this.registry = registry;
        this.parser = new MicrodataParser(registry);
        this.errorHandler = errorHandler;
        this.types = types;
        this.index = index;
        this.heads = heads;
        this.reverseMaps = reverseMaps;
        this.grants = grants;
        this.access = new AccessIndex(reverseMaps, grants, heads);
        this.trust = trust;
        this.chumRecords = chumRecords;
        this.headChanges = headChanges;
        this.recipes = new RegisteredRecipes(registry);
    }

    /**
     * Empty projections of an empty log.
     *
     * @param registry     the store's registry; Recipe objects register into it
     * @param errorHandler receives events that cannot be projected fully (e.g. a Recipe object whose recipe
     *                     does not register); the event still counts as stored
     */
    public static Projections empty(final RecipeRegistry registry, final ErrorHandler errorHandler) {
        return new Projections(registry, errorHandler, new TypeNames(), new ObjectIndex(), new VersionHeads(),
            new ReverseMaps(), new GrantObjects(), new TrustTable(), new ChumRecordIndex(), new HeadChangeIndex());
    }

    // ---- applying events (writer thread) ----

    /** Applies one event read from the log. Writer thread only; events in log order. */
    public void apply(final LogEvent event) {
        if (event instanceof ObjectWritten o) {
            applyObject(o);
        } else if (event instanceof IdObjectWritten o) {
            applyIdObject(o);
        } else if (event instanceof BlobWritten b) {
            index.add(b.hash(), b.clob() ? ObjectIndex.KIND_CLOB : ObjectIndex.KIND_BLOB, 0, b.index());
        } else if (event instanceof HeadChanged h) {
            heads.apply(h);
            headChanges.add(h.index());
        } else if (event instanceof ChumRecord c) {
            chumRecords.add(c);
        } else if (event instanceof TrustChanged t) {
            trust.apply(t);
        }
        lastEventIndex = event.index();
        lastFingerprint = fingerprint(event);
        eventsApplied++;
    }

    /** Records that every event before {@code logPosition} has been applied. Writer thread only. */
    public void advanceTo(final long logPosition) {
        position = logPosition;
    }

    private void applyObject(final ObjectWritten o) {
        final String type = o.type();
        if (!index.add(o.hash(), ObjectIndex.KIND_OBJECT, types.idOf(type), o.index())) {
            return;
        }
        final boolean mapped = ReverseMaps.OBJECT_TYPES.contains(type);
        if (!mapped && !CoreRecipes.RECIPE.equals(type)) {
            return;
        }
        try {
            final byte[] md = o.microdata();
            if (mapped) {
                Microdata.forEachReference(md, (kind, target) -> reverseMaps.addObject(target, type, o.hash()));
            }
            if (GrantObjects.TYPES.contains(type)) {
                grants.add(o.hash(), grantOf(type, md));
            } else if (CoreRecipes.RECIPE.equals(type)) {
                recipes.register(parser.parse(md));
            }
        } catch (final ChumException e) {
            errorHandler.onError(new ChumException(e.errorCode(), type + " object " + o.hash() + " at log index 0x"
                + Long.toHexString(o.index()) + " was stored but not projected: " + e.reason(), e));
        }
    }

    private GrantObjects.Grant grantOf(final String type, final byte[] md) {
        final OneObject obj = parser.parse(md);
        final IdHash id = Sha256.idHash(Microdata.extractIdMicrodata(md, registry.recipe(type)));
        final Sha256Value target = switch (type) {
            case CoreRecipes.ACCESS -> (Hash) obj.get("object");
            case CoreRecipes.ID_ACCESS -> (IdHash) obj.get("id");
            default -> null;
        };
        return new GrantObjects.Grant(type, id, target);
    }

    private void applyIdObject(final IdObjectWritten o) {
        final String type = o.type();
        if (!index.add(o.idHash(), ObjectIndex.KIND_ID_OBJECT, types.idOf(type), o.index())
            || !ReverseMaps.ID_OBJECT_TYPES.contains(type)) {
            return;
        }
        try {
            Microdata.forEachReference(o.idMicrodata(),
                (kind, target) -> reverseMaps.addIdObject(target, type, o.idHash()));
        } catch (final ChumException e) {
            errorHandler.onError(new ChumException(e.errorCode(), type + " ID object " + o.idHash()
                + " at log index 0x" + Long.toHexString(o.index()) + " was stored but not projected: "
                + e.reason(), e));
        }
    }

    /**
     * A 64-bit fingerprint of an event (kind, time, origin and its key), stored in checkpoints to recognise the
     * record they end at: a replaced or truncated log no longer matches.
     */
    static long fingerprint(final LogEvent e) {
        final Sha256Value key;
        long extra = 0;
        if (e instanceof ObjectWritten o) {
            key = o.hash();
            extra = 1;
        } else if (e instanceof IdObjectWritten o) {
            key = o.idHash();
            extra = 2;
        } else if (e instanceof BlobWritten b) {
            key = b.hash();
            extra = 3 + b.size();
        } else if (e instanceof HeadChanged h) {
            key = h.node();
            extra = 4 + h.replaces().size();
        } else if (e instanceof ChumRecord c) {
            key = null;
            extra = 5L + c.recordType() * 31L + c.payload().length();
        } else {
            key = ((TrustChanged) e).person();
            extra = 6;
        }
        long h = mix(e.timestamp() ^ mix(e.origin() + extra));
        if (key != null) {
            for (int i = 0; i < 4; i++) {
                h = mix(h ^ key.word(i));
            }
        }
        return h;
    }

    private static long mix(final long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ (h >>> 32);
    }

    // ---- reading (any thread) ----

    /** The log position after the last event applied (a valid tailer start). */
    public long position() {
        return position;
    }

    /** The object index. */
    public ObjectIndex index() {
        return index;
    }

    /** Type names of the object index. */
    public TypeNames types() {
        return types;
    }

    /** Version heads. */
    public VersionHeads heads() {
        return heads;
    }

    /** Reverse maps. */
    public ReverseMaps reverseMaps() {
        return reverseMaps;
    }

    /** The access index. */
    public AccessIndex access() {
        return access;
    }

    /** Trust decisions. */
    public TrustTable trust() {
        return trust;
    }

    /** Chum records. */
    public ChumRecordIndex chumRecords() {
        return chumRecords;
    }

    /** The log indexes of the version head changes. */
    public HeadChangeIndex headChanges() {
        return headChanges;
    }

    /** The registry that Recipe objects register into. */
    public RecipeRegistry registry() {
        return registry;
    }

    /** Events applied since these projections were created or loaded. Writer thread only. */
    public long eventsApplied() {
        return eventsApplied;
    }

    /** Index of the last event applied, -1 if none. Writer thread only. */
    long lastEventIndex() {
        return lastEventIndex;
    }

    long lastFingerprint() {
        return lastFingerprint;
    }

    void restoreLastEvent(final long index, final long fingerprint) {
        this.lastEventIndex = index;
        this.lastFingerprint = fingerprint;
    }

    GrantObjects grants() {
        return grants;
    }

    RegisteredRecipes recipes() {
        return recipes;
    }

    /**
     * A canonical text dump of every projection (objects in log order, everything else sorted), for tests that
     * compare projections built live with projections rebuilt by replay, and for debugging. Writer thread or
     * a quiet store.
     */
    public String dump() {
        final StringBuilder sb = new StringBuilder();
        sb.append("objects ").append(index.size()).append('\n');
        for (int e = 0; e < index.size(); e++) {
            sb.append(index.key(e)).append(' ').append(index.kind(e)).append(' ')
                .append(types.name(index.typeId(e))).append(" @").append(Long.toHexString(index.logIndex(e)))
                .append('\n');
        }
        sb.append("heads\n");
        for (final Map.Entry<IdHash, List<VersionHead>> e : heads.snapshot().entrySet()) {
            sb.append(e.getKey()).append(" -> ").append(e.getValue()).append('\n');
        }
        sb.append("reverse maps\n");
        for (final Map.Entry<ReverseMaps.Key, SortedSet<Hash>> e : reverseMaps.objectSnapshot().entrySet()) {
            sb.append(e.getKey()).append(" -> ").append(e.getValue()).append('\n');
        }
        for (final Map.Entry<ReverseMaps.Key, SortedSet<IdHash>> e : reverseMaps.idObjectSnapshot().entrySet()) {
            sb.append("id ").append(e.getKey()).append(" -> ").append(e.getValue()).append('\n');
        }
        sb.append("grant objects\n");
        for (final Map.Entry<Hash, GrantObjects.Grant> e : grants.snapshot().entrySet()) {
            sb.append(e.getKey()).append(" -> ").append(e.getValue()).append('\n');
        }
        sb.append("recipes\n");
        for (final String json : recipes.declared()) {
            sb.append(json).append('\n');
        }
        sb.append("trust\n");
        for (final TrustEntry t : trust.history()) {
            sb.append(t).append('\n');
        }
        sb.append("chum records\n");
        for (final ChumRecordRef r : chumRecords.all()) {
            sb.append(r).append('\n');
        }
        sb.append("head changes\n");
        for (final long i : headChanges.between(Long.MIN_VALUE, Long.MAX_VALUE)) {
            sb.append(Long.toHexString(i)).append('\n');
        }
        return sb.toString();
    }
}
