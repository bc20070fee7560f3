package io.chum.cli.demo;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.identity.PeerKey;
import io.chum.identity.TlsConfig;
import io.chum.microdata.Canonical;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.OneObject;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import io.chum.store.TrustEntry;
import io.chum.store.VerifyReport;
import io.chum.sync.ChumApi;
import io.chum.sync.ChumProgress;
import io.chum.sync.ChumResult;
import io.chum.sync.ChumServer;
import io.chum.sync.ChumSync;
import io.chum.sync.ChumSyncOptions;
import io.chum.sync.FullSync;
import io.chum.transport.Connection;
import io.chum.transport.ServerLimits;
import io.chum.transport.TcpServer;
import io.chum.transport.TcpTransport;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The demo: two instances, alice and bob, in a temporary directory; trust both ways; sample data on both sides
 * ({@link SampleData}) with grants in both directions, some to a group, some to carol (who has no instance here),
 * much of it private; one bidirectional keepRunning chum over TLS 1.3 on loopback (bob serves with a
 * {@link ChumServer} on a {@link TcpServer}, alice connects, as {@code chum serve} and {@code chum sync} do); once
 * both directions achieved full sync, timed writes on each side that must arrive on the other; then the chum is
 * stopped, a second, one-shot chum runs from the cursor the first left, and the outcome is checked without trusting
 * the engine: every entry the demo granted arrived, no entry it withheld did, the chums imported nothing ungranted,
 * both Chum objects have the same ID and no errors, the second chum transferred nothing, both stores verify, and
 * both, closed and opened again from their files as every command opens a store, still hold everything and load
 * their identities from their key files.
 *
 * <p>Runs on the calling thread (with writer threads of its own); one run at a time per directory.
 */
public final class Demo {
    /** The chum's name: part of the Chum ID. */
    public static final String CHUM_NAME = "demo";
    static final String ALICE_EMAIL = "alice@demo.chum";
    static final String BOB_EMAIL = "bob@demo.chum";
    static final String CAROL_EMAIL = "carol@demo.chum";
    static final String GROUP_NAME = "friends";

    private static final int WRITER_THREADS = 16;
    private static final long ARRIVAL_TIMEOUT_SECONDS = 30;
    private static final long END_TIMEOUT_SECONDS = 120;
    private static final long MAX_TRACKED_MICROS = TimeUnit.SECONDS.toMicros(ARRIVAL_TIMEOUT_SECONDS * 2);
    private static final long TICK_MILLIS = 100;

