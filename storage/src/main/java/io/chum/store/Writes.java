package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.BlobWritten;
import io.chum.log.ChumRecord;
import io.chum.log.HeadChanged;
import io.chum.log.IdObjectWritten;
import io.chum.log.ObjectWritten;
import io.chum.log.Payload;
import io.chum.log.TrustChanged;
import io.chum.microdata.Canonical;
import io.chum.microdata.Microdata;
import io.chum.microdata.MicrodataParser;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;
import io.chum.model.Sha256Value;
import io.chum.projection.ObjectIndex;
import io.chum.projection.Projections;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The write logic of a store. Runs on the writer thread only: it reads the projections, which are current up to
 * the writer's last append, decides, and appends through {@link StoreWriter#append}, which applies each event
 * before returning. Callers have already validated and encoded their input and checked its closure (objects are
 * never removed, so a check made before the task still holds); what depends on the current state (existence,
 * heads, current grant lists) is decided here. Status is {@link StoreStatus#NEW} if the task appended anything.
 */
final class Writes {
    private final StoreWriter writer;
    private final RecipeRegistry registry;
    private final MicrodataParser parser;
    private final LongSupplier clock;
    private final Projections projections;
    private final ObjectIndex index;
    private final RecipeObjects recipeObjects;

    Writes(final StoreWriter writer, final RecipeRegistry registry, final LongSupplier clock) {
        this.writer = writer;
        this.registry = registry;
        this.parser = new MicrodataParser(registry);
        this.clock = clock;
        this.projections = writer.projections();
        this.index = projections.index();
        this.recipeObjects = new RecipeObjects(registry, index, projections.types(), writer.reader());
    }

    // ---- objects ----

    StoreResult storeObject(final Canonical.Encoded enc, final long origin) {
        requireRegistrable(enc, false);
        final long before = writer.appendCount();
        storeObject(enc.hash(), enc.type(), () -> Payload.of(enc.microdata()), origin);
        return new StoreResult(enc.hash(), null, status(before), null);
    }

    /**
     * A new Recipe object must describe a recipe that can be registered, and a stored one may become the current
     * version again ({@code movesHead}) only if its recipe is the registered one: see {@link RecipeObjects}.
     */
    private void requireRegistrable(final Canonical.Encoded enc, final boolean movesHead) {
        if (!RecipeObjects.isRecipe(enc.type())) {
            return;
        }
        if (!index.containsObject(enc.hash())) {
            recipeObjects.check(enc.microdata(), List.of(), registry);
        } else if (movesHead) {
            recipeObjects.requireRegistered(enc.microdata(), enc.hash());
        }
    }

    /** Appends the object unless it is stored; {@code payload} is asked for its bytes only then. */
    private void storeObject(final Hash hash, final String type, final Supplier<Payload> payload, final long origin) {
        if (!index.containsObject(hash)) {
            writer.append(new ObjectWritten(-1, 0, origin, hash, type, payload.get()));
        }
    }

    StoreResult storeIdObject(final String type, final byte[] idMicrodata, final IdHash idHash, final long origin) {
        final long before = writer.appendCount();
        if (!index.containsIdObject(idHash)) {
            writer.append(new IdObjectWritten(idHash, type, idMicrodata).withOrigin(origin));
        }
        return new StoreResult(null, idHash, status(before), null);
    }

    /**
     * ONE's storeVersionedObject: nothing if the current version already is this object; else the ID object (if
     * new), the object (if new) and, for CHANGE and MERGE, a version node and the head move by the merge rule.
     */
    StoreResult storeVersioned(final Canonical.Encoded enc, final StoreAs as, final long origin) {
        requireRegistrable(enc, as != StoreAs.NO_VERSION_MAP);
        return storeVersioned(enc.type(), enc.hash(), enc.idMicrodata(), enc.idHash(),
            () -> Payload.of(enc.microdata()), as, origin);
    }

    /**
     * {@link #storeVersioned(Canonical.Encoded, StoreAs, long)} for an object whose microdata was streamed as chunks
     * by {@code upload} (sealed): the object record references them (or holds the bytes, if the upload kept them
     * inline). If the object turns out to be stored already, the chunks stay in the log unreferenced, as those of an
     * aborted BLOB upload.
     */
    StoreResult storeVersionedStreamed(final Canonical.StreamedEncoding enc, final BlobWriter upload,
                                       final StoreAs as) {
        if (RecipeObjects.isRecipe(enc.type())) {
            throw new ChumException(ErrorCode.BAD_RECIPE, "a Recipe object cannot be streamed");
        }
        return storeVersioned(enc.type(), enc.hash(), enc.idMicrodata(), enc.idHash(),
            () -> upload.session().finish(), as, 0);
    }

    private StoreResult storeVersioned(final String type, final Hash hash, final byte[] idMicrodata, final IdHash id,
                                       final Supplier<Payload> payload, final StoreAs as, final long origin) {
        final Optional<VersionHead> current = projections.heads().current(id);
        if (current.isPresent() && current.get().data().equals(hash)) {
            return new StoreResult(hash, id, StoreStatus.EXISTS,
                as == StoreAs.NO_VERSION_MAP ? null : current.get().node());
        }
        final long before = writer.appendCount();
        storeIdObject(type, idMicrodata, id, origin);
        storeObject(hash, type, payload, origin);
        if (as == StoreAs.NO_VERSION_MAP) {
            return new StoreResult(hash, id, status(before), null);
        }
        final List<VersionHead> heads = projections.heads().heads(id);
        final long creationTime = creationTimeAfter(heads);
        final OneObject node = as == StoreAs.CHANGE && !heads.isEmpty()
            ? VersionNode.change(VersionHead.winner(heads), hash, creationTime)
            : VersionNode.edge(hash, creationTime);
        final VersionGraph graph = graph();
        final long beforeNode = writer.appendCount();
        final VersionNode candidate = storeNode(node, origin);
        graph.remember(candidate);
        final VersionHead head = advance(graph, id, heads, candidate.asHead(), status(beforeNode) == StoreStatus.NEW,
            origin);
        return new StoreResult(hash, id, status(before), head.node());
    }

    /**
     * Moves or merges the heads of the ID of {@code node}'s data to include {@code node} (after an import of a
     * version history). The result names the current version afterwards.
     */
    StoreResult adopt(final Hash nodeHash, final long origin) {
        final VersionGraph graph = graph();
        final VersionNode node = graph.node(nodeHash);
        final byte[] data = writer.reader().readMicrodata(node.data());
        final String type = Microdata.typeOf(data);
        final Recipe recipe = registry.recipe(type);
        if (!recipe.isVersioned()) {
            throw new ChumException(ErrorCode.NOT_VERSIONED, "version node " + nodeHash + " names data "
                + node.data() + " of the unversioned type " + type);
        }
        final byte[] idMicrodata = Microdata.extractIdMicrodata(data, recipe);
        final IdHash id = Sha256.idHash(idMicrodata);
        final long before = writer.appendCount();
        storeIdObject(type, idMicrodata, id, origin);
        final VersionHead head = advance(graph, id, projections.heads().heads(id), node.asHead(), false, origin);
        return new StoreResult(head.data(), id, status(before), head.node());
    }

    /** Applies the merge rule ({@link VersionGraph}) and appends the head change; returns the new current head. */
    private VersionHead advance(final VersionGraph graph, final IdHash id, final List<VersionHead> heads,
                                final VersionHead candidate, final boolean candidateIsNew, final long origin) {
        final VersionGraph.Update update = graph.advance(heads, candidate, candidateIsNew);
        final VersionHead head = switch (update.kind()) {
            case NONE -> VersionHead.winner(heads);
            case FAST_FORWARD -> update.head();
            case MERGE -> storeNode(VersionNode.merge(update.parents()), origin).asHead();
        };
        if (update.kind() != VersionGraph.Update.Kind.NONE) {
            final List<Hash> replaced = new ArrayList<>(heads.size());
            for (final VersionHead h : heads) {
                replaced.add(h.node());
            }
            writer.append(new HeadChanged(id, head.node(), head.data(), head.depth(), head.creationTime(), replaced)
                .withOrigin(origin));
        }
        return head;
    }

    /** Stores a version node object (if new). */
    private VersionNode storeNode(final OneObject node, final long origin) {
        final Canonical.Encoded enc = Canonical.encode(node, registry);
        storeObject(enc, origin);
        return VersionNode.of(enc.hash(), node);
    }

    /** Now, but 1 ms past the newest head: a local write always wins over the versions it saw. */
    private long creationTimeAfter(final List<VersionHead> heads) {
        long t = clock.getAsLong();
        for (final VersionHead h : heads) {
            t = Math.max(t, h.creationTime() + 1);
        }
        return t;
    }

    private VersionGraph graph() {
        return new VersionGraph(writer.reader(), parser);
    }

    // ---- access ----

    /** ONE's createAccess for one request: a new Access/IdAccess version, or nothing if the lists do not change. */
    StoreResult createAccess(final AccessRequest request) {
        final boolean forObject = request.object() != null;
        final String type = forObject ? CoreRecipes.ACCESS : CoreRecipes.ID_ACCESS;
        final String targetProperty = forObject ? "object" : "id";
        final Sha256Value target = forObject ? request.object() : request.id();
        requireGrantReferences(type, target, request);
        final IdHash accessId = Canonical.idHashOf(OneObject.of(type, Map.of(targetProperty, target)), registry);
        final Set<IdHash> persons = new LinkedHashSet<>();
        final Set<IdHash> groups = new LinkedHashSet<>();
        if (request.mode() == AccessMode.ADD) {
            projections.heads().current(accessId).ifPresent(h -> {
                final OneObject current = parser.parse(writer.reader().readMicrodata(h.data()));
                current.getList("person").forEach(p -> persons.add((IdHash) p));
                current.getList("group").forEach(g -> groups.add((IdHash) g));
            });
        }
        persons.addAll(request.persons());
        groups.addAll(request.groups());
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put(targetProperty, target);
        values.put("person", new ArrayList<Object>(persons));
        values.put("group", new ArrayList<Object>(groups));
        return storeVersioned(Canonical.encode(OneObject.of(type, values), registry), StoreAs.CHANGE, 0);
    }

    private void requireGrantReferences(final String type, final Sha256Value target, final AccessRequest request) {
        final boolean present = target instanceof IdHash id ? index.containsIdObject(id)
            : index.containsObject((Hash) target);
        if (!present) {
            throw new ChumException(ErrorCode.MISSING_REFERENCE, type + " for " + target + ": the "
                + (target instanceof IdHash ? "ID object" : "object") + " is not in the store"
                + whatTheHashIs(target));
        }
        for (final IdHash p : request.persons()) {
            requireIdObjectOf(CoreRecipes.PERSON, p, type + " for " + target + ": person ");
        }
        for (final IdHash g : request.groups()) {
            requireIdObjectOf(CoreRecipes.GROUP, g, type + " for " + target + ": group ");
        }
    }

    /** A grant's person or group: an ID object of that type, as the Access and IdAccess recipes allow. */
    private void requireIdObjectOf(final String type, final IdHash id, final String what) {
        final int e = index.findObject(id);
        if (e < 0 || index.kind(e) != ObjectIndex.KIND_ID_OBJECT) {
            throw new ChumException(ErrorCode.MISSING_REFERENCE, what + id + " has no ID object in the store");
        }
        final String stored = projections.types().name(index.typeId(e));
        if (!type.equals(stored)) {
            throw new ChumException(ErrorCode.WRONG_TYPE, what + id + " is the ID of a " + stored + ", not of a "
                + type);
        }
    }

    /**
     * What a grant's target names instead, when it is not what the grant needs: the easy mistakes are an object's
     * hash given as an ID hash or the other way round, and a BLOB or CLOB, which ONE grants only through an object
     * that references it.
     */
    private String whatTheHashIs(final Sha256Value target) {
        final int object = index.findObject(target);
        if (object >= 0 && target instanceof IdHash) {
            return ", but an object with this hash is: grant it as an object (an Access)";
        }
        if (object >= 0) {
            return ", but an ID object with this hash is: grant it as an ID (an IdAccess)";
        }
        if (index.findBlob(target) >= 0) {
            return ", but a BLOB or CLOB with this hash is: ONE grants a BLOB or CLOB through an object that"
                + " references it (a BlobAttachment, say), so grant that object";
        }
        return "";
    }

    // ---- import ----

    /**
     * The order to append {@code entries} in (indexes into it): as given, but with the batch's new Recipe objects in an
     * order they register in, so that one inheriting from another comes after it. Each is checked against the store,
     * the batch's objects and the Recipe objects before it ({@link RecipeObjects}); {@code CS-RECIPE} names the first
     * that cannot register in any order.
     */
    private int[] appendOrder(final List<VerifiedEntry> entries) {
        final int[] order = new int[entries.size()];
        final List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            final VerifiedEntry e = entries.get(i);
            if (!e.isIdObject() && !e.isBlob() && RecipeObjects.isRecipe(e.type())
                && !index.containsObject((Hash) e.hash())) {
                pending.add(i);
            }
        }
        if (pending.isEmpty()) {
            return order;
        }
        final List<byte[]> objects = new ArrayList<>(entries.size());
        for (final VerifiedEntry o : entries) {
            if (!o.isIdObject() && !o.isBlob()) {
                objects.add(o.microdataNoCopy());
            }
        }
        final List<Integer> slots = List.copyOf(pending);
        final List<Integer> registered = new ArrayList<>();
        RecipeRegistry recipes = registry;
        while (!pending.isEmpty()) {
            final int before = pending.size();
            ChumException first = null;
            for (final Iterator<Integer> it = pending.iterator(); it.hasNext(); ) {
                final int i = it.next();
                try {
                    recipes = recipes.with(recipeObjects.check(entries.get(i).microdataNoCopy(), objects, recipes));
                    registered.add(i);
                    it.remove();
                } catch (final ChumException e) {
                    if (e.errorCode() != ErrorCode.BAD_RECIPE) {
                        throw e;
                    }
                    first = first == null ? e : first;
                }
            }
            if (pending.size() == before) {
                throw first;
            }
        }
        for (int k = 0; k < slots.size(); k++) {
            order[slots.get(k)] = registered.get(k);
        }
        return order;
    }

    /**
     * Appends every entry that is not stored yet (for a versioned object its ID object first, if missing; a BLOB's
     * chunks, then its commit record), in the given order but for the Recipe objects ({@link #appendOrder}). The last
     * chunks of streamed uploads are appended first, so a failed upload fails the batch before anything of it is
     * visible.
     */
    ImportResult importBatch(final List<VerifiedEntry> entries, final long origin) {
        final Payload[] uploads = new Payload[entries.size()];
        for (int i = 0; i < uploads.length; i++) {
            final BlobWriter upload = entries.get(i).upload();
            if (upload != null) {
                uploads[i] = upload.session().finish();
            }
        }
        final int[] order = appendOrder(entries);
        final StoreStatus[] statuses = new StoreStatus[entries.size()];
        int stored = 0;
        for (final int i : order) {
            final VerifiedEntry e = entries.get(i);
            final long before = writer.appendCount();
            if (e.isIdObject()) {
                storeIdObject(e.type(), e.microdataNoCopy(), e.idHash(), origin);
            } else if (e.isBlob()) {
                importBlob(e, uploads[i], origin);
            } else if (!index.containsObject((Hash) e.hash())) {
                if (e.idHash() != null) {
                    storeIdObject(e.type(), e.idMicrodataNoCopy(), e.idHash(), origin);
                }
                writer.append(new ObjectWritten((Hash) e.hash(), e.type(), e.microdataNoCopy()).withOrigin(origin));
            }
            final StoreStatus s = status(before);
            statuses[i] = s;
            if (s == StoreStatus.NEW) {
                stored++;
            }
        }
        return new ImportResult(stored, entries.size() - stored, List.of(statuses));
    }

    private void importBlob(final VerifiedEntry e, final Payload uploaded, final long origin) {
        final Hash hash = (Hash) e.hash();
        if (index.containsBlob(hash)) {
            return;
        }
        // bytes that came with the batch: the log keeps them inline if small enough, else writes them as chunks
        final Payload content = uploaded != null ? uploaded : Payload.of(e.microdataNoCopy());
        writer.append(new BlobWritten(hash, e.kind() == StoredKind.CLOB, e.size(), content).withOrigin(origin));
    }

    // ---- BLOBs ----

    /** Appends one chunk of an upload (unless it was aborted or failed before). */
    Void writeChunk(final BlobSession session, final byte[] bytes, final int length) {
        session.write(writer, bytes, length);
        return null;
    }

    /** Ends an upload: the commit record makes the BLOB visible, unless it is stored already. */
    BlobResult commitBlob(final BlobSession session, final Hash hash, final long size) {
        final Payload content = session.finish();
        if (index.containsBlob(hash)) {
            return new BlobResult(hash, session.clob(), size, StoreStatus.EXISTS);
        }
        writer.append(new BlobWritten(hash, session.clob(), size, content).withOrigin(session.origin()));
        return new BlobResult(hash, session.clob(), size, StoreStatus.NEW);
    }

    // ---- other events ----

    /**
     * Appends a trust decision. A key proves one person, so it is trusted for another only after it is revoked for
     * the first, and revoked only for the person it is trusted for: otherwise {@code CS-TRUST-CONFLICT}, since the
     * last decision about a key wins and a mistyped email would silently take the key from its person.
     */
    long trust(final String email, final IdHash person, final byte[] key, final boolean revoked) {
        final Optional<TrustEntry> current = projections.trust().trustedKey(key);
        final String hex = HexFormat.of().formatHex(key);
        if (!revoked && current.isPresent() && !current.get().person().equals(person)) {
            throw new ChumException(ErrorCode.TRUST_CONFLICT, "key " + hex + " is trusted for "
                + current.get().email() + " (" + current.get().person() + "); revoke it for that person before "
                + "trusting it for " + email);
        }
        if (revoked && (current.isEmpty() || !current.get().person().equals(person))) {
            throw new ChumException(ErrorCode.TRUST_CONFLICT, "key " + hex + " is not trusted for " + email
                + current.map(c -> "; it is trusted for " + c.email() + " (" + c.person() + ")").orElse(""));
        }
        return writer.append(new TrustChanged(email, person, key, revoked));
    }

    long chumRecord(final int type, final byte[] body, final long origin) {
        return writer.append(new ChumRecord(type, body).withOrigin(origin));
    }

    Void checkpoint() {
        writer.checkpoint();
        return null;
    }

    private StoreStatus status(final long appendCountBefore) {
        return writer.appendCount() > appendCountBefore ? StoreStatus.NEW : StoreStatus.EXISTS;
    }
}
