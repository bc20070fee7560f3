package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.BlobWritten;
import io.chum.log.ChumRecord;
import io.chum.log.EventLog;
import io.chum.log.HeadChanged;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.log.TrustChanged;
import io.chum.microdata.Canonical;
import io.chum.microdata.Microdata;
import io.chum.microdata.MicrodataParser;
import io.chum.microdata.MicrodataWriter;
import io.chum.microdata.StreamedObject;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.HashList;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.model.OneObjects;
import io.chum.model.Recipe;
import io.chum.model.RecipeJson;
import io.chum.model.RecipeRegistry;
import io.chum.model.Sha256;
import io.chum.model.Sha256Value;
import io.chum.projection.ObjectIndex;
import io.chum.projection.Projections;
import net.openhft.chronicle.queue.RollCycle;
import org.agrona.ErrorHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A ONE object store on an event log: every write is an event appended to a Chronicle Queue, and everything
 * else (object index, version heads, reverse maps, access index, recipes, trust, chum-record index) is a
 * projection of that log, checkpointed so that opening replays only the tail. Layout and formats:
 * {@code docs/storage-format.md}.
 *
 * <p><b>Threading.</b> All methods are thread-safe. Writes are handed to the store's single writer thread
 * ({@code chum-store-writer}) and return once their events are in the log and applied to
 * the projections (and, with group commit, forced to disk with the rest of their batch): a thread reads its own
 * writes. Validation, encoding, hashing and closure checks run on the calling thread, so the writer thread only
 * decides and appends. Reads run on the calling thread against the projections, which the writer thread updates
 * while readers read (each projection says how); reading an object from the log borrows a {@link StoreReader}
 * from a small pool for the call ({@link #newReader()} gives heavy readers their own). The same store may be open in
 * several processes at once: each process's writer thread tails the log and applies the other processes' events
 * within about a millisecond while a thread watches appends ({@link #watchAppends}, a keepRunning chum), within
 * about {@link StoreConfig#quietIdlePark()} otherwise, and at once for {@link #awaitProjected}.
 *
 * <p><b>Closure.</b> A write whose object references a missing object, ID object, BLOB or CLOB is refused with
 * {@code CS-MISSING-REF} before anything is appended; the only exception is a versioned object's ID reference to
 * its own ID. Any prefix of the log is therefore a closed store, which is what makes a crash at any point safe.
 *
 * <p><b>Versions and the merge rule.</b> A new version node (from {@link #storeVersionedObject}) or an imported
 * one ({@link #adoptVersion}) joins the heads H of its ID as follows: if it is a head or an ancestor of one,
 * nothing changes; if every head is its ancestor, it becomes the only head (fast-forward); otherwise a
 * {@code VersionNodeMerge} of it and the heads that are not its ancestors (minus any that is an ancestor of
 * another) becomes the only head, with the data of the greatest of them by {@link VersionHead#ORDER} (last writer
 * wins, because ONE's CRDT merge is unknown), their greatest depth + 1 and their greatest creation time. The rule
 * depends only on the nodes, so stores holding the same heads compute the same merge node and converge. An ID
 * with several heads (two processes wrote it at once) has as current version the greatest head by
 * {@link VersionHead#ORDER}; its next write merges them.
 *
 * <p>Errors are {@link ChumException}s; those of the log ({@code CS-DISK-FULL}, {@code CS-IO}) reach the caller of
 * the write that met them, and the store stays consistent. After {@link #close()} every method fails with
 * {@code CS-CLOSED}.
 */
public final class OneStore implements AutoCloseable {
    /** How often {@link #awaitProjected} wakes the writer again while it waits (a wake-up may meet a busy writer). */
    private static final long WAKE_INTERVAL_NANOS = 1_000_000;

    private final StoreDirectory dir;
    private final StoreConfig config;
    private final EventLog log;
    private final RecipeRegistry registry;
    private final MicrodataParser parser;
    private final StoreWriter writer;
    private final Projections projections;
    private final ObjectIndex index;
    private final ReaderPool readers;
    private final Set<LogSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private OneStore(final StoreDirectory dir, final StoreConfig config, final EventLog log) {
        this.dir = dir;
        this.config = config;
        this.log = log;
        this.registry = RecipeRegistry.withCoreRecipes();
        this.parser = new MicrodataParser(registry);
        this.writer = new StoreWriter(log, dir, config, registry);
        this.projections = writer.start();
        this.index = projections.index();
        this.readers = new ReaderPool(log, index);
    }

    /**
     * Creates a new store in {@code dir} (created if needed) and opens it.
     *
     * @throws ChumException STORE_STATE if a store exists there, IO
     */
    public static OneStore create(final Path dir, final StoreConfig config) {
        return start(StoreDirectory.create(dir), config);
    }

    /**
     * Opens the store in {@code dir}: loads the checkpoint (if usable) and replays the log after it.
     *
     * @throws ChumException STORE_STATE if there is no store, STORE_FORMAT if it has another format version,
     *                       CORRUPT_RECORD if a record in the middle of the log is damaged, IO
     */
    public static OneStore open(final Path dir, final StoreConfig config) {
        return start(StoreDirectory.open(dir), config);
    }

    /** True if {@code dir} holds a store. */
    public static boolean isStore(final Path dir) {
        return StoreDirectory.isStore(dir);
    }

    private static OneStore start(final StoreDirectory dir, final StoreConfig config) {
        Objects.requireNonNull(config, "config");
        final EventLog log = EventLog.open(dir.log(), config.log());
        try {
            return new OneStore(dir, config, log);
        } catch (final RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** The store directory. */
    public Path directory() {
        return dir.root();
    }

    /** The owner-only directory for the instance's private keys. */
    public Path privateDirectory() {
        return dir.privateDir();
    }

    /**
     * The owner-only directory for the private keys of the store in {@code dir}, without opening the store: so that,
     * e.g., a TLS connection can be set up while the store opens. Whether it exists is not checked.
     */
    public static Path privateDirectoryOf(final Path dir) {
        return StoreDirectory.privateDirOf(dir);
    }

    /** The settings the store was opened with. */
    public StoreConfig config() {
        return config;
    }

    /** The recipes of this store: the core ones and every application recipe registered in its log. */
    public RecipeRegistry recipes() {
        return registry;
    }

    // ---- writes ----

    /**
     * Stores an unversioned object. An object of a versioned type is stored as with
     * {@link StoreAs#NO_VERSION_MAP}.
     *
     * @throws ChumException the validation codes of {@link OneObjects#validate}, MISSING_REFERENCE, BAD_RECIPE for a
     *                       Recipe object that may not register (storage-format.md §14), DISK_FULL, IO
     */
    public StoreResult storeObject(final OneObject obj) {
        return storeObject(obj, true);
    }

    /**
     * {@link #storeObject(OneObject)}, forced to disk before it returns only if {@code force}. Otherwise the write is
     * visible at once and durable with the next force (any forced write, {@link #force()} or {@link #close()}): a
     * bulk load forces once per many objects, as {@link #importBatch(List, long, boolean)} does per many batches.
     */
    public StoreResult storeObject(final OneObject obj, final boolean force) {
        final Canonical.Encoded enc = Canonical.encode(obj, registry);
        if (enc.isVersioned()) {
            return storeVersioned(enc, StoreAs.NO_VERSION_MAP, force);
        }
        Closure.require(index, enc.hash(), enc.type(), Microdata.references(enc.microdata()), null);
        return writer.call(w -> w.storeObject(enc, 0), force);
    }

    /**
     * Stores a version of a versioned object (ONE's {@code storeVersionedObject}). If the current version already
     * is this object, nothing is written ({@link StoreStatus#EXISTS}). Otherwise the ID object (if new) and the
     * object (if new) are written, and:
     * <ul>
     *   <li>{@link StoreAs#CHANGE}: a {@code VersionNodeChange{prev: current head, depth + 1}} (a
     *       {@code VersionNodeEdge} if there is no head) becomes the head;</li>
     *   <li>{@link StoreAs#MERGE}: a {@code VersionNodeEdge} (depth 0) is merged with the heads by the merge rule
     *       (class comment): a fast-forward, or a {@code VersionNodeMerge} whose data is the last writer's;</li>
     *   <li>{@link StoreAs#NO_VERSION_MAP}: nothing more.</li>
     * </ul>
     * A new node's creation time is now, raised to 1 ms past the newest head, so a local write always becomes the
     * current version. If the ID had several heads (two processes wrote it at once), the write merges them.
     *
     * @throws ChumException NOT_VERSIONED for an unversioned type, the validation codes, MISSING_REFERENCE,
     *                       BAD_RECIPE for a Recipe object that may not register (storage-format.md §14),
     *                       DISK_FULL, IO
     */
    public StoreResult storeVersionedObject(final OneObject obj, final StoreAs as) {
        return storeVersionedObject(obj, as, true);
    }

    /**
     * {@link #storeVersionedObject(OneObject, StoreAs)}, forced to disk before it returns only if {@code force}
     * (see {@link #storeObject(OneObject, boolean)}).
     */
    public StoreResult storeVersionedObject(final OneObject obj, final StoreAs as, final boolean force) {
        Objects.requireNonNull(as, "as");
        final Canonical.Encoded enc = Canonical.encode(obj, registry);
        if (!enc.isVersioned()) {
            throw new ChumException(ErrorCode.NOT_VERSIONED, obj.type() + " is not a versioned type; use storeObject");
        }
        return storeVersioned(enc, as, force);
    }

    /**
     * {@link #storeVersionedObject(OneObject, StoreAs)} for an object too large to hold as a {@link OneObject}:
     * the same object, microdata and hashes as storing {@link StreamedObject#toOneObject}, but its microdata is never
     * held whole. It is rendered once, in pieces, and hashed as it goes into the log as chunk records, through the
     * writer thread as a BLOB upload is (bounded by {@link StoreConfig#blobBuffers()} chunk buffers). An object of at
     * most the log's inline limit is stored from the bytes it was rendered to, as the other method stores it. The
     * closure of a larger one is checked hash by hash before the object record is written. If it turns out to be
     * stored already, or its closure is incomplete, its chunks stay in the log unreferenced, as those of an aborted
     * BLOB upload do. Memory: up to the inline limit while rendering starts, then a chunk buffer or two, besides the
     * object's hash lists.
     *
     * @throws ChumException NOT_VERSIONED for an unversioned type, the validation codes, WRONG_TYPE if a streamed
     *                       property is not a bag or set of references, MISSING_REFERENCE, DISK_FULL, IO
     */
    public StoreResult storeVersionedObject(final StreamedObject obj, final StoreAs as) {
        Objects.requireNonNull(as, "as");
        if (!registry.recipe(obj.type()).isVersioned()) {
            throw new ChumException(ErrorCode.NOT_VERSIONED, obj.type() + " is not a versioned type; use storeObject");
        }
        final InlineOrUpload sink = new InlineOrUpload(config.log().inlineLimit(), () -> openBlobWriter(false, 0));
        final Canonical.StreamedEncoding enc;
        try {
            final long length = Canonical.writeStreamed(obj, registry, sink);
            if (sink.upload() == null) {
                final byte[] microdata = sink.held();
                return storeVersioned(Canonical.streamedEncoding(obj, registry, Sha256.hash(microdata), length)
                    .withMicrodata(microdata), as, true);
            }
            enc = Canonical.streamedEncoding(obj, registry, sink.upload().seal(), length);
            requireStreamedClosure(obj, enc.hash());
            final Optional<VersionHead> current = projections.heads().current(enc.idHash());
            if (current.isPresent() && current.get().data().equals(enc.hash())) {
                sink.abort();
                return new StoreResult(enc.hash(), enc.idHash(), StoreStatus.EXISTS,
                    as == StoreAs.NO_VERSION_MAP ? null : current.get().node());
            }
            // From here the writer thread owns the upload's chunks: the object record references them.
            sink.upload().handedToImport();
        } catch (final IOException e) {
            sink.abort();
            throw new ChumException(ErrorCode.IO, "cannot stream " + obj.type() + " object into the log: "
                + e.getMessage(), e);
        } catch (final RuntimeException e) {
            sink.abort();
            throw e;
        }
        final BlobWriter upload = sink.upload();
        return writer.call(w -> w.storeVersionedStreamed(enc, upload, as), true);
    }

    /** The closure of a streamed object: its other properties' references, then every listed hash. */
    private void requireStreamedClosure(final StreamedObject obj, final Hash owner) {
        final Canonical.Encoded rest = Canonical.encode(obj.rest(), registry);
        Closure.require(index, owner, obj.type(), Microdata.references(rest.microdata()), rest.idHash());
        final Recipe recipe = registry.recipe(obj.type());
        for (final Map.Entry<String, HashList> e : obj.lists().entrySet()) {
            Closure.requireAll(index, owner, obj.type(), StreamedObject.listKind(recipe, e.getKey()), e.getValue());
        }
    }

    private StoreResult storeVersioned(final Canonical.Encoded enc, final StoreAs as, final boolean force) {
        Closure.require(index, enc.hash(), enc.type(), Microdata.references(enc.microdata()), enc.idHash());
        return writer.call(w -> w.storeVersioned(enc, as, 0), force);
    }

    /**
     * Stores an ID object alone (for example a Person's, to name the person in a grant). {@code idObject} may be
     * a full object: only its ID properties are used.
     *
     * @throws ChumException NOT_VERSIONED, the validation codes, MISSING_REFERENCE, DISK_FULL, IO
     */
    public StoreResult storeIdObject(final OneObject idObject) {
        final OneObject ids = OneObjects.idObjectOf(idObject, registry);
        OneObjects.validateIdObject(ids, registry);
        final byte[] md = MicrodataWriter.toIdMicrodata(ids, registry);
        final IdHash idHash = Sha256.idHash(md);
        Closure.require(index, idHash, ids.type(), Microdata.references(md), null);
        return writer.call(w -> w.storeIdObject(ids.type(), md, idHash, 0), true);
    }

    /** Stores the bytes of {@code in} (read to its end, not closed) as a BLOB, streamed with a bounded heap. */
    public BlobResult storeBlob(final InputStream in) {
        return storeStream(false, in);
    }

    /** Stores the UTF-8 bytes of {@code utf8} as a CLOB; {@code CS-BAD-CLOB} (nothing stored) if they are not UTF-8. */
    public BlobResult storeClob(final InputStream utf8) {
        return storeStream(true, utf8);
    }

    /**
     * Stores the text of {@code text} as a CLOB of its UTF-8 bytes (an unpaired surrogate becomes U+FFFD, as in
     * JavaScript), streamed.
     */
    public BlobResult storeClob(final Reader text) {
        try (BlobWriter w = openBlobWriter(true, 0)) {
            final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
            final CharBuffer chars = CharBuffer.allocate(8192);
            final ByteBuffer bytes = ByteBuffer.allocate(32768);
            boolean end = false;
            while (!end) {
                end = text.read(chars) < 0;
                chars.flip();
                encodeInto(w, encoder, chars, bytes, end);
                chars.compact();
            }
            CoderResult r;
            do {
                r = encoder.flush(bytes);
                drain(w, bytes);
            } while (r.isOverflow());
            return w.commit(null);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read the CLOB text: " + ChumException.describe(e), e);
        }
    }

    private static void encodeInto(final BlobWriter w, final CharsetEncoder encoder, final CharBuffer chars,
                                   final ByteBuffer bytes, final boolean end) {
        CoderResult r;
        do {
            r = encoder.encode(chars, bytes, end);
            drain(w, bytes);
        } while (r.isOverflow());
    }

    private static void drain(final BlobWriter w, final ByteBuffer bytes) {
        bytes.flip();
        w.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        bytes.clear();
    }

    private BlobResult storeStream(final boolean clob, final InputStream in) {
        try (BlobWriter w = openBlobWriter(clob, 0)) {
            w.transferFrom(in);
            return w.commit(null);
        }
    }

    /**
     * A writer for a BLOB (or CLOB) streamed in, e.g. by the importer with the hash it was offered under: see
     * {@link BlobWriter}. {@code origin} goes into the commit event.
     */
    public BlobWriter openBlobWriter(final boolean clob, final long origin) {
        checkOpen();
        return new BlobWriter(writer, clob, origin, config.log().chunkSize(), config.blobBuffers());
    }

    /**
     * Registers an application type: stores {@code recipe} as a ONE Recipe object (versioned, CHANGE), which
     * registers it here and, by replay, in every process and after reopening (the latest Recipe object of a name
     * wins). Returns the Recipe's ID hash.
     *
     * @throws ChumException BAD_RECIPE if malformed, a core type, or a change that stored objects of the type would
     *                       not read the same (storage-format.md §14), DISK_FULL, IO
     */
    public IdHash registerRecipe(final Recipe recipe) {
        registry.check(recipe);
        return storeVersionedObject(RecipeJson.toOneObject(recipe), StoreAs.CHANGE).idHash();
    }

    /**
     * ONE's {@code createAccess} for one request: a new version of the target's Access (object) or IdAccess (ID)
     * object with the persons and groups of the request ({@link AccessMode#REPLACE}) or their union with the
     * current version's ({@link AccessMode#ADD}), stored with CHANGE. Nothing is written if the lists do not
     * change ({@link StoreStatus#EXISTS}).
     *
     * @throws ChumException MISSING_REFERENCE if the target or a person's or group's ID object is not stored,
     *                       DISK_FULL, IO
     */
    public StoreResult createAccess(final AccessRequest request) {
        Objects.requireNonNull(request, "request");
        return writer.call(w -> w.createAccess(request), true);
    }

    /**
     * Imports a batch of verified objects, ID objects, BLOBs and CLOBs from a peer in one writer task (one force
     * with group commit). First, on the calling thread, the closure of the whole batch is checked: every reference
     * must be in the store or in an earlier entry (a versioned object may name its own ID); otherwise the whole
     * batch is refused and nothing is appended. Then entries already stored are skipped (counted); for a versioned
     * object its ID object is written first if missing; small BLOBs are appended from memory, streamed ones are
     * committed (their chunks are in the log already). Access, IdAccess and Group objects are refused
     * ({@code CS-FORBIDDEN-TYPE}): access rights are never imported. Events carry {@code origin}.
     *
     * @throws ChumException MISSING_REFERENCE naming both hashes, FORBIDDEN_TYPE, BAD_RECIPE for a Recipe object that
     *                       may not register (storage-format.md §14), DISK_FULL, IO
     */
    public ImportResult importBatch(final List<VerifiedEntry> entries, final long origin) {
        return importBatch(entries, origin, true);
    }

    /**
     * {@link #importBatch(List, long)}, forced to disk only if {@code force}: an importer that commits several batches
     * in a row forces once after the last ({@link #force()}), so a full sync costs one fsync per group, not per batch.
     * The batch is visible to readers either way as soon as this returns.
     */
    public ImportResult importBatch(final List<VerifiedEntry> entries, final long origin, final boolean force) {
        final List<VerifiedEntry> batch = List.copyOf(entries);
        for (final VerifiedEntry e : batch) {
            if (!e.isIdObject() && !e.isBlob() && CoreRecipes.NEVER_IMPORTED.contains(e.type())) {
                throw new ChumException(ErrorCode.FORBIDDEN_TYPE, e.type() + " object " + e.hash()
                    + " cannot be imported: access rights are never replicated");
            }
        }
        Closure.requireBatch(index, batch);
        for (final VerifiedEntry e : batch) {
            if (e.upload() != null) {
                e.upload().handedToImport();
            }
        }
        return writer.call(w -> w.importBatch(batch, origin), force);
    }

    /**
     * Forces every write appended so far to disk (with {@link io.chum.log.Durability#GROUP_COMMIT}; nothing to do
     * with {@code PAGE_CACHE} or when nothing was appended since the last force).
     *
     * @throws ChumException IO, CLOSED
     */
    public void force() {
        writer.call(w -> null, true);
    }

    /** How many times this process forced the log to disk since the store was opened (a statistic; any thread). */
    public long forceCount() {
        return log.forceCount();
    }

    /**
     * After importing a version history, makes version node {@code node} part of the local history of its data's
     * ID by the merge rule: nothing if it is already contained in a head, a fast-forward if it contains every head,
     * else a merge node. The result names the current version afterwards; NEW if a head changed.
     *
     * @throws ChumException NOT_FOUND if the node or its data is not stored, WRONG_TYPE if it is no version node,
     *                       NOT_VERSIONED if its data is unversioned, DISK_FULL, IO
     */
    public StoreResult adoptVersion(final Hash node, final long origin) {
        Objects.requireNonNull(node, "node");
        return writer.call(w -> w.adopt(node, origin), true);
    }

    /**
     * Appends an engine-defined chum record with {@code origin} without waiting for a force: the future completes
     * with its log index once it is in the log; it reaches the disk with the next durable write (for a chum's
     * per-batch records, whose loss in a crash costs only statistics).
     */
    public CompletableFuture<Long> appendChumRecordLater(final int type, final byte[] body, final long origin) {
        final byte[] copy = body.clone();
        return writer.submit(w -> w.chumRecord(type, copy, origin), false);
    }

    /**
     * Returns once every write queued before this call has run (the writer runs them in order): reads made afterwards
     * see them, e.g. the records of {@link #appendChumRecordLater} whose futures nobody awaited. Appends nothing.
     *
     * @throws ChumException CLOSED
     */
    public void awaitQueuedWrites() {
        writer.call(w -> null, false);
    }

    /**
     * {@link #adoptVersion} for several nodes in one writer task (one force): the tips of a history a chum imported.
     * Returns the results in order.
     *
     * @throws ChumException as {@link #adoptVersion}; nodes before the failing one stay adopted
     */
    public List<StoreResult> adoptVersions(final List<Hash> nodes, final long origin) {
        final List<Hash> copy = List.copyOf(nodes);
        return writer.call(w -> {
            final List<StoreResult> results = new ArrayList<>(copy.size());
            for (final Hash node : copy) {
                results.add(w.adopt(node, origin));
            }
            return results;
        }, true);
    }

    /** Appends an engine-defined chum record (origin 0) and returns its log index. */
    public long appendChumRecord(final int type, final byte[] body) {
        return appendChumRecord(type, body, 0);
    }

    /** Appends an engine-defined chum record with {@code origin} and returns its log index. */
    public long appendChumRecord(final int type, final byte[] body, final long origin) {
        final byte[] copy = body.clone();
        return writer.call(w -> w.chumRecord(type, copy, origin), true);
    }

    /**
     * Records a trust decision about {@code person}'s 32-byte public signing {@code key}; returns its log index.
     *
     * @throws ChumException TRUST_CONFLICT if the key is trusted for another person, or is revoked for a person it is
     *                       not trusted for (a key proves one person; revoke it before trusting it for another),
     *                       DISK_FULL, IO
     */
    public long trust(final String email, final IdHash person, final byte[] key, final boolean revoked) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(person, "person");
        if (key.length != TrustChanged.KEY_LENGTH) {
            throw new IllegalArgumentException("a public signing key has 32 bytes, not " + key.length);
        }
        final byte[] copy = key.clone();
        return writer.call(w -> w.trust(email, person, copy, revoked), true);
    }

    /** Writes a checkpoint of the projections now (the writer also does so periodically and on close). */
    public void checkpoint() {
        writer.call(Writes::checkpoint, false);
    }

    // ---- reads ----

    /** True if {@code hash} is stored: an {@link IdHash} as an ID object, a {@link Hash} as object, BLOB or CLOB. */
    public boolean exists(final Sha256Value hash) {
        checkOpen();
        if (hash instanceof IdHash id) {
            return index.containsIdObject(id);
        }
        final Hash h = (Hash) hash;
        return index.containsObject(h) || index.containsBlob(h);
    }

    /** True if object {@code hash} is stored (not counting a BLOB or CLOB with the same hash). */
    public boolean containsObject(final Hash hash) {
        checkOpen();
        return index.containsObject(hash);
    }

    /** True if BLOB or CLOB {@code hash} is stored (not counting an object with the same hash). */
    public boolean containsBlob(final Hash hash) {
        checkOpen();
        return index.containsBlob(hash);
    }

    /** What {@code hash} names; an object wins over a BLOB with the same bytes. */
    public Optional<StoredKind> kindOf(final Sha256Value hash) {
        checkOpen();
        final int e = entryOf(hash);
        return e < 0 ? Optional.empty() : Optional.of(kindOf(e));
    }

    /** The ONE type of a stored object or ID object; null for a BLOB or CLOB; {@code CS-NOT-FOUND} if absent. */
    public String typeOf(final Sha256Value hash) {
        checkOpen();
        final int e = entryOf(hash);
        if (e < 0) {
            throw new ChumException(ErrorCode.NOT_FOUND, hash + " is not in the store");
        }
        return projections.types().name(index.typeId(e));
    }

    private int entryOf(final Sha256Value hash) {
        final int e = index.findObject(hash);
        if (e >= 0 && (index.kind(e) == ObjectIndex.KIND_ID_OBJECT) == (hash instanceof IdHash)) {
            return e;
        }
        return hash instanceof IdHash ? -1 : index.findBlob(hash);
    }

    private StoredKind kindOf(final int entry) {
        return switch (index.kind(entry)) {
            case ObjectIndex.KIND_OBJECT -> StoredKind.OBJECT;
            case ObjectIndex.KIND_ID_OBJECT -> StoredKind.ID_OBJECT;
            case ObjectIndex.KIND_BLOB -> StoredKind.BLOB;
            default -> StoredKind.CLOB;
        };
    }

    /** Number of stored objects, ID objects, BLOBs and CLOBs. */
    public int size() {
        return index.size();
    }

    /** Calls {@code visitor} for every stored entry, in log order (a snapshot of the current count). */
    public void forEachEntry(final Consumer<StoredEntry> visitor) {
        checkOpen();
        final int n = index.size();
        for (int e = 0; e < n; e++) {
            visitor.accept(new StoredEntry(index.key(e), kindOf(e), projections.types().name(index.typeId(e)),
                index.logIndex(e)));
        }
    }

    /** The microdata of object {@code hash}; {@code CS-NOT-FOUND} if it is not stored. */
    public byte[] readMicrodata(final Hash hash) {
        return read(r -> r.readMicrodata(hash));
    }

    /** Object {@code hash}, parsed; {@code CS-NOT-FOUND} if it is not stored. */
    public OneObject readObject(final Hash hash) {
        return parser.parse(readMicrodata(hash));
    }

    /** The ID-object microdata of {@code idHash}; {@code CS-NOT-FOUND} if it is not stored. */
    public byte[] readIdMicrodata(final IdHash idHash) {
        return read(r -> r.readIdMicrodata(idHash));
    }

    /** ID object {@code idHash}, parsed; {@code CS-NOT-FOUND} if it is not stored. */
    public OneObject readIdObject(final IdHash idHash) {
        return parser.parseIdObject(readIdMicrodata(idHash));
    }

    /** A stream over the bytes of BLOB or CLOB {@code hash} (one chunk in memory); {@code CS-NOT-FOUND} if absent. */
    public InputStream openBlob(final Hash hash) {
        return read(r -> r.openBlob(hash));
    }

    /**
     * The version head changes in the log range {@code [from, to)}, in log order, read by their log indexes
     * ({@link io.chum.projection.HeadChangeIndex}) instead of by scanning the range: what an incremental chum needs
     * of the log since its cursor, at a cost that follows the number of changes, not the size of the range (a range
     * whose changes are denser than the log's index spacing is read in order instead). {@code to} must not lie past
     * what this process has projected ({@link #awaitProjected}).
     *
     * @throws IllegalArgumentException if {@code to} lies past the projected position
     */
    public List<HeadChanged> headChangesBetween(final long from, final long to) {
        checkOpen();
        if (to > projections.position()) {
            throw new IllegalArgumentException("log position 0x" + Long.toHexString(to) + " is not projected yet"
                + " (projected up to 0x" + Long.toHexString(projections.position()) + ")");
        }
        final long[] indexes = projections.headChanges().between(from, to);
        final List<HeadChanged> out = new ArrayList<>(indexes.length);
        if (indexes.length == 0) {
            return out;
        }
        // A read by index looks the record up and then scans up to the log's index spacing of records; where the
        // changes are denser than that, reading the range in order costs less.
        final long records = recordsWithinOneCycle(from, to);
        if (records >= 0 && (long) indexes.length * log.indexSpacing() >= records) {
            try (LogTailer tailer = log.tailer(from)) {
                for (LogEvent e = tailer.next(); e != null && e.index() < to; e = tailer.next()) {
                    if (e instanceof HeadChanged h) {
                        out.add(h);
                    }
                }
            }
            return out;
        }
        try (StoreReader reader = newReader()) {
            for (final long i : indexes) {
                if (!(reader.read(i) instanceof HeadChanged h)) {
                    throw new ChumException(ErrorCode.INTERNAL, "log record 0x" + Long.toHexString(i)
                        + " is not the head change the projections noted there");
                }
                out.add(h);
            }
        }
        return out;
    }

    /** The number of log indexes in {@code [from, to)} if both lie in one roll cycle, else -1 (unknown). */
    private long recordsWithinOneCycle(final long from, final long to) {
        final RollCycle cycle = log.rollCycle();
        if (cycle.toCycle(from) != cycle.toCycle(to)) {
            return -1;
        }
        return Math.max(0, cycle.toSequenceNumber(to) - cycle.toSequenceNumber(from));
    }

    /** The commit record of BLOB or CLOB {@code hash}: whether it is a CLOB and its size; {@code CS-NOT-FOUND} if absent. */
    public BlobWritten blobInfo(final Hash hash) {
        return read(r -> r.blobInfo(hash));
    }

    /** A reader of its own for a thread that reads a lot (e.g. an exporter); close it when done. */
    public StoreReader newReader() {
        checkOpen();
        return new StoreReader(log, index, log.reader());
    }

    /** The current version of {@code id}: the head ranked highest by {@link VersionHead#ORDER}. */
    public Optional<VersionHead> currentVersion(final IdHash id) {
        checkOpen();
        return projections.heads().current(id);
    }

    /** The head nodes of {@code id}, sorted by hash: one normally, several after concurrent writers. */
    public List<Hash> heads(final IdHash id) {
        checkOpen();
        return projections.heads().heads(id).stream().map(VersionHead::node).toList();
    }

    /**
     * The whole version history of {@code id}: every version node reachable from its heads, each once, oldest
     * first by (depth, creation time, hash). Reads the nodes from the log.
     */
    public List<Hash> versionNodes(final IdHash id) {
        return read(r -> new VersionGraph(r, parser).history(projections.heads().heads(id)));
    }

    /**
     * Objects of {@code type} that reference {@code target} (ONE's reverse maps, one-spec §2.1), every version,
     * sorted. Mapped only for Access, IdAccess, Group and Keys objects; empty for any other type.
     */
    public SortedSet<Hash> referencingObjects(final Sha256Value target, final String type) {
        checkOpen();
        return projections.reverseMaps().objects(target, type);
    }

    /**
     * ID objects of {@code type} that reference {@code target} through ID properties, sorted. Mapped only for
     * Access, IdAccess and Instance ID objects; empty for any other type.
     */
    public SortedSet<IdHash> referencingIdObjects(final Sha256Value target, final String type) {
        checkOpen();
        return projections.reverseMaps().idObjects(target, type);
    }

    /**
     * The roots {@code person} may access (one-spec §4.2): targets of the current Access and IdAccess objects that
     * name the person or a group whose current version lists the person.
     */
    public AccessGrants grantsFor(final IdHash person) {
        checkOpen();
        return projections.access().grantsFor(person);
    }

    /** As {@link #grantsFor(IdHash)} with the group membership fixed by the caller (a chum fixes it at start). */
    public AccessGrants grantsFor(final IdHash person, final Set<IdHash> groups) {
        checkOpen();
        return projections.access().grantsFor(person, groups);
    }

    /** The ID hashes of the groups whose current version lists {@code person}. */
    public SortedSet<IdHash> groupsOf(final IdHash person) {
        checkOpen();
        return projections.access().groupsOf(person);
    }

    /** The latest trust decision about {@code key}, if it is a trust (not a revocation). */
    public Optional<TrustEntry> trustedKey(final byte[] key) {
        checkOpen();
        return projections.trust().trustedKey(key);
    }

    /** The latest trust decision about {@code person}, trust or revocation. */
    public Optional<TrustEntry> trustOf(final IdHash person) {
        checkOpen();
        return projections.trust().trustOf(person);
    }

    /** Every key currently trusted for {@code person} (a person may run several instances). */
    public List<TrustEntry> trustedKeysOf(final IdHash person) {
        checkOpen();
        return projections.trust().trustedKeysOf(person);
    }

    /** Every chum record, in log order. */
    public List<ChumRecordRef> chumRecords() {
        checkOpen();
        return projections.chumRecords().all();
    }

    /** The chum record at {@code logIndex}; {@code CS-NOT-FOUND} if there is none. */
    public ChumRecord readChumRecord(final long logIndex) {
        final LogEvent e = read(r -> r.read(logIndex));
        if (!(e instanceof ChumRecord c)) {
            throw new ChumException(ErrorCode.NOT_FOUND, "log record 0x" + Long.toHexString(logIndex)
                + " is not a chum record");
        }
        return c;
    }

    // ---- the log ----

    /** The position after the last record of the log (a snapshot mark; see {@link EventLog#endIndex()}). */
    public long logEnd() {
        checkOpen();
        return log.endIndex();
    }

    /**
     * The log clock: the timestamp of the newest record any process appended. Read before {@link #logEnd()}, it is
     * a timestamp that no record after that end is older than (a chum's snapshot timestamp).
     */
    public long lastTimestamp() {
        checkOpen();
        return log.lastTimestamp();
    }

    /** The position up to which this process has applied the log to its projections. */
    public long projectedPosition() {
        checkOpen();
        return projections.position();
    }

    /**
     * Waits until this process's projections have applied the log up to {@code position} (exclusive), records of
     * other processes included, so that what the log says there can be looked up. Wakes the writer thread, which
     * otherwise looks at the log only every {@link StoreConfig#quietIdlePark()} while no one watches appends.
     *
     * @throws ChumException TIMEOUT if that takes longer than {@code timeout}, CLOSED if the store closes
     */
    public void awaitProjected(final long position, final Duration timeout) {
        checkOpen();
        final long start = System.nanoTime();
        long lastWake = start - WAKE_INTERVAL_NANOS;
        while (projections.position() < position) {
            checkOpen();
            final long now = System.nanoTime();
            if (now - start > timeout.toNanos()) {
                throw new ChumException(ErrorCode.TIMEOUT, "the store's projections did not reach log position 0x"
                    + Long.toHexString(position) + " within " + timeout.toMillis() + " ms (at 0x"
                    + Long.toHexString(projections.position()) + ")");
            }
            if (now - lastWake >= WAKE_INTERVAL_NANOS) {
                writer.wake();
                lastWake = now;
            }
            LockSupport.parkNanos(50_000);
        }
    }

    /** The position of the first event at or after {@code timestampMs}, or {@link #logEnd()} if there is none. */
    public long positionAt(final long timestampMs) {
        checkOpen();
        return log.indexAtOrAfter(timestampMs);
    }

    /** A tailer from {@code fromIndex} for the calling thread; close it when done. */
    public LogTailer tailer(final long fromIndex) {
        checkOpen();
        return log.tailer(fromIndex);
    }

    /**
     * Runs {@code wakeUp} on the store's writer thread each time it has applied new events to the projections: its own
     * appends (before they are forced to disk) and those of other processes (seen within about
     * {@link StoreConfig#maxIdlePark()}). A thread that tails the log can so sleep until there is something to read
     * instead of polling. {@code wakeUp} must return at once (signal a queue, unpark a thread); an exception from it
     * goes to the error handler. Close the result to stop the calls.
     */
    public AppendWatch watchAppends(final Runnable wakeUp) {
        checkOpen();
        Objects.requireNonNull(wakeUp, "wakeUp");
        writer.watchAppends(wakeUp);
        return () -> writer.unwatchAppends(wakeUp);
    }

    /** A registration of {@link #watchAppends}; closing it stops the calls. Thread-safe, idempotent. */
    public interface AppendWatch extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Hands {@code listener} every event of {@code origin} that the store applies from now on, in log order, on the
     * store's writer thread, without reading the log again: for a chum that builds its Chum object's lists as it
     * imports. Returns once the watch is in place, so it sees every event of that origin appended after the call.
     *
     * <p>The listener must return quickly and must not call the store (it runs inside the store's writes). If it
     * throws, the exception goes to the error handler and the watch stops, with {@link OriginWatch#intact()} false.
     * Close the result to stop.
     */
    public OriginWatch watchOrigin(final long origin, final Consumer<LogEvent> listener) {
        checkOpen();
        return writer.watchOrigin(origin, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * A registration of {@link #watchOrigin}. Close it from any thread but the listener's own: once {@code close}
     * returns, the listener has finished its last call, and what it did is visible to the closing thread.
     * Idempotent.
     */
    public interface OriginWatch extends AutoCloseable {
        /** False if the listener threw and so missed events; read it after {@link #close()}. */
        boolean intact();

        @Override
        void close();
    }

    /**
     * Delivers every event from {@code fromIndex} on, in log order, to {@code listener} on a subscription thread of
     * its own, including events appended later by any process, until stopped or the store closes. An exception
     * from the listener goes to {@code errorHandler} and ends the subscription.
     */
    public Subscription subscribe(final long fromIndex, final Consumer<LogEvent> listener,
                                  final ErrorHandler errorHandler) {
        checkOpen();
        final LogSubscription s = new LogSubscription(log, fromIndex, Objects.requireNonNull(listener, "listener"),
            Objects.requireNonNull(errorHandler, "errorHandler"), config.maxIdlePark().toNanos(),
            subscriptions::remove);
        subscriptions.add(s);
        s.start();
        return s;
    }

    /**
     * Re-reads, re-hashes and parses every stored object, ID object, BLOB and CLOB and checks every reference
     * and every version head; reports each problem with its hash and code, in index order. Runs on the calling
     * thread and, for a large store, on one more thread per further processor; {@code listener} is called on the
     * calling thread. The store stays usable meanwhile (entries stored after the start are not checked).
     */
    public VerifyReport verify(final VerifyListener listener) {
        return verify(listener, Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@link #verify(VerifyListener)} on at most {@code threads} threads, the calling one included (each takes at
     * least {@value Verifier#MIN_ENTRIES_PER_THREAD} entries); the report does not depend on the number.
     */
    public VerifyReport verify(final VerifyListener listener, final int threads) {
        checkOpen();
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        return Verifier.verify(this::newReader, projections, Objects.requireNonNull(listener, "listener"), threads,
            Verifier.MIN_ENTRIES_PER_THREAD);
    }

    /**
     * Stops subscriptions, lets the writer finish the queued writes and write a checkpoint, and closes the log.
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            for (final LogSubscription s : subscriptions) {
                s.stop();
            }
            writer.close();
            readers.close();
        } finally {
            log.close();
        }
    }

    private <T> T read(final Function<StoreReader, T> read) {
        checkOpen();
        return readers.read(read);
    }

    private void checkOpen() {
        if (closed) {
            throw new ChumException(ErrorCode.CLOSED, "the store in " + dir.root() + " is closed");
        }
    }

    /** The projections, for tests in this package. */
    Projections projections() {
        return projections;
    }
}