    private final DemoSettings settings;
    private final DemoListener listener;
    private final Path directory;
    private final DemoSide alice;
    private final DemoSide bob;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
        daemons("chum-demo-progress"));
    private final List<String> failures = new ArrayList<>();
    /** True until full sync: the chum's progress goes to the "sync" display only (it keeps reporting after). */
    private volatile boolean syncing = true;

    private Demo(final DemoSettings settings, final DemoListener listener, final Path directory,
                 final DemoSide alice, final DemoSide bob) {
        this.settings = settings;
        this.listener = listener;
        this.directory = directory;
        this.alice = alice;
        this.bob = bob;
    }

    /**
     * Runs the demo and returns its report (check {@link DemoReport#ok()}). The directory is removed at the end,
     * also when the run fails, unless {@code settings.keep()}.
     *
     * @throws ChumException when the demo cannot run to its end (an I/O error, a chum that failed before full sync,
     *                       a peer that is not trusted); failed checks are in the report instead
     */
    public static DemoReport run(final DemoSettings settings, final DemoListener listener) {
        final long start = System.nanoTime();
        final Path directory = createDirectory(settings.parent());
        // Ctrl-C ends the JVM through its shutdown hooks: do not leave two stores behind.
        final Thread removeOnExit = new Thread(() -> removeQuietly(directory), "chum-demo-cleanup");
        if (!settings.keep()) {
            Runtime.getRuntime().addShutdownHook(removeOnExit);
        }
        try {
            final DemoReport report;
            try (DemoSide a = DemoSide.create("alice", directory.resolve("alice"), ALICE_EMAIL, "AliceLaptop");
                 DemoSide b = DemoSide.create("bob", directory.resolve("bob"), BOB_EMAIL, "BobPhone")) {
                final Demo demo = new Demo(settings, listener, directory, a, b);
                try {
                    report = demo.execute(start);
                } finally {
                    demo.ticker.shutdownNow();
                }
            }
            return report;
        } finally {
            if (!settings.keep()) {
                Runtime.getRuntime().removeShutdownHook(removeOnExit);
                remove(directory);
            }
        }
    }

    private DemoReport execute(final long start) {
        setUp();
        final SampleData aliceData = sampleData(alice, bob, aliceShare(settings.objects()));
        final SampleData bobData = sampleData(bob, alice, settings.objects() - aliceShare(settings.objects()));
        writeSampleData(aliceData, bobData);

        final CompletableFuture<ChumResult> bobResult = new CompletableFuture<>();
        final ChumServer chums = new ChumServer(bob.store, bob.identity,
            o -> o.keepRunning(true).maxNotificationDelay(settings.maxNotificationDelay()), bobResult::complete,
            bob.backgroundErrors::add);
        final ChumResult aliceChum;
        final ChumResult bobChum;
        final DemoReport.Sync sync;
        final DemoReport.Latency latency;
        try (TcpServer server = TcpServer.start("127.0.0.1", 0, bob.tls, chums, ServerLimits.defaults())) {
            final String address = "127.0.0.1:" + server.port();
            final long chumStart = System.nanoTime();
            listener.progressStart("sync", -1, -1);
            final ChumApi chum = connect(address, server.port(), true);
            try {
                sync = awaitFullSync(chum, address, chumStart);
                latency = keepRunning(aliceData, bobData);
            } finally {
                // Also when a phase failed: end the chum before the server and the stores close under it.
                chum.stop();
            }
            aliceChum = await(chum.result(), "alice's chum");
            bobChum = await(bobResult, "bob's chum");
        }
        final DemoReport.SecondChum second = secondChum();
        return check(aliceChum, bobChum, sync, latency, second, start);
    }

    private void setUp() {
        alice.trust(bob);
        bob.trust(alice);
        listener.step("alice (" + alice.identity.instanceName() + ") and bob (" + bob.identity.instanceName()
            + "): two new stores in " + directory + ", each trusting the other's key");
    }

    /** Alice writes a little more than bob, so that the two directions are told apart in the output. */
    private static int aliceShare(final int objects) {
        return (int) Math.round(objects * 0.55);
    }

    /** The plan for {@code side}, after storing carol's Person and the group of the peer and carol there. */
    private static SampleData sampleData(final DemoSide side, final DemoSide peer, final int objects) {
        final IdHash carol = side.knowPerson(CAROL_EMAIL);
        final IdHash group = side.group(GROUP_NAME, List.of(peer.person(), carol));
        return new SampleData(side, SampleData.Plan.forObjects(objects), peer.person(), carol, group);
    }

    // ---- sample data ----

    private void writeSampleData(final SampleData aliceData, final SampleData bobData) {
        final long t0 = System.nanoTime();
        final long planned = SampleData.Plan.forObjects(aliceShare(settings.objects())).objects()
            + SampleData.Plan.forObjects(settings.objects() - aliceShare(settings.objects())).objects();
        listener.progressStart("writing sample data", planned, -1);
        final ExecutorService alicePool = Executors.newFixedThreadPool(WRITER_THREADS, daemons("chum-demo-alice"));
        final ExecutorService bobPool = Executors.newFixedThreadPool(WRITER_THREADS, daemons("chum-demo-bob"));
        try (Tick tick = tick(() -> listener.progress(alice.dataObjects.get() + bob.dataObjects.get(),
            alice.blobBytes.get() + bob.blobBytes.get()))) {
            final CompletableFuture<Void> aliceDone = CompletableFuture.runAsync(() -> aliceData.write(alicePool),
                alicePool);
            bobData.write(bobPool);
            join(aliceDone);
        } finally {
            alicePool.shutdownNow();
            bobPool.shutdownNow();
            listener.progressEnd();
        }
        listener.step(String.format(Locale.ROOT, "wrote sample data in %.1f s: %s; %s", seconds(t0),
            written(alice), written(bob)));
        listener.step(String.format(Locale.ROOT, "granted: alice → bob %,d notes (all versions) and %,d albums, "
                + "bob → alice %,d notes and %,d albums, some through the group \"%s\"; more for carol (no instance "
                + "here), the rest private", alice.idAccessRoots.size(), alice.accessRoots.size(),
            bob.idAccessRoots.size(), bob.accessRoots.size(), GROUP_NAME));
    }

    private static String written(final DemoSide side) {
        return String.format(Locale.ROOT, "%s %,d objects, %,d BLOBs, %,d CLOBs (%s)", side.name,
            side.dataObjects.get(), side.written.blobs.size(), side.written.clobs.size(),
            mib(side.blobBytes.get()));
    }

    // ---- the chum ----

    /** Alice's chum to bob's server; bob is the person the server's key is trusted for, as in {@code chum sync}. */
    private ChumApi connect(final String address, final int port, final boolean keepRunning) {
        final Connection connection = TcpTransport.connect("127.0.0.1", port, alice.tls, Duration.ofSeconds(10));
        final TrustEntry peer = alice.store.trustedKey(connection.peerKey().raw()).orElseThrow(() -> {
            connection.close("untrusted peer");
            return new ChumException(ErrorCode.UNTRUSTED_PEER, "the key " + connection.peerKey().hex() + " of "
                + address + " is not trusted by alice's store");
        });
        return ChumSync.createChum(ChumSyncOptions.builder()
            .store(alice.store)
            .connection(connection)
            .identity(alice.identity)
            .remotePersonId(peer.person())
            .chumName(CHUM_NAME)
            .keepRunning(keepRunning)
            .maxNotificationDelay(settings.maxNotificationDelay())
            .errorHandler(alice.backgroundErrors::add)
            .progressListener(p -> {
                if (!syncing) {
                    return;
                }
                listener.progressTotals(p.offeredEntries() + p.remoteTotalEntries(),
                    p.offeredBytes() + p.remoteTotalBytes());
                listener.progress(p.sentEntries() + p.receivedEntries(), p.sentBytes() + p.receivedBytes());
            })
            .build());
    }

    private DemoReport.Sync awaitFullSync(final ChumApi chum, final String address, final long chumStart) {
        final CompletableFuture<FullSync> full = new CompletableFuture<>();
        chum.onFullSync(full::complete);
        try {
            CompletableFuture.anyOf(full, chum.result()).join();
        } catch (final CompletionException e) {
            throw ChumException.wrap(e.getCause() != null ? e.getCause() : e, ErrorCode.INTERNAL);
        } finally {
            syncing = false;
            listener.progressEnd();
        }
        if (!full.isDone()) {
            final ChumResult r = chum.result().join();
            final String first = r.errors().isEmpty() ? "no error recorded" : r.errors().get(0).code() + ": "
                + r.errors().get(0).message();
            throw new ChumException(r.errors().isEmpty() ? ErrorCode.INTERNAL
                : ErrorCode.fromCode(r.errors().get(0).code()), "the chum ended before full sync (" + first + ")");
        }
        final long millis = (System.nanoTime() - chumStart) / 1_000_000;
        final ChumProgress p = chum.progress();
        final DemoReport.Sync sync = new DemoReport.Sync(address, millis, p.sentEntries() + p.receivedEntries(),
            p.sentBytes() + p.receivedBytes());
        listener.step(String.format(Locale.ROOT, "full sync both ways over TLS 1.3 (%s) in %.1f s: %,d entries, %s",
            address, millis / 1000.0, sync.entries(), mib(sync.bytes())));
        return sync;
    }

    /** Timed writes on both sides at once, each side one write in flight; returns both directions' latency. */
    private DemoReport.Latency keepRunning(final SampleData aliceData, final SampleData bobData) {
        final int writes = settings.liveWrites();
        final AtomicLong arrived = new AtomicLong();
        final ExecutorService aliceWriter = Executors.newSingleThreadExecutor(daemons("chum-demo-live"));
        listener.progressStart("keepRunning writes", 2L * writes, -1);
        final Histogram both = new Histogram(MAX_TRACKED_MICROS, 3);
        try (LatencyProbe atBob = new LatencyProbe(bob.store, bob.backgroundErrors::add);
             LatencyProbe atAlice = new LatencyProbe(alice.store, alice.backgroundErrors::add);
             Tick tick = tick(() -> listener.progress(arrived.get(), 0))) {
            final CompletableFuture<Histogram> aliceToBob = CompletableFuture.supplyAsync(
                () -> liveWrites(alice, aliceData, atBob, writes, arrived), aliceWriter);
            final Histogram bobToAlice = liveWrites(bob, bobData, atAlice, writes, arrived);
            both.add(join(aliceToBob));
            both.add(bobToAlice);
        } finally {
            aliceWriter.shutdownNow();
            listener.progressEnd();
        }
        final DemoReport.Latency latency = new DemoReport.Latency(both.getValueAtPercentile(50) / 1000.0,
            both.getValueAtPercentile(99) / 1000.0, both.getMaxValue() / 1000.0, both.getTotalCount(),
            settings.maxNotificationDelay());
        final String arrivals = latency.samples() == 2L * writes ? String.format(Locale.ROOT, "%,d writes each way",
            writes) : String.format(Locale.ROOT, "only %,d of %,d writes arrived", latency.samples(), 2L * writes);
        listener.step(String.format(Locale.ROOT, "keepRunning: %s, write → arrival p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms (maxNotificationDelay %d ms)", arrivals, latency.p50Ms(), latency.p99Ms(),
            latency.maxMs(), latency.maxNotificationDelay()));
        return latency;
    }

    /**
     * {@code writes} new versions of {@code from}'s shared notes, one at a time, each timed until the peer holds it;
     * every tenth write is followed by an edit of a private note, which must stay where it is.
     */
    private Histogram liveWrites(final DemoSide from, final SampleData data, final LatencyProbe atPeer,
                                 final int writes, final AtomicLong arrived) {
        final Histogram h = new Histogram(MAX_TRACKED_MICROS, 3);
        final List<SampleData.Note> shared = data.sharedNotes;
        for (int i = 0; i < writes; i++) {
            final SampleData.Note note = shared.get(i % shared.size());
            final OneObject version = data.nextVersion(note, SampleData.VERSIONS_PER_NOTE + 1 + i / shared.size(),
                "Live edit " + i + " by " + from.name + ".");
            final Hash hash = Canonical.encode(version, from.store.recipes()).hash();
            final CompletableFuture<Long> arrival = atPeer.expect(hash);
            final long t0 = System.nanoTime();
            from.version(version);
            try {
                final long t1 = arrival.get(ARRIVAL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                h.recordValue(Math.min(MAX_TRACKED_MICROS, Math.max(0, (t1 - t0) / 1000)));
                arrived.incrementAndGet();
            } catch (final TimeoutException e) {
                synchronized (failures) {
                    failures.add("keepRunning: " + from.name + "'s write " + i + " (" + hash.toHex() + ") did not "
                        + "arrive within " + ARRIVAL_TIMEOUT_SECONDS + " s");
                }
                return h;
            } catch (final ExecutionException e) {
                throw ChumException.wrap(e.getCause(), ErrorCode.INTERNAL);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChumException(ErrorCode.INTERNAL, "interrupted while waiting for a keepRunning write", e);
            }
            if (i % 10 == 9 && !data.privateNotes.isEmpty()) {
                final SampleData.Note secret = data.privateNotes.get((i / 10) % data.privateNotes.size());
                from.version(data.nextVersion(secret, SampleData.VERSIONS_PER_NOTE + 1 + i,
                    "Private edit " + i + " by " + from.name + "."));
            }
        }
        return h;
    }

    /**
     * A one-shot chum after the keepRunning one ended, as a later {@code chum sync} would run: it starts from the
     * cursor the first chum left in the log, finds that each side has everything the other may access, and so
     * transfers nothing.
     */
    private DemoReport.SecondChum secondChum() {
        final CompletableFuture<ChumResult> bobResult = new CompletableFuture<>();
        final ChumServer chums = new ChumServer(bob.store, bob.identity, o -> o, bobResult::complete,
            bob.backgroundErrors::add);
        try (TcpServer server = TcpServer.start("127.0.0.1", 0, bob.tls, chums, ServerLimits.defaults())) {
            final long t0 = System.nanoTime();
            final ChumApi chum = connect("127.0.0.1:" + server.port(), server.port(), false);
            final ChumResult aliceChum = await(chum.result(), "alice's second chum");
            final ChumResult bobChum = await(bobResult, "bob's second chum");
            final DemoReport.SecondChum second = new DemoReport.SecondChum(aliceChum, bobChum,
                (System.nanoTime() - t0) / 1_000_000);
            final String outcome = second.entries() == 0 ? "nothing to transfer"
                : String.format(Locale.ROOT, "%,d entries counted sent or received", second.entries());
            listener.step(String.format(Locale.ROOT, "a second chum, one-shot from the first one's cursor, in %.1f s: "
                + "%s", second.millis() / 1000.0, outcome));
            return second;
        }
    }

    // ---- checks ----

    private DemoReport check(final ChumResult aliceChum, final ChumResult bobChum, final DemoReport.Sync sync,
                             final DemoReport.Latency latency, final DemoReport.SecondChum second,
                             final long start) {
        final Entries aliceToBob = alice.grantedToPeer();
        final Entries bobToAlice = bob.grantedToPeer();
        final Entries missingAtBob = aliceToBob.missingIn(bob.store);
        final Entries missingAtAlice = bobToAlice.missingIn(alice.store);
        final Entries withheldFromBob = alice.written.minus(aliceToBob);
        final Entries withheldFromAlice = bob.written.minus(bobToAlice);
        final Entries leakedToBob = withheldFromBob.presentIn(bob.store);
        final Entries leakedToAlice = withheldFromAlice.presentIn(alice.store);
        final Entries ungrantedAtBob = Entries.importedBy(bob.store, bobChum.sessionId()).minus(aliceToBob);
        final Entries ungrantedAtAlice = Entries.importedBy(alice.store, aliceChum.sessionId()).minus(bobToAlice);
        final VerifyReport aliceVerify = verify(alice);
        final VerifyReport bobVerify = verify(bob);

        final Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("grantedArrived", check(missingAtBob.isEmpty() && missingAtAlice.isEmpty(),
            "granted entries missing: at bob " + missingAtBob.size() + " (" + missingAtBob.sample(3) + "), at alice "
                + missingAtAlice.size() + " (" + missingAtAlice.sample(3) + ")"));
        checks.put("ungrantedStayed", check(leakedToBob.isEmpty() && leakedToAlice.isEmpty(),
            "ungranted entries arrived: at bob " + leakedToBob.size() + " (" + leakedToBob.sample(3) + "), at alice "
                + leakedToAlice.size() + " (" + leakedToAlice.sample(3) + ")"));
        checks.put("onlyGrantedImported", check(ungrantedAtBob.isEmpty() && ungrantedAtAlice.isEmpty(),
            "the chums imported ungranted entries: bob " + ungrantedAtBob.size() + " (" + ungrantedAtBob.sample(3)
                + "), alice " + ungrantedAtAlice.size() + " (" + ungrantedAtAlice.sample(3) + ")"));
        checks.put("sameChumId", check(aliceChum.idHash().equals(bobChum.idHash()),
            "the Chum IDs differ: alice " + aliceChum.idHash() + ", bob " + bobChum.idHash()));
        checks.put("noErrors", check(aliceChum.ok() && bobChum.ok() && alice.backgroundErrors.isEmpty()
            && bob.backgroundErrors.isEmpty(), "errors: alice's chum " + aliceChum.errors() + ", bob's chum "
            + bobChum.errors() + ", background " + alice.backgroundErrors + " " + bob.backgroundErrors));
        checks.put("fullSync", check(aliceChum.fullSync() && bobChum.fullSync(),
            "full sync: alice " + aliceChum.fullSync() + ", bob " + bobChum.fullSync()));
        checks.put("liveWritesArrived", latency.samples() == 2L * settings.liveWrites());
        checks.put("secondChumIdle", check(second.idle(), "the second chum: " + second.entries() + " entries counted "
            + "sent or received (none expected), full sync alice " + second.alice().fullSync() + ", bob "
            + second.bob().fullSync() + ", errors " + second.alice().errors() + " " + second.bob().errors()));
        checks.put("verify", check(aliceVerify.ok() && bobVerify.ok(), "verify: alice "
            + aliceVerify.problems().size() + " problems, bob " + bobVerify.problems().size() + " problems"));

        final DemoReport.Side a = side(alice, aliceToBob, withheldFromBob, missingAtBob, leakedToBob, ungrantedAtBob,
            aliceVerify);
        final DemoReport.Side b = side(bob, bobToAlice, withheldFromAlice, missingAtAlice, leakedToAlice,
            ungrantedAtAlice, bobVerify);
        // Last, because it closes the stores the checks above read.
        final String aliceReopened = reopen(alice, bobToAlice);
        final String bobReopened = reopen(bob, aliceToBob);
        checks.put("reopened", check(aliceReopened.isEmpty() && bobReopened.isEmpty(),
            "reopened: " + (aliceReopened + " " + bobReopened).trim()));
        final long millis = (System.nanoTime() - start) / 1_000_000;
        return new DemoReport(settings, directory, a, b, aliceChum, bobChum, sync, latency, second, checks, failures,
            millis);
    }

    private boolean check(final boolean ok, final String failure) {
        if (!ok) {
            failures.add(failure);
        }
        return ok;
    }

    /**
     * Closes {@code side}'s store and checks it opened again from its files ({@link #reopenedIntact}). Returns what is
     * wrong, or an empty string.
     */
    private String reopen(final DemoSide side, final Entries fromPeer) {
        listener.progressStart("reopen " + side.name, -1, -1);
        try {
            side.store.close();
            return reopenedIntact(side.name, side.store.directory(), side.written, fromPeer,
                side.identity.keys().peerKey());
        } finally {
            listener.progressEnd();
        }
    }

    /**
     * Opens the closed store in {@code dir} as every command opens a store and checks that it still holds {@code own}
     * (what was written there) and {@code received} (what a chum brought), and that its identity loads from its key
     * files with {@code key}. Returns what is wrong, prefixed by {@code name}, or an empty string; the store is closed
     * again either way.
     */
    static String reopenedIntact(final String name, final Path dir, final Entries own, final Entries received,
                                 final PeerKey key) {
        try (OneStore store = OneStore.open(dir, StoreConfig.defaults())) {
            final Entries lost = own.missingIn(store);
            final Entries lostReceived = received.missingIn(store);
            if (!lost.isEmpty() || !lostReceived.isEmpty()) {
                return name + " lost " + lost.size() + " of its own entries (" + lost.sample(3) + ") and "
                    + lostReceived.size() + " it received (" + lostReceived.sample(3) + ")";
            }
            final LocalIdentity identity = LocalIdentity.load(store);
            TlsConfig.forInstance(store.privateDirectory(), identity.keys());
            return identity.keys().peerKey().equals(key) ? "" : name + "'s key files hold another key";
        } catch (final ChumException e) {
            return name + " did not reopen: " + e.getMessage();
        }
    }

    private VerifyReport verify(final DemoSide side) {
        listener.progressStart("verify " + side.name, -1, -1);
        try {
            return side.store.verify((checked, total) -> {
                listener.progressTotals(total, -1);
                listener.progress(checked, 0);
            });
        } finally {
            listener.progressEnd();
        }
    }

    private static DemoReport.Side side(final DemoSide s, final Entries granted, final Entries withheld,
                                        final Entries missing, final Entries leaked, final Entries ungranted,
                                        final VerifyReport verify) {
        final long nodes = s.versionNodes.values().stream().mapToLong(Set::size).sum();
        return new DemoReport.Side(s.identity.email(), s.person(), s.identity.instanceName(), s.dataObjects.get(),
            nodes, s.written.ids.size(), s.written.blobs.size(), s.written.clobs.size(), s.blobBytes.get(),
            granted.size(), withheld.size(), missing.size(), leaked.size(), ungranted.size(), verify);
    }

    // ---- helpers ----

    private static <T> T await(final CompletableFuture<T> future, final String what) {
        try {
            return future.get(END_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            throw ChumException.wrap(e.getCause(), ErrorCode.INTERNAL);
        } catch (final TimeoutException e) {
            throw new ChumException(ErrorCode.TIMEOUT, what + " did not end within " + END_TIMEOUT_SECONDS + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChumException(ErrorCode.INTERNAL, "interrupted while waiting for " + what, e);
        }
    }

    private static <T> T join(final CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (final CompletionException e) {
            throw ChumException.wrap(e.getCause() != null ? e.getCause() : e, ErrorCode.INTERNAL);
        }
    }

    /** Runs {@code action} every {@value #TICK_MILLIS} ms until closed (then once more). */
    private Tick tick(final Runnable action) {
        return new Tick(ticker.scheduleAtFixedRate(action, 0, TICK_MILLIS, TimeUnit.MILLISECONDS), action);
    }

    /** A periodic progress update; closing it cancels it after one last update. */
    private record Tick(ScheduledFuture<?> future, Runnable action) implements AutoCloseable {
        @Override
        public void close() {
            future.cancel(false);
            action.run();
        }
    }

    private static ThreadFactory daemons(final String prefix) {
        final AtomicInteger n = new AtomicInteger();
        return r -> {
            final Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static Path createDirectory(final Path parent) {
        try {
            if (parent == null) {
                return Files.createTempDirectory("chum-demo-");
            }
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "chum-demo-");
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot create the demo directory"
                + (parent == null ? "" : " in " + parent) + ": " + ChumException.describe(e), e);
        }
    }

    /** Removes {@code dir} and everything in it. */
    static void remove(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot remove the demo directory " + dir + ": "
                + ChumException.describe(e), e);
        }
    }

    /** For the shutdown hook, which has nobody to report to: a failure leaves files in the temporary directory. */
    private static void removeQuietly(final Path dir) {
        try {
            remove(dir);
        } catch (final ChumException e) {
            System.err.println("chum: " + e.getMessage());
        }
    }

    private static double seconds(final long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String mib(final long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
