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
import io.chum.model.Hash;
import io.chum.store.OneStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;

/** {@code chum log}: replays the event log, for debugging a replica. */
@Command(name = "log", description = {
    "Replays the store's event log: one event per line (index, time, origin, event and its fields).",
    "--from starts at a log position, --since at a time; --follow keeps tailing new events."})
final class LogCommand implements Runnable {
    private static final long FOLLOW_PARK_NANOS = 20_000_000L;

    @Mixin
    private CommonOptions common;

    @ArgGroup(exclusive = true)
    private Start start;

    @Option(names = "--follow", description = "Keep printing new events until interrupted.")
    private boolean follow;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only objects and ID objects of this ONE type.")
    private String type;

    /** Where to start. */
    static final class Start {
        @Option(names = "--from", paramLabel = "POS", description = "Start at this log position (an index printed by log).")
        Long from;

        @Option(names = "--since", paramLabel = "MS", description = "Start at the first event at or after this time (ms since the epoch).")
        Long since;
    }

    @Override
    public void run() {
        try (OneStore store = common.openStore()) {
            final long position = startPosition(store);
            final Output out = common.output();
            try (LogTailer tailer = store.tailer(position)) {
                while (true) {
                    final LogEvent event = tailer.next();
                    if (event == null) {
                        if (!follow) {
                            return;
                        }
                        LockSupport.parkNanos(FOLLOW_PARK_NANOS);
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        continue;
                    }
                    if (type == null || type.equals(typeOf(event))) {
                        print(out, event);
                    }
                }
            }
        }
    }

    private long startPosition(final OneStore store) {
        if (start == null) {
            return 0;
        }
        if (start.from != null) {
            if (start.from < 0) {
                throw new ChumException(ErrorCode.USAGE, "--from must not be negative");
            }
            return start.from;
        }
        return store.positionAt(start.since);
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
            text = "chum    record type " + c.recordType() + ", " + c.payload().length() + " bytes";
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
        out.emit(node, event.index() + "  " + Instant.ofEpochMilli(event.timestamp()) + "  "
            + (event.origin() == 0 ? "local" : "chum " + event.origin()) + "  " + text);
    }
}
