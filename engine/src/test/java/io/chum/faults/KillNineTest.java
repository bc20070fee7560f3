package io.chum.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ErrorCode;
import io.chum.model.Json;
import io.chum.store.OneStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of either side of a large chum, at a seeded random moment, with both sides in processes of their own:
 * Bob runs the real {@code chum serve}; Alice runs {@link SyncChildMain} (a {@code chum sync} that prints its
 * progress, so the kill can come at a chosen point of the transfer) and, for the last chum, the real {@code chum
 * sync}. Both directions carry data (Alice's set is the larger one, with BLOBs of several MiB).
 *
 * <p>After every kill: the killed side's store reopens and verifies (no corrupt object, no missing reference, no
 * half-written BLOB); the surviving side ended its chum cleanly with a connection error; the restarted side logs the
 * interrupted chum (a Chum object with {@code CS-INTERRUPTED}). The last chum completes and sends at most what the
 * receiving store did not hold after the kill — what was committed before the kill is not sent again.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class KillNineTest {
    private static final Duration CHUM_TIMEOUT = Duration.ofSeconds(300);

    /** Which process is killed. */
    enum Victim { SERVE, SYNC }

    /**
     * How much data each side holds for the other.
     *
     * @param aliceLeaves small objects (with a small BLOB each) Alice grants to Bob
     * @param aliceBlobs  sizes of Alice's large BLOBs
     * @param bobLeaves   small objects Bob grants to Alice
     * @param bobBlobs    sizes of Bob's large BLOBs
     */
    record Scale(int aliceLeaves, List<Integer> aliceBlobs, int bobLeaves, List<Integer> bobBlobs) {
    }

    private static final int MIB = 1 << 20;
    private static final Scale SMALL = new Scale(1_500, List.of(MIB / 2), 400, List.of());
    private static final Scale LARGE = new Scale(30_000, List.of(3 * MIB, 6 * MIB, 12 * MIB, 20 * MIB), 10_000,
        List.of(4 * MIB, 9 * MIB));

    /** The default build's variant: one kill of each side, one after the other, in a small chum. */
    @Test
    void shouldLoseNothingWhenEitherSideIsKilled(@TempDir final Path tmp) throws Exception {
        run(tmp, SMALL, List.of(Victim.SERVE, Victim.SYNC), "kill -9 of chum serve, then of sync");
    }

    @Test
    @Tag("slow")
    void shouldLoseNothingWhenALargeChumIsKilledRepeatedly(@TempDir final Path tmp) throws Exception {
        final SplittableRandom pick = new SplittableRandom(Seeds.seed("victims"));
        final List<Victim> victims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            victims.add(pick.nextBoolean() ? Victim.SERVE : Victim.SYNC);
        }
        run(tmp, LARGE, victims, "repeated kill -9 " + victims);
    }

    private static void run(final Path tmp, final Scale scale, final List<Victim> victims, final String what)
        throws Exception {
        final long seed = Seeds.seed(what);
        final String context = what + " (seed " + seed + ")";
        final SplittableRandom random = new SplittableRandom(seed);
        final Replica[] pair = Replica.pair(tmp);
        final Replica alice = pair[0];
        final Replica bob = pair[1];
        Entries aliceToBob;
        final Entries bobToAlice;
        try (OneStore store = alice.open()) {
            aliceToBob = TestData.write(store, bob.person(), "alice", scale.aliceLeaves(), scale.aliceBlobs(), seed);
        }
        try (OneStore store = bob.open()) {
            bobToAlice = TestData.write(store, alice.person(), "bob", scale.bobLeaves(), scale.bobBlobs(), ~seed);
        }
        int committedAtoB = 0;
        int committedBtoA = 0;
        int serveKills = 0;
        int syncKills = 0;
        Cli.Serve serve = Cli.serve(bob, false);
        try {
            for (int round = 0; round < victims.size(); round++) {
                final Victim victim = victims.get(round);
                if (round > 0) {
                    // fresh data for every later kill: what the last kill left may be a single batch
                    try (OneStore store = alice.open()) {
                        aliceToBob = aliceToBob.plus(TestData.write(store, bob.person(), "alice-" + round,
                            scale.aliceLeaves(), List.of(), seed + round));
                    }
                    committedAtoB = present(bob, aliceToBob);
                }
                final int missing = aliceToBob.size() - committedAtoB + bobToAlice.size() - committedBtoA;
                final long threshold = 1 + random.nextLong(Math.max(1, missing / 3L));
                final ChildProcess sync = ChildProcess.start("killable sync alice", SyncChildMain.class, List.of(),
                    alice.dir().toString(), "127.0.0.1:" + serve.port());
                awaitProgress(sync, threshold, missing, context);
                Thread.sleep(random.nextInt(30));
                if (victim == Victim.SERVE) {
                    System.out.println(context + ": killing chum serve (pid " + serve.process().pid() + ") after "
                        + threshold + " of " + missing + " entries");
                    serve.process().kill();
                    serveKills++;
                    final JsonNode survivor = Json.parse(sync.awaitPrefix("RESULT ", CHUM_TIMEOUT).substring(7));
                    assertTrue(endedByTheKill(survivor), "Alice's chum ends with the dropped connection: " + survivor
                        + " " + context);
                    assertEquals(0, sync.awaitExit(CHUM_TIMEOUT));
                } else {
                    System.out.println(context + ": killing sync (pid " + sync.pid() + ") after " + threshold + " of "
                        + missing + " entries");
                    sync.kill();
                    syncKills++;
                    final JsonNode survivor = Cli.nextSummary(serve.process(), CHUM_TIMEOUT);
                    assertTrue(endedByTheKill(survivor), "Bob's chum ends with the dropped connection: " + survivor
                        + " " + context);
                }
                Cli.verify(victim == Victim.SERVE ? bob : alice, "after kill -9, " + context);
                committedAtoB = present(bob, aliceToBob);
                committedBtoA = present(alice, bobToAlice);
                System.out.printf("%s: after the kill Bob holds %d of %d entries of Alice, Alice %d of %d of Bob%n",
                    context, committedAtoB, aliceToBob.size(), committedBtoA, bobToAlice.size());
                if (victim == Victim.SERVE) {
                    serve = Cli.serve(bob, false);
                    assertEquals(1, serve.recovered().size(), "the restarted serve logs the interrupted chum "
                        + context);
                    assertEquals(List.of(ErrorCode.INTERRUPTED.code()), Cli.errorCodes(serve.recovered().get(0)),
                        serve.recovered() + " " + context);
                }
            }

            final ChildProcess sync = Cli.sync(alice, serve.port(), false);
            final JsonNode aliceSide = Cli.nextSummary(sync, CHUM_TIMEOUT);
            assertEquals(0, sync.awaitExit(CHUM_TIMEOUT), "chum sync " + context);
            final JsonNode bobSide = Cli.nextSummary(serve.process(), CHUM_TIMEOUT);
            for (final JsonNode side : List.of(aliceSide, bobSide)) {
                assertEquals(List.of(), Cli.errorCodes(side), side + " " + context);
                assertTrue(side.path("fullSync").asBoolean(), side + " " + context);
            }
            final long lackedByBob = aliceToBob.size() - committedAtoB;
            final long lackedByAlice = bobToAlice.size() - committedBtoA;
            System.out.printf("%s: the last chum sent %d entries to Bob (he lacked %d), %d to Alice (she lacked %d)%n",
                context, Cli.total(aliceSide.path("sent")), lackedByBob, Cli.total(bobSide.path("sent")),
                lackedByAlice);
            assertTrue(Cli.total(aliceSide.path("sent")) <= lackedByBob, "Alice re-sent what Bob had committed: "
                + aliceSide + " " + context);
            assertTrue(Cli.total(bobSide.path("sent")) <= lackedByAlice, "Bob re-sent what Alice had committed: "
                + bobSide + " " + context);
            assertEquals(lackedByBob, Cli.total(bobSide.path("received")), "Bob stored what he lacked " + context);
            assertEquals(lackedByAlice, Cli.total(aliceSide.path("received")), "Alice stored what she lacked "
                + context);
            assertEquals(0, serve.process().terminate(), "chum serve stops cleanly on SIGTERM");
        } finally {
            serve.close();
        }

        assertEquals(aliceToBob.size(), present(bob, aliceToBob), "Bob has all of Alice's data " + context);
        assertEquals(bobToAlice.size(), present(alice, bobToAlice), "Alice has all of Bob's data " + context);
        Cli.verify(alice, "at the end, " + context);
        Cli.verify(bob, "at the end, " + context);
        assertChums(alice, syncKills, serveKills, context);
        assertChums(bob, serveKills, syncKills, context);
    }

    /**
     * The replica's Chum objects: one per chum, the killed ones with {@code CS-INTERRUPTED} (this side was killed) or
     * the connection error (the other side was), the last one clean.
     */
    private static void assertChums(final Replica r, final int killedHere, final int killedThere,
                                    final String context) {
        final List<JsonNode> chums = Cli.chums(r);
        int interrupted = 0;
        int dropped = 0;
        int clean = 0;
        for (final JsonNode c : chums) {
            final List<String> codes = Cli.errorCodes(c);
            interrupted += codes.equals(List.of(ErrorCode.INTERRUPTED.code())) ? 1 : 0;
            dropped += endedByTheKill(c) ? 1 : 0;
            clean += codes.isEmpty() ? 1 : 0;
        }
        final String message = r + "'s Chum objects " + chums + " " + context;
        assertEquals(killedHere + killedThere + 1, chums.size(), message);
        assertEquals(killedHere, interrupted, message);
        assertEquals(killedThere, dropped, message);
        assertEquals(1, clean, message);
    }

    /**
     * A chum whose peer was killed ends with one error: {@code CS-CONN-CLOSED}, or {@code CS-PROTOCOL} when the peer
     * died in the middle of a frame (docs/transport.md: a stream that ends inside a frame is a protocol error).
     */
    private static boolean endedByTheKill(final JsonNode summary) {
        final List<String> codes = Cli.errorCodes(summary);
        return codes.equals(List.of(ErrorCode.CONNECTION_CLOSED.code()))
            || codes.equals(List.of(ErrorCode.PROTOCOL.code()))
            && summary.path("errors").get(0).path("message").asText().contains("ended inside the frame");
    }

    private static int present(final Replica r, final Entries entries) {
        try (OneStore store = r.open()) {
            return entries.presentIn(store);
        }
    }

    /**
     * Waits until the chum has moved at least {@code threshold} entries (sent and received, as acknowledged), while
     * some of the {@code missing} entries have not moved yet: the kill then comes in the middle of the chum.
     */
    private static void awaitProgress(final ChildProcess sync, final long threshold, final long missing,
                                      final String context) throws InterruptedException {
        sync.await(line -> {
            if (!line.startsWith("PROGRESS ") && !line.startsWith("RESULT ")) {
                return false;
            }
            final String[] f = line.split(" ");
            final long moved = line.startsWith("RESULT ") ? missing : Long.parseLong(f[1]) + Long.parseLong(f[2]);
            if (moved >= missing) {
                throw new AssertionError("the chum moved all " + missing + " entries before the kill (the kill was"
                    + " to come after " + threshold + "): " + line + " " + context);
            }
            return moved >= threshold;
        }, "progress past " + threshold + " entries", CHUM_TIMEOUT);
    }
}
