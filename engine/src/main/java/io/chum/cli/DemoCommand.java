package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.cli.demo.Demo;
import io.chum.cli.demo.DemoListener;
import io.chum.cli.demo.DemoReport;
import io.chum.cli.demo.DemoSettings;
import io.chum.sync.ChumResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code chum demo}: the whole system on an embedded default, checked. */
final class DemoCommand implements Runnable {
    static final CommandDef DEFINITION = CommandDef.named("demo")
        .description(
            "Runs two instances through a chum over TLS and checks the result: the main job, self-contained.",
            "Creates two stores, alice and bob, in a temporary directory; each trusts the other's key. Writes sample "
                + "data on both sides (notes with histories, albums of photos with BLOB and CLOB attachments, a group) "
                + "and grants some of it to the other side, some to carol (who has no instance here), and keeps the "
                + "rest private. Then runs one bidirectional keepRunning chum over TLS 1.3 on loopback (bob serves, "
                + "alice connects) with progress on stderr, times --writes new versions on each side until they arrive "
                + "on the other, stops the chum, runs a second, one-shot chum from the cursor the first left (it must "
                + "find nothing to transfer) and prints the first chum's summaries.",
            "",
            "It checks its own result: everything granted arrived, nothing ungranted did, the chums imported nothing "
                + "else, both Chum objects have the same ID and no errors, the second chum transferred nothing, both "
                + "stores verify, and both reopen from their files with everything in them and their keys. Exit 0 if "
                + "every check passes, 1 (with a 'chum: CS-DEMO' line) if one fails. The directory is removed at the "
                + "end unless --keep.")
        .flag("--json", "Machine output: the two chum summaries, then the demo report, as JSON lines on stdout.")
        .option("--objects", "N", DemoSettings.DEFAULT_OBJECTS, "About how many data objects (note and album versions, "
            + "photos) to write, split between alice and bob; at least " + DemoSettings.MIN_OBJECTS
            + " (default ${DEFAULT-VALUE}).")
        .option("--writes", "N", DemoSettings.DEFAULT_LIVE_WRITES,
            "keepRunning writes each way, each timed from write to arrival (default ${DEFAULT-VALUE}).")
        .option("--max-notification-delay", "MS", DemoSettings.DEFAULT_NOTIFICATION_DELAY,
            "The chum's maxNotificationDelay in ms, ≥ 1 (default ${DEFAULT-VALUE}).")
        .option("--dir", "DIR", "Create the demo's temporary directory in DIR (default: the system's temporary "
            + "directory).")
        .flag("--keep", "Keep the directory with both stores at the end (its path is printed).")
        .footer(
            "", "Examples:",
            "  chum demo                        # 10,000 objects, human output",
            "  chum demo --objects 2000 --json  # smaller; JSON lines",
            "  chum demo --keep                 # keep both stores to look at them")
        .build();

    private final CommonOptions common;
    private final int objects;
    private final int writes;
    private final int maxNotificationDelay;
    private final Path dir;
    private final boolean keep;

    DemoCommand(final CommonOptions common) {
        this.common = common;
        this.objects = common.args().intValue("--objects");
        this.writes = common.args().intValue("--writes");
        this.maxNotificationDelay = common.args().intValue("--max-notification-delay");
        this.dir = common.args().path("--dir");
        this.keep = common.args().has("--keep");
    }

    @Override
    public void run() {
        final Output out = common.output();
        final DemoSettings settings = new DemoSettings(objects, writes, maxNotificationDelay, dir, keep);
        final DemoReport report = Demo.run(settings, new Listener(out, common.err()));
        out.emit(summary(report.aliceChum(), "alice"), "alice: " + SyncCommand.describe(report.aliceChum()));
        out.emit(summary(report.bobChum(), "bob"), "bob:   " + SyncCommand.describe(report.bobChum()));
        out.emit(report.toJson(), text(report));
        if (!report.ok()) {
            throw new ChumException(ErrorCode.DEMO_FAILED, "the demo's checks failed: "
                + String.join("; ", report.failures()));
        }
    }

    private static ObjectNode summary(final ChumResult result, final String side) {
        final ObjectNode node = result.toJson();
        node.put("side", side);
        return node;
    }

    private static String text(final DemoReport r) {
        final String failed = r.checks().entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
            .collect(Collectors.joining(", "));
        final String checks = "checks: granted entries arrived (" + r.alice().grantedToPeer() + " at bob, "
            + r.bob().grantedToPeer() + " at alice), none of the " + (r.alice().withheldFromPeer()
            + r.bob().withheldFromPeer()) + " ungranted did, same Chum ID " + r.aliceChum().idHash().toHex()
            .substring(0, 12) + "…, no errors, nothing left for a second chum, both stores verify and reopen: "
            + (failed.isEmpty() ? "all passed" : "FAILED: " + failed);
        final String where = r.settings().keep() ? "; the stores are in " + r.directory()
            : "; removed " + r.directory();
        return checks + "\n" + String.format(Locale.ROOT, "demo %s in %.1f s%s",
            r.ok() ? "ok" : "FAILED", r.millis() / 1000.0, where);
    }

    /** Steps as text lines on stdout (text mode only), progress on stderr when it is a terminal. */
    private static final class Listener implements DemoListener {
        private final Output out;
        private final PrintWriter err;
        private Progress progress;

        Listener(final Output out, final PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public synchronized void step(final String line) {
            out.text(line);
        }

        @Override
        public synchronized void progressStart(final String label, final long itemsTotal, final long bytesTotal) {
            progressEnd();
            progress = Progress.onStderr(err, label);
            progress.totals(itemsTotal, bytesTotal);
        }

        @Override
        public synchronized void progressTotals(final long itemsTotal, final long bytesTotal) {
            if (progress != null) {
                progress.totals(itemsTotal, bytesTotal);
            }
        }

        @Override
        public synchronized void progress(final long items, final long bytes) {
            if (progress != null) {
                progress.update(items, bytes);
            }
        }

        @Override
        public synchronized void progressEnd() {
            if (progress != null) {
                progress.close();
                progress = null;
            }
        }
    }
}
