package io.chum.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.BlobWritten;
import io.chum.log.ChumRecord;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.log.ObjectWritten;
import io.chum.microdata.Canonical;
import io.chum.microdata.StreamedObject;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.HashList;
import io.chum.model.IdHash;
import io.chum.model.Json;
import io.chum.model.OneObject;
import io.chum.model.Sha256Value;
import io.chum.protocol.EntryKind;
import io.chum.protocol.OfferEntry;
import io.chum.store.ChumRecordRef;
import io.chum.store.OneStore;
import io.chum.store.StoreAs;
import io.chum.store.StoreResult;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log of a chum in its store's event log, and the Chum object derived from it.
 *
 * <p>Records (store chum records; the session id of a chum is the log index of its START record, and every other
 * record of the chum has it as origin, as have the objects the chum imported):
 * <ul>
 *   <li>{@link #START} (origin 0, JSON): chum name, local and remote instance and person, the peer's key, options,
 *       the cursor used;</li>
 *   <li>{@link #SENT} (binary: {@code u32 n}, then n × {@code u8 kind, 32-byte hash}): the entries of an
 *       acknowledged batch whose data was sent;</li>
 *   <li>{@link #EXISTS} (JSON {@code count}): offered entries the store had already;</li>
 *   <li>{@link #FULL_SYNC} (JSON {@code highestRemoteTimestamp}): this side's importer achieved full sync;</li>
 *   <li>{@link #ERROR} (JSON {@code code, message, remote});</li>
 *   <li>{@link #END} (JSON {@code reason, millis, statistics, chum}: {@code chum} is the stored Chum object's hash,
 *       absent in logs written before it was added).</li>
 * </ul>
 * {@link #storeChumThenEnd} derives the Chum object (one-spec §6.6) from these records and the events imported with
 * the chum's origin, and stores it as a MERGE version before the END; so {@link #recoverInterrupted} can log a chum
 * whose process died, or whose Chum object did not fit on a full disk. The object lists every hash the chum
 * transferred, so it is derived into {@link HashList}s (32 bytes a hash) and stored streamed
 * ({@link OneStore#storeVersionedObject(StreamedObject, StoreAs)}): a chum of a million entries fits in a small heap.
 *
 * <p>Stateless apart from the registry of chums running in this JVM; thread-safe.
 */
public final class ChumLog {
    /** Record type of a chum's start. */
    public static final int START = 1;
    /** Record type of an acknowledged batch. */
    public static final int SENT = 2;
    /** Record type of a count of offered entries that were present. */
    public static final int EXISTS = 3;
    /** Record type of the importer's full sync. */
    public static final int FULL_SYNC = 4;
    /** Record type of an error. */
    public static final int ERROR = 5;
    /** Record type of a chum's end. */
    public static final int END = 6;

    private static final int FORMAT = 1;
    private static final EntryKind[] KINDS = {null, EntryKind.OBJECT, EntryKind.ID_OBJECT, EntryKind.BLOB,
        EntryKind.CLOB};
    /** Chums running in this JVM, as "store directory|session id": never recovered as interrupted. */
    private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();

    private ChumLog() {
    }

    /**
     * What a START record says. Immutable.
     *
     * @param name               the chum name
     * @param localInstance      our instance name
     * @param remoteInstance     the peer's instance name
     * @param localPerson        our person
     * @param remotePerson       the peer's person
     * @param remoteKey          the peer's authenticated key (hex): with the person, what identifies the peer's log
     * @param keepRunning        the effective keepRunning
     * @param notificationDelay  our maxNotificationDelay (ms)
     * @param cursor             the cursor our importer sent
     */
    record Start(String name, String localInstance, String remoteInstance, IdHash localPerson, IdHash remotePerson,
                 String remoteKey, boolean keepRunning, int notificationDelay, long cursor) {
        byte[] toBody() {
            return toBody("");
        }

        /** The body, naming the {@link ChumRunners runner} (this process) that runs the chum, if not empty. */
        byte[] toBody(final String runner) {
            final ObjectNode n = Json.object();
            if (!runner.isEmpty()) {
                n.put("runner", runner);
            }
            n.put("format", FORMAT);
            n.put("name", name);
            n.put("localInstance", localInstance);
            n.put("remoteInstance", remoteInstance);
            n.put("localPerson", localPerson.toHex());
            n.put("remotePerson", remotePerson.toHex());
            n.put("remoteKey", remoteKey);
            n.put("keepRunning", keepRunning);
            n.put("maxNotificationDelay", notificationDelay);
            n.put("cursor", cursor);
            return json(n);
        }

        static Start parse(final byte[] body) {
            final JsonNode n = parseJson(body);
            return new Start(n.path("name").asText(), n.path("localInstance").asText(),
                n.path("remoteInstance").asText(), IdHash.ofHex(n.path("localPerson").asText()),
                IdHash.ofHex(n.path("remotePerson").asText()), n.path("remoteKey").asText(),
                n.path("keepRunning").asBoolean(), n.path("maxNotificationDelay").asInt(), n.path("cursor").asLong());
        }
    }

    // ---- appending ----

    /**
     * Appends the START record and returns the session id; marks the chum as running in this JVM, and names this
     * process as its runner, so that no other process logs it as interrupted while it runs. Not forced by itself:
     * the chum's first durable write (a batch, the Chum object) forces it, and a START lost in a crash leaves
     * nothing that names it.
     */
    static long appendStart(final OneStore store, final Start start) {
        final String runner = ChumRunners.own(store.directory());
        final long id = await(store.appendChumRecordLater(START, start.toBody(runner), 0));
        RUNNING.add(runningKey(store.directory(), id));
        return id;
    }

    /** The entries of an acknowledged batch; forced to disk with the next durable write. */
    static CompletableFuture<Long> appendSent(final OneStore store, final long session, final List<OfferEntry> sent) {
        final ByteBuffer b = ByteBuffer.allocate(4 + sent.size() * (1 + Sha256Value.BYTES));
        b.putInt(sent.size());
        final byte[] hash = new byte[Sha256Value.BYTES];
        for (final OfferEntry e : sent) {
            b.put((byte) e.kind().code());
            e.hash().writeTo(hash, 0);
            b.put(hash);
        }
        return store.appendChumRecordLater(SENT, b.array(), session);
    }

    static CompletableFuture<Long> appendExists(final OneStore store, final long session, final long count) {
        final ObjectNode n = Json.object();
        n.put("count", count);
        return store.appendChumRecordLater(EXISTS, json(n), session);
    }

    static CompletableFuture<Long> appendError(final OneStore store, final long session, final ChumError error) {
        final ObjectNode n = Json.object();
        n.put("code", error.code());
        n.put("message", error.message());
        n.put("remote", error.remote());
        return store.appendChumRecordLater(ERROR, json(n), session);
    }

    /**
     * The importer's full sync, in the log before FULL_SYNC_ACK tells the peer; forced with the next durable write
     * (if a crash loses it, the next chum starts from an older cursor: more to replay, nothing missed).
     */
    static void appendFullSync(final OneStore store, final long session, final long highestRemoteTimestamp) {
        final ObjectNode n = Json.object();
        n.put("highestRemoteTimestamp", highestRemoteTimestamp);
        await(store.appendChumRecordLater(FULL_SYNC, json(n), session));
    }

    /**
     * The END record, appended once the Chum object is stored ({@link #storeChumThenEnd}); it names the Chum object's
     * hash, so listing ended chums need not derive their objects again.
     *
     * @param statistics {@code requestsSentTotal, requestsReceivedTotal, requestsReceivedInvalid}, or null
     */
    static void appendEnd(final OneStore store, final long session, final String reason, final long millis,
                          final ObjectNode statistics, final Hash chum) {
        final ObjectNode n = Json.object();
        n.put("reason", reason);
        n.put("millis", millis);
        if (statistics != null) {
            n.set("statistics", statistics);
        }
        n.put("chum", chum.toHex());
        await(store.appendChumRecordLater(END, json(n), session));
    }

    /** The log index of an append, waiting for it (the store's writer bounds the wait). */
    private static long await(final CompletableFuture<Long> append) {
        try {
            return append.join();
        } catch (final java.util.concurrent.CompletionException e) {
            throw ChumException.wrap(e.getCause() != null ? e.getCause() : e, ErrorCode.IO);
        }
    }

    /** The chum no longer runs in this JVM. */
    static void ended(final OneStore store, final long session) {
        RUNNING.remove(runningKey(store.directory(), session));
    }

    // ---- reading ----

    /**
     * The cursor for a chum with a peer: the {@code highestRemoteTimestamp} of the last chum with the same remote
     * person and the same remote instance key whose full sync was achieved (its FULL_SYNC record is the newest
     * such record in the log), 0 if there is none.
     *
     * <p>Walks the chum records newest first and stops at the first match, reading only the START records of the
     * chums that achieved full sync since then. A store synced every minute with one peer would otherwise read all
     * its chums' records from the log at every sync.
     */
    public static long cursorFor(final OneStore store, final IdHash remotePerson, final String remoteKey) {
        final List<ChumRecordRef> refs = store.chumRecords();
        final Map<Long, Boolean> withPeer = new HashMap<>();
        for (int i = refs.size() - 1; i >= 0; i--) {
            final ChumRecordRef ref = refs.get(i);
            if (ref.type() == FULL_SYNC && withPeer.computeIfAbsent(ref.origin(), session -> {
                final ChumRecord start = store.readChumRecord(session);
                if (start.recordType() != START) {
                    return false;
                }
                final Start s = Start.parse(start.body());
                return s.remotePerson().equals(remotePerson) && s.remoteKey().equals(remoteKey);
            })) {
                return parseJson(store.readChumRecord(ref.logIndex()).body()).path("highestRemoteTimestamp").asLong();
            }
        }
        return 0;
    }

    /**
     * Logs every chum of {@code store} that started but never ended because its process died: appends an ERROR
     * ({@code CS-INTERRUPTED}) and an END record and stores its Chum object, derived from what the log holds. A chum
     * running in this JVM or in another live process ({@link ChumRunners}) is left alone. Call it when the store is
     * opened.
     *
     * @return the Chum objects written, in log order
     */
    public static List<ChumResult> recoverInterrupted(final OneStore store) {
        final Sessions sessions = Sessions.of(store);
        final List<ChumResult> out = new ArrayList<>();
        final Map<String, Boolean> elsewhere = new HashMap<>();
        for (final long session : sessions.starts()) {
            if (sessions.ended().contains(session) || RUNNING.contains(runningKey(store.directory(), session))) {
                continue;
            }
            final String runner = runnerOf(store.readChumRecord(session).body());
            if (elsewhere.computeIfAbsent(runner, r -> ChumRunners.runsElsewhere(store.directory(), r))) {
                continue;
            }
            appendError(store, session, new ChumError(ErrorCode.INTERRUPTED.code(), "the chum was interrupted: its "
                + "process ended before it did; logged from its log records when the store was opened again",
                false));
            out.add(storeChumThenEnd(store, session, "interrupted", -1, null));
        }
        elsewhere.forEach((runner, running) -> {
            if (!running) {
                ChumRunners.forget(store.directory(), runner);
            }
        });
        return out;
    }

    /** The runner a START body names, or "" (a START of an older version). */
    private static String runnerOf(final byte[] startBody) {
        return parseJson(startBody).path("runner").asText("");
    }

    /**
     * The summaries of every chum this store ran that has ended, by the hash of the Chum object it derives to (the
     * object stored when it ended): what {@code chum chums} prints, with the full-sync flag and the duration
     * that only the log knows. Reads the log; writes nothing.
     */
    public static Map<Hash, ChumResult> endedChums(final OneStore store) {
        final Sessions sessions = Sessions.of(store);
        final Map<Hash, ChumResult> out = new LinkedHashMap<>();
        for (final long session : sessions.starts()) {
            if (sessions.ended().contains(session)) {
                // The END names the object's hash; only an END written before it did needs the hashes themselves.
                final Derived counted = derive(store, session, false);
                final Derived d = counted.chumHash != null ? counted : derive(store, session, true);
                final Hash hash;
                final IdHash idHash;
                if (d.chumHash != null) {
                    hash = d.chumHash;
                    idHash = chumIdOf(store, d.start);
                } else {
                    final Canonical.StreamedEncoding encoded = Canonical.hashStreamed(d.toChum(), store.recipes());
                    hash = encoded.hash();
                    idHash = encoded.idHash();
                }
                out.put(hash, d.result(hash, idHash, session));
            }
        }
        return out;
    }

    /**
     * Ends chum {@code session}: derives its Chum object from the log (with the END's {@code millis} and
     * {@code statistics}), stores it, and only then appends the END record. In this order a chum whose Chum object
     * could not be stored (a full disk, a crash in between) has no END, so {@link #recoverInterrupted} logs it when
     * the store is opened again; a crash after the Chum object but before the END costs a second version of it.
     *
     * @param statistics {@code requestsSentTotal, requestsReceivedTotal, requestsReceivedInvalid}, or null
     */
    static ChumResult storeChumThenEnd(final OneStore store, final long session, final String reason,
                                       final long millis, final ObjectNode statistics) {
        return storeChumThenEnd(store, session, reason, millis, statistics, null);
    }

    /**
     * {@link #storeChumThenEnd(OneStore, long, String, long, ObjectNode)} for a chum whose received lists were built
     * while it ran ({@code live}; null: read them from the log). A live watch that missed an event is not trusted:
     * the lists are then read from the log.
     */
    static ChumResult storeChumThenEnd(final OneStore store, final long session, final String reason,
                                       final long millis, final ObjectNode statistics, final LiveReceived live) {
        // the chum's records appended without waiting (SENT, EXISTS, ERROR) must be in the projection derive reads
        store.awaitQueuedWrites();
        final Derived d = derive(store, session, true, live == null ? null : live.finish());
        d.endMillis = millis;
        d.statistics = statistics;
        // streamed: the object lists every hash the chum transferred (70 MB of microdata for a million)
        final StoreResult stored = store.storeVersionedObject(d.toChum(), StoreAs.MERGE);
        appendEnd(store, session, reason, millis, statistics, stored.hash());
        return d.result(stored.hash(), stored.idHash(), session);
    }

    /** {@link #derive(OneStore, long, boolean)} with the hashes, as the Chum object needs them. */
    static Derived derive(final OneStore store, final long session) {
        return derive(store, session, true);
    }

    /**
     * What the log says about chum {@code session}; with {@code keepHashes} false only the counts of the transfer
     * lists (enough for a summary: no memory per entry).
     */
    static Derived derive(final OneStore store, final long session, final boolean keepHashes) {
        return derive(store, session, keepHashes, null);
    }

    /**
     * {@link #derive(OneStore, long, boolean)} with the received lists already built ({@link LiveReceived}), or read
     * from the log if {@code live} is null.
     */
    private static Derived derive(final OneStore store, final long session, final boolean keepHashes,
                                  final Received live) {
        final ChumRecord startRecord = store.readChumRecord(session);
        if (startRecord.recordType() != START) {
            throw new ChumException(ErrorCode.NOT_FOUND, "log record 0x" + Long.toHexString(session)
                + " is not the START of a chum");
        }
        final Derived d = new Derived(Start.parse(startRecord.body()), startRecord.timestamp(), keepHashes);
        long endIndex = -1;
        for (final ChumRecordRef ref : store.chumRecords()) {
            if (ref.origin() != session) {
                continue;
            }
            final ChumRecord r = store.readChumRecord(ref.logIndex());
            if (r.recordType() != END) {
                // END is appended after the Chum object was derived; deriving again later must give the same result.
                d.lastTimestamp = Math.max(d.lastTimestamp, r.timestamp());
            }
            switch (r.recordType()) {
                case SENT -> d.addSent(r.body());
                case EXISTS -> d.exists += parseJson(r.body()).path("count").asLong();
                case FULL_SYNC -> {
                    d.fullSync = true;
                    d.remoteTimestamp = Math.max(d.remoteTimestamp,
                        parseJson(r.body()).path("highestRemoteTimestamp").asLong());
                }
                case ERROR -> {
                    final JsonNode n = parseJson(r.body());
                    d.errors.add(new ChumError(n.path("code").asText(), n.path("message").asText(),
                        n.path("remote").asBoolean()));
                }
                case END -> {
                    endIndex = ref.logIndex();
                    final JsonNode n = parseJson(r.body());
                    d.endMillis = n.path("millis").asLong(-1);
                    d.statistics = n.get("statistics");
                    if (n.hasNonNull("chum")) {
                        d.chumHash = Hash.ofHex(n.get("chum").asText());
                    }
                }
                default -> {
                    // A record type of a later version: not part of the Chum object.
                }
            }
        }
        Received received = live;
        if (received == null) {
            received = new Received(keepHashes);
            try (LogTailer tailer = store.tailer(session)) {
                for (LogEvent e = tailer.next(); e != null && (endIndex < 0 || e.index() <= endIndex);
                     e = tailer.next()) {
                    if (e.origin() == session) {
                        received.add(e);
                    }
                }
            }
        }
        d.adopt(received);
        return d;
    }

    /**
     * The Chum ID of the chum whose START record is at log index {@code session}: the ID hash of the Chum object it
     * stores (the same on both sides), computed from the START record alone, so also for a chum still running.
     *
     * @throws ChumException NOT_FOUND if {@code session} is not the index of a START record
     */
    public static IdHash chumIdOf(final OneStore store, final long session) {
        final ChumRecord record = store.readChumRecord(session);
        if (record.recordType() != START || record.origin() != 0) {
            throw new ChumException(ErrorCode.NOT_FOUND, "log record 0x" + Long.toHexString(session)
                + " is not the START of a chum");
        }
        return chumIdOf(store, Start.parse(record.body()));
    }

    /** Every chum of {@code store}: its session id (the index of its START record) and its Chum ID, in log order. */
    public static Map<Long, IdHash> chumIds(final OneStore store) {
        final Map<Long, IdHash> ids = new LinkedHashMap<>();
        for (final ChumRecordRef ref : store.chumRecords()) {
            if (ref.type() == START && ref.origin() == 0) {
                ids.put(ref.logIndex(), chumIdOf(store, Start.parse(store.readChumRecord(ref.logIndex()).body())));
            }
        }
        return ids;
    }

    private static IdHash chumIdOf(final OneStore store, final Start start) {
        return Canonical.idHashOf(OneObject.of(CoreRecipes.CHUM, idValues(start)), store.recipes());
    }

    /** The ID properties of the Chum object of a chum: its name and the instance/person pairs in agreed order. */
    private static Map<String, Object> idValues(final Start start) {
        final boolean localFirst = ChumIdentity.localFirst(start.localInstance(), start.remoteInstance(),
            start.localPerson(), start.remotePerson());
        final Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", start.name());
        v.put("instance", localFirst ? List.of(start.localInstance(), start.remoteInstance())
            : List.of(start.remoteInstance(), start.localInstance()));
        v.put("person", localFirst ? List.of(start.localPerson().toHex(), start.remotePerson().toHex())
            : List.of(start.remotePerson().toHex(), start.localPerson().toHex()));
        return v;
    }

    /** A human-readable JSON description of a chum record, for log listings. */
    public static ObjectNode describe(final ChumRecord record) {
        final ObjectNode n = Json.object();
        final String[] names = {"?", "START", "SENT", "EXISTS", "FULL_SYNC", "ERROR", "END"};
        final int t = record.recordType();
        n.put("chumRecord", t > 0 && t < names.length ? names[t] : "type " + t);
        n.put("session", t == START ? record.index() : record.origin());
        if (t == SENT) {
            final List<OfferEntry> entries = decodeSent(record.body());
            n.put("entries", entries.size());
            final ArrayNode hashes = n.putArray("hashes");
            for (final OfferEntry e : entries) {
                hashes.add(e.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + e.hash().toHex());
            }
        } else if (t >= START && t <= END) {
            n.set("body", parseJson(record.body()));
        }
        return n;
    }

    private static List<OfferEntry> decodeSent(final byte[] body) {
        final ByteBuffer b = ByteBuffer.wrap(body);
        final int n = b.getInt();
        final List<OfferEntry> out = new ArrayList<>(n);
        final byte[] hash = new byte[Sha256Value.BYTES];
        for (int i = 0; i < n; i++) {
            final int code = b.get();
            if (code < 1 || code >= KINDS.length) {
                throw new ChumException(ErrorCode.CORRUPT_RECORD, "a SENT record names entry kind " + code);
            }
            b.get(hash);
            final EntryKind kind = KINDS[code];
            out.add(new OfferEntry(kind, kind == EntryKind.ID_OBJECT ? IdHash.ofBytes(hash, 0)
                : Hash.ofBytes(hash, 0), 0));
        }
        return out;
    }

    private static String runningKey(final Path dir, final long session) {
        return dir.toAbsolutePath().normalize() + "|" + session;
    }

    private static byte[] json(final JsonNode n) {
        return Json.write(n).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parseJson(final byte[] body) {
        return Json.parse(new String(body, StandardCharsets.UTF_8));
    }

    /** The chums of a store: the session ids of their STARTs in log order, and those that have an END. */
    private record Sessions(List<Long> starts, Set<Long> ended) {
        static Sessions of(final OneStore store) {
            final List<Long> starts = new ArrayList<>();
            final Set<Long> ended = new HashSet<>();
            for (final ChumRecordRef ref : store.chumRecords()) {
                if (ref.type() == START && ref.origin() == 0) {
                    starts.add(ref.logIndex());
                } else if (ref.type() == END) {
                    ended.add(ref.origin());
                }
            }
            return new Sessions(starts, ended);
        }
    }

    /**
     * The received half of a chum's transfer lists: the objects, ID objects, BLOBs and CLOBs stored with the chum's
     * session id as origin, in log order, as {@link HashList}s (32 bytes per entry) or only counted. NOT thread-safe:
     * filled by one thread, read after it is done.
     */
    static final class Received {
        static final int LISTS = 4;

        /** The four lists, or null when only counted. */
        private final HashList[] lists;
        private final long[] counts = new long[LISTS];
        /** The latest timestamp of the events taken, or {@code Long.MIN_VALUE}. */
        private long lastTimestamp = Long.MIN_VALUE;

        Received(final boolean keepHashes) {
            if (keepHashes) {
                lists = new HashList[LISTS];
                for (int i = 0; i < LISTS; i++) {
                    lists[i] = new HashList();
                }
            } else {
                lists = null;
            }
        }

        /**
         * Takes an event of the chum: an entry it stored goes into its list; every event, the chum's own records
         * included, counts for the time of the last one.
         */
        void add(final LogEvent e) {
            lastTimestamp = Math.max(lastTimestamp, e.timestamp());
            if (e instanceof ObjectWritten o) {
                add(0, o.hash());
            } else if (e instanceof IdObjectWritten i) {
                add(1, i.idHash());
            } else if (e instanceof BlobWritten b) {
                add(b.clob() ? 3 : 2, b.hash());
            }
        }

        private void add(final int list, final Sha256Value hash) {
            counts[list]++;
            if (lists != null) {
                lists[list].add(hash);
            }
        }
    }

    /**
     * The received lists of a running chum, built on the store's writer thread as it applies the chum's imports
     * ({@link OneStore#watchOrigin}), so that ending the chum does not read every imported record back from the
     * log. They equal what {@link #derive} reads from the log: the same events, in the same order. Memory: 32 bytes
     * per received entry for as long as the chum runs, as the Chum object needs at its end anyway.
     *
     * <p>Threading: created by the chum's reader thread right after its START, before anything is imported;
     * {@link #finish} and {@link #close} from any thread (not the store's writer).
     */
    static final class LiveReceived implements AutoCloseable {
        private final Received received = new Received(true);
        private final OneStore.OriginWatch watch;

        LiveReceived(final OneStore store, final long session) {
            this.watch = store.watchOrigin(session, received::add);
        }

        /** Stops the watch; the lists, or null if the watch missed an event (the log must be read instead). */
        Received finish() {
            watch.close();
            return watch.intact() ? received : null;
        }

        @Override
        public void close() {
            watch.close();
        }
    }

    /**
     * What the log says about one chum: its transfer lists as {@link HashList}s (32 bytes per entry), or only their
     * counts. NOT thread-safe: built and used by one call.
     */
    static final class Derived {
        /** The transfer lists in the order of {@link #LIST_NAMES}: AtoB objects, ID objects, BLOBs, CLOBs, then BtoA. */
        private static final String[] LIST_NAMES = {"AtoBObjects", "AtoBIdObjects", "AtoBBlob", "AtoBClob",
            "BtoAObjects", "BtoAIdObjects", "BtoABlob", "BtoAClob"};
        private static final int RECEIVED = 4;

        final Start start;
        final long startTimestamp;
        long lastTimestamp;
        /** The eight lists, or null when only counted. */
        private final HashList[] lists;
        private final long[] counts = new long[LIST_NAMES.length];
        final List<ChumError> errors = new ArrayList<>();
        long exists;
        boolean fullSync;
        long remoteTimestamp;
        long endMillis = -1;
        JsonNode statistics;
        /** The Chum object's hash as the END record names it, or null. */
        Hash chumHash;

        Derived(final Start start, final long startTimestamp, final boolean keepHashes) {
            this.start = start;
            this.startTimestamp = startTimestamp;
            this.lastTimestamp = startTimestamp;
            if (keepHashes) {
                lists = new HashList[LIST_NAMES.length];
                for (int i = 0; i < lists.length; i++) {
                    lists[i] = new HashList();
                }
            } else {
                lists = null;
            }
        }

        /** Adds the entries of a SENT record ({@code u32 n}, then n × {@code u8 kind, 32-byte hash}), decoded in place. */
        void addSent(final byte[] body) {
            final ByteBuffer b = ByteBuffer.wrap(body);
            final int n = b.getInt();
            if (n < 0 || body.length < 4 + (long) n * (1 + Sha256Value.BYTES)) {
                throw new ChumException(ErrorCode.CORRUPT_RECORD, "a SENT record of " + body.length
                    + " bytes claims " + n + " entries");
            }
            for (int i = 0, off = 4; i < n; i++, off += 1 + Sha256Value.BYTES) {
                final int code = body[off];
                if (code < 1 || code >= KINDS.length) {
                    throw new ChumException(ErrorCode.CORRUPT_RECORD, "a SENT record names entry kind " + code);
                }
                final int list = switch (KINDS[code]) {
                    case OBJECT -> 0;
                    case ID_OBJECT -> 1;
                    case BLOB -> 2;
                    case CLOB -> 3;
                };
                counts[list]++;
                if (lists != null) {
                    lists[list].add(body, off + 1);
                }
            }
        }

        /** Takes over the received half of the lists, and the time of the last received entry. */
        void adopt(final Received received) {
            lastTimestamp = Math.max(lastTimestamp, received.lastTimestamp);
            for (int i = 0; i < Received.LISTS; i++) {
                counts[RECEIVED + i] = received.counts[i];
                if (lists != null) {
                    lists[RECEIVED + i] = received.lists[i];
                }
            }
        }

        long highestRemoteTimestamp() {
            return fullSync ? remoteTimestamp : start.cursor();
        }

        long millis() {
            return endMillis >= 0 ? endMillis : Math.max(0, lastTimestamp - startTimestamp);
        }

        TransferCounts sentCounts() {
            return new TransferCounts(counts[0], counts[1], counts[2], counts[3]);
        }

        TransferCounts receivedCounts() {
            return new TransferCounts(counts[RECEIVED], counts[RECEIVED + 1], counts[RECEIVED + 2],
                counts[RECEIVED + 3]);
        }

        /** The summary of the chum whose Chum object has these hashes. */
        ChumResult result(final Hash hash, final IdHash idHash, final long session) {
            return new ChumResult(hash, idHash, session, start.name(), start.remotePerson(), start.remoteInstance(),
                sentCounts(), receivedCounts(), exists, errors, fullSync, highestRemoteTimestamp(), millis());
        }

        /**
         * The Chum object, its transfer lists streamed: the instance/person pairs ordered so that both sides compute
         * the same ID. Needs the hashes ({@code keepHashes}).
         */
        StreamedObject toChum() {
            if (lists == null) {
                throw new IllegalStateException("derived without the hashes");
            }
            final Map<String, Object> v = idValues(start);
            v.put("highestRemoteTimestamp", highestRemoteTimestamp());
            v.put("BtoAExists", exists);
            if (statistics != null && !statistics.isNull()) {
                v.put("statistics", statistics);
            }
            final ArrayNode errorArray = Json.array();
            for (final ChumError e : errors) {
                final ObjectNode n = errorArray.addObject();
                n.put("code", e.code());
                n.put("message", e.message());
                if (e.remote()) {
                    n.put("remote", true);
                }
            }
            v.put("errors", errorArray);
            final Map<String, HashList> streamed = new LinkedHashMap<>();
            for (int i = 0; i < lists.length; i++) {
                streamed.put(LIST_NAMES[i], lists[i]);
            }
            return new StreamedObject(OneObject.of(CoreRecipes.CHUM, v), streamed);
        }
    }
}
