package io.chum.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ErrorCode;
import io.chum.store.OneStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A keepRunning chum whose connection is dropped from outside: Bob runs {@code chum serve --keep-running}, Alice
 * {@code chum sync --keep-running} through a {@link CuttableProxy}; both stores get new writes (from the test JVM,
 * a third process on each store) while the chum runs, the proxy cuts the connection at a seeded random moment just
 * after a burst of writes, more writes come while nobody is connected, then Alice syncs again.
 *
 * <p>Checks: both sides end the dropped chum cleanly (a summary with {@code CS-CONN-CLOSED}, serve keeps serving),
 * both log it as a Chum object with that error, the next chum resumes from the cursor (it sends at most what the
 * other side lacked), and at the end each store holds exactly its own data and all the data granted to it by the
 * other — the sets a chum that never dropped gives — and verifies.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class DroppedConnectionTest {
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(180);

    @Test
    void shouldResumeFromTheCursorAfterTheConnectionIsCut(@TempDir final Path tmp) throws Exception {
        run(tmp, 1, 300);
    }

    @Test
    @Tag("slow")
    void shouldResumeFromTheCursorAfterRepeatedCutsOfALargeChum(@TempDir final Path tmp) throws Exception {
        run(tmp, 5, 5_000);
    }

    private static void run(final Path tmp, final int cuts, final int burst) throws Exception {
        final long seed = Seeds.seed("dropped connection x" + cuts);
        final String context = "(seed " + seed + ")";
        final SplittableRandom random = new SplittableRandom(seed);
        final Replica[] pair = Replica.pair(tmp);
        final Replica alice = pair[0];
        final Replica bob = pair[1];
        try (OneStore aliceStore = alice.open(); OneStore bobStore = bob.open()) {
            Entries aliceData = TestData.write(aliceStore, bob.person(), "alice-0", burst, List.of(300 << 10),
                seed);
            Entries bobData = TestData.write(bobStore, alice.person(), "bob-0", burst / 3, List.of(), ~seed);
            try (Cli.Serve serve = Cli.serve(bob, true); CuttableProxy proxy = new CuttableProxy(serve.port())) {
                ChildProcess sync = Cli.sync(alice, proxy.port(), true);
                aliceData.awaitIn(bobStore, ARRIVAL_TIMEOUT, "Alice's first data at Bob " + context);
                bobData.awaitIn(aliceStore, ARRIVAL_TIMEOUT, "Bob's first data at Alice " + context);
                for (int cut = 1; cut <= cuts; cut++) {
                    // writes on both sides while the chum runs, then the cut in the middle of their transfer
                    aliceData = aliceData.plus(TestData.write(aliceStore, bob.person(), "alice-" + cut, burst,
                        List.of(), seed + cut));
                    bobData = bobData.plus(TestData.write(bobStore, alice.person(), "bob-" + cut, burst / 3,
                        List.of(), ~seed - cut));
                    Thread.sleep(random.nextInt(200));
                    assertEquals(1, proxy.cut(), "one connection to cut " + context);
                    final JsonNode aliceSide = Cli.nextSummary(sync, ARRIVAL_TIMEOUT);
                    assertNotEquals(0, sync.awaitExit(ARRIVAL_TIMEOUT), "chum sync fails on a dropped connection");
                    final JsonNode bobSide = Cli.nextSummary(serve.process(), ARRIVAL_TIMEOUT);
                    for (final JsonNode side : List.of(aliceSide, bobSide)) {
                        assertEquals(List.of(ErrorCode.CONNECTION_CLOSED.code()), Cli.errorCodes(side),
                            "the dropped chum ends with the connection error: " + side + " " + context);
                    }
                    assertTrue(serve.process().isAlive(), "serve survives a dropped chum");

                    // writes while nobody is connected
                    aliceData = aliceData.plus(TestData.note(aliceStore, bob.person(), "offline-alice-" + cut));
                    bobData = bobData.plus(TestData.note(bobStore, alice.person(), "offline-bob-" + cut));
                    final int lackedByBob = aliceData.size() - aliceData.presentIn(bobStore);
                    final int lackedByAlice = bobData.size() - bobData.presentIn(aliceStore);
                    System.out.printf("%s cut %d: Bob lacks %d of %d entries of Alice, Alice %d of %d of Bob%n",
                        context, cut, lackedByBob, aliceData.size(), lackedByAlice, bobData.size());

                    sync = Cli.sync(alice, proxy.port(), true);
                    aliceData.awaitIn(bobStore, ARRIVAL_TIMEOUT, "Alice's data at Bob after cut " + cut + context);
                    bobData.awaitIn(aliceStore, ARRIVAL_TIMEOUT, "Bob's data at Alice after cut " + cut + context);
                    if (cut == cuts) {
                        assertEquals(0, sync.terminate(), "chum sync stops cleanly on SIGTERM");
                        final JsonNode aliceLast = Cli.nextSummary(sync, ARRIVAL_TIMEOUT);
                        final JsonNode bobLast = Cli.nextSummary(serve.process(), ARRIVAL_TIMEOUT);
                        for (final JsonNode side : List.of(aliceLast, bobLast)) {
                            assertEquals(List.of(), Cli.errorCodes(side), side + " " + context);
                        }
                        assertTrue(Cli.total(aliceLast.path("sent")) <= lackedByBob, "Alice re-sent what Bob had"
                            + " committed (he lacked " + lackedByBob + "): " + aliceLast + " " + context);
                        assertTrue(Cli.total(bobLast.path("sent")) <= lackedByAlice, "Bob re-sent what Alice had"
                            + " committed (she lacked " + lackedByAlice + "): " + bobLast + " " + context);
                        assertEquals(lackedByBob, Cli.total(bobLast.path("received")), bobLast + " " + context);
                        assertEquals(lackedByAlice, Cli.total(aliceLast.path("received")), aliceLast + " "
                            + context);
                    }
                }
                assertEquals(0, serve.process().terminate(), "chum serve stops cleanly on SIGTERM");
            }
            final Entries aliceAll = aliceData;
            final Entries bobAll = bobData;
            assertEquals(aliceAll.plus(bobAll), Replica.dataOf(bobStore), "Bob's data " + context);
            assertEquals(aliceAll.plus(bobAll), Replica.dataOf(aliceStore), "Alice's data " + context);
        }
        Cli.verify(alice, "at the end " + context);
        Cli.verify(bob, "at the end " + context);
        assertChums(alice, cuts, context);
        assertChums(bob, cuts, context);
    }

    /** One Chum object per dropped chum with CS-CONN-CLOSED, and the last one clean. */
    private static void assertChums(final Replica r, final int cuts, final String context) {
        final List<JsonNode> chums = Cli.chums(r);
        final String message = r + "'s Chum objects " + chums + " " + context;
        assertEquals(cuts + 1, chums.size(), message);
        for (int i = 0; i < cuts; i++) {
            assertEquals(List.of(ErrorCode.CONNECTION_CLOSED.code()), Cli.errorCodes(chums.get(i)), message);
        }
        assertEquals(List.of(), Cli.errorCodes(chums.get(cuts)), message);
    }
}
