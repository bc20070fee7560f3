package io.chum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.BlobWritten;
import io.chum.log.ChumRecord;
import io.chum.log.HeadChanged;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.log.ObjectWritten;
import io.chum.log.TrustChanged;
import io.chum.microdata.Microdata;
import io.chum.model.CoreRecipes;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Json;
import io.chum.model.ReferenceKind;
import io.chum.model.Sha256;
import io.chum.store.OneStore;
import io.chum.sync.ChumLog;

import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/** {@code chum log}: replays the event log, for debugging a replica. */
final class LogCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("log")
        .description(
            "Replays the store's event log: one event per line (index, time, origin, event and its fields).",
            "--from starts at a log position, --since at a time; --follow keeps tailing new events. --type keeps the "
                + "objects of one type, --chum the events of one chum (its records, what it imported, its Chum "
                + "object).")
        .option("--from", "POS", "Start at this log position (an index printed by log).")
        .option("--since", "MS", "Start at the first event at or after this time (ms since the epoch).")
        .oneOf(false, "--from", "--since")
        .flag("--follow", "Keep printing new events until interrupted.")
        .option("--type", "TYPE", "Only objects and ID objects of this ONE type.")
        .option("--chum", "IDH", "Only the events of the chums with this Chum ID (the chum's idHash, as printed by "
            + "sync, serve and chums): their log records, the entries they imported, and the versions of their Chum "
            + "object (objects, version nodes, heads).")
        .footer(
            "", "Examples:",
            "  chum log --store /tmp/alice --follow",
            "  chum log --store /tmp/alice --chum CHUM_ID_HASH --json")
        .build();

    private static final long FOLLOW_PARK_NANOS = 20_000_000L;

    private final CommonOptions common;
    /** Where to start: at most one of these is set. */
    private final Long from;
    private final Long since;
    private final boolean follow;
    private final String type;
    private final String chum;

    LogCommand(final CommonOptions common) {
        this.common = common;
        this.from = common.args().longValue("--from");
        this.since = common.args().longValue("--since");
        this.follow = common.args().has("--follow");
        this.type = common.args().value("--type");
        this.chum = common.args().value("--chum");
    }

    @Override
    public void run() {
        final IdHash chumId = chum == null ? null : HashArgument.parse(chum).asIdHash();
        try (OneStore store = common.openStore()) {
            final ChumFilter chums = chumId == null ? null : ChumFilter.of(store, chumId, follow);
            long position = startPosition(store);
            if (chums != null && from == null && since == null) {
                position = chums.firstSession();
            }
            final Output out = common.output();
            try (LogTailer tailer = store.tailer(position)) {
                while (true) {
                    final LogEvent event = tailer.next();
                    if (event == null) {
                        // Caught up: what was printed goes out now, and a closed stdout ends the replay.
                        out.flush();
                        if (!follow) {
                            return;
                        }
                        LockSupport.parkNanos(FOLLOW_PARK_NANOS);
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        continue;
                    }
                    if ((type == null || type.equals(typeOf(event))) && (chums == null || chums.matches(event))) {
                        print(out, event);
                    }
                }
            }
        }
    }

    /**
     * Which events belong to the chums with one Chum ID: the START records whose chum has that ID (found in the log,
     * and while following, as they are appended), every event whose origin is one of those sessions (their other
     * records and the entries they imported), and the Chum object's ID object, versions and heads. NOT thread-safe.
     */
    private static final class ChumFilter {
        private final OneStore store;
        private final IdHash chumId;
        private final Set<Long> sessions = new HashSet<>();
        private final Set<Hash> chumObjects = new HashSet<>();

        private ChumFilter(final OneStore store, final IdHash chumId) {
            this.store = store;
            this.chumId = chumId;
        }

        static ChumFilter of(final OneStore store, final IdHash chumId, final boolean follow) {
            final ChumFilter f = new ChumFilter(store, chumId);
            ChumLog.chumIds(store).forEach((session, id) -> {
                if (id.equals(chumId)) {
                    f.sessions.add(session);
                }
            });
            if (f.sessions.isEmpty() && !follow) {
                throw new ChumException(ErrorCode.NOT_FOUND, "no chum with Chum ID " + chumId + " in "
                    + store.directory() + " (see 'chum chums')");
            }
            return f;
        }

        /** Where the first matching chum starts, or the log's end if none has yet. */
        long firstSession() {
            return sessions.stream().mapToLong(Long::longValue).min().orElse(store.logEnd());
        }

        boolean matches(final LogEvent event) {
            if (event instanceof ChumRecord c && c.recordType() == ChumLog.START && c.origin() == 0) {
                if (!sessions.contains(c.index()) && ChumLog.chumIdOf(store, c.index()).equals(chumId)) {
                    sessions.add(c.index());
                }
                return sessions.contains(c.index());
            }
            if (event.origin() != 0) {
                return sessions.contains(event.origin());
            }
            if (event instanceof IdObjectWritten i) {
                return i.idHash().equals(chumId);
            }
            if (event instanceof HeadChanged h) {
                return h.id().equals(chumId);
            }
            if (event instanceof ObjectWritten o && CoreRecipes.CHUM.equals(o.type())) {
                // Cut the ID properties out rather than parse: a Chum object may list a million hashes.
                final byte[] idMicrodata = Microdata.extractIdMicrodata(store.readMicrodata(o.hash()),
                    store.recipes().recipe(CoreRecipes.CHUM));
                if (Sha256.idHash(idMicrodata).equals(chumId)) {
                    chumObjects.add(o.hash());
                    return true;
                }
                return false;
            }
            if (event instanceof ObjectWritten o && CoreRecipes.VERSION_NODE_TYPES.contains(o.type())) {
                // A version node of the Chum object names it as data (its other references are version nodes).
                return Microdata.references(o.payload().bytes()).stream()
                    .anyMatch(r -> r.kind() == ReferenceKind.OBJ && chumObjects.contains(r.hash()));
            }
            return false;
        }
    }

    private long startPosition(final OneStore store) {
        if (from != null) {
            if (from < 0) {
                throw new ChumException(ErrorCode.USAGE, "--from must not be negative");
            }
            return from;
        }
        return since == null ? 0 : store.positionAt(since);
    }

    /** A chum record in one line: its kind, session and body (a SENT record: how many entries). */
    private static String describe(final ObjectNode record) {
        final StringBuilder b = new StringBuilder(record.path("chumRecord").asText()).append("  session ")
            .append(record.path("session").asLong());
        if (record.has("entries")) {
            b.append("  ").append(record.get("entries").asInt()).append(" entries");
        }
        if (record.has("body")) {
            b.append("  ").append(Json.write(record.get("body")));
        }
        return b.toString();
    }

    private static String typeOf(final LogEvent event) {
        if (event instanceof ObjectWritten o) {
            return o.type();
        }
        if (event instanceof IdObjectWritten i) {
            return i.type();
        }
        return null;
    }

    static void print(final Output out, final LogEvent event) {
        final ObjectNode node = out.object();
        node.put("index", event.index());
        node.put("time", event.timestamp());
        node.put("origin", event.origin());
        final String text;
        if (event instanceof ObjectWritten o) {
            node.put("event", "object");
            node.put("hash", o.hash().toHex());
            node.put("type", o.type());
            node.put("size", o.payload().length());
            text = "object  " + o.hash() + "  " + o.type();
        } else if (event instanceof IdObjectWritten i) {
            node.put("event", "id");
            node.put("hash", i.idHash().toHex());
            node.put("type", i.type());
            node.put("size", i.payload().length());
            text = "id      " + i.idHash() + "  " + i.type();
        } else if (event instanceof BlobWritten b) {
            node.put("event", b.clob() ? "clob" : "blob");
            node.put("hash", b.hash().toHex());
            node.put("size", b.size());
            text = (b.clob() ? "clob    " : "blob    ") + b.hash() + "  " + b.size() + " bytes";
        } else if (event instanceof HeadChanged h) {
            node.put("event", "head");
            node.put("idHash", h.id().toHex());
            node.put("node", h.node().toHex());
            node.put("data", h.data().toHex());
            node.put("depth", h.depth());
            node.put("creationTime", h.creationTime());
            final ArrayNode replaces = node.putArray("replaces");
            for (final Hash r : h.replaces()) {
                replaces.add(r.toHex());
            }
            text = "head    " + h.id() + " -> " + h.node() + "  data " + h.data();
        } else if (event instanceof ChumRecord c) {
            node.put("event", "chum");
            node.put("recordType", c.recordType());
            node.put("size", c.payload().length());
            final ObjectNode described = ChumLog.describe(c);
            node.setAll(described);
            text = "chum    " + describe(described);
        } else if (event instanceof TrustChanged t) {
            node.put("event", "trust");
            node.put("email", t.email());
            node.put("person", t.person().toHex());
            node.put("key", HexFormat.of().formatHex(t.publicSignKey()));
            node.put("revoked", t.revoked());
            text = "trust   " + t.email() + "  " + HexFormat.of().formatHex(t.publicSignKey())
                + (t.revoked() ? "  revoked" : "");
        } else {
            throw new IllegalStateException("unknown event " + event);
        }
        out.line(node, event.index() + "  " + Instant.ofEpochMilli(event.timestamp()) + "  "
            + (event.origin() == 0 ? "local" : "chum " + event.origin()) + "  " + text);
    }
}
