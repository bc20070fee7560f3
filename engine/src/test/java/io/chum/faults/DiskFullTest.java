package io.chum.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ErrorCode;
import io.chum.log.LogConfig;
import io.chum.model.Json;
import io.chum.store.OneStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chum into a store whose disk fills up: Bob's store lives on a small tmpfs, nearly full, and Bob runs the real
 * {@code chum serve}; Alice's {@code chum sync} sends him more BLOB data than fits above the store's disk reserve
 * ({@value LogConfig#DEFAULT_DISK_RESERVE} bytes).
 *
 * <p>Checks: Bob's import is refused with {@code CS-DISK-FULL} before the disk is really full (no SIGBUS, the
 * process survives), Alice's chum ends with Bob's {@code CS-DISK-FULL}, Bob's chum ends with that code too (in its
 * Chum object, or, when even that does not fit, reported by serve and logged as interrupted after the restart),
 * Bob's log stays readable and consistent (verify passes while the disk is still full), and after the space is freed
 * and serve restarted the next chum completes without re-sending what Bob committed, Bob holds everything, verify
 * passes and both chums are logged.
 */
@Tag("slow")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class DiskFullTest {
    private static final Duration CHUM_TIMEOUT = Duration.ofSeconds(300);
    private static final int MIB = 1 << 20;
    /** What fits above the reserve when the chum starts. */
    private static final long HEADROOM = 24L * MIB;

    @Test
    void shouldRefuseWithDiskFullAndResumeAfterSpaceIsFreed(@TempDir final Path tmp) throws Exception {
        final long seed = Seeds.seed("disk full");
        final String context = "(seed " + seed + ")";
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small"), 256)) {
            final Replica alice = Replica.create(tmp.resolve("alice"), "alice@mail.com", "Alice");
            final Replica bob = Replica.create(disk.dir().resolve("bob"), "bob@mail.com", "Bob");
            alice.trust(bob);
            bob.trust(alice);
            final Entries aliceData;
            try (OneStore store = alice.open()) {
                aliceData = TestData.write(store, bob.person(), "alice", 500,
                    Collections.nCopies(40, 3 * MIB / 2), seed);
            }
            disk.fillUntil(LogConfig.DEFAULT_DISK_RESERVE + HEADROOM);
            System.out.println(context + ": " + disk.usable() + " bytes usable on the small disk");

            final boolean chumLoggedAtOnce;
            try (Cli.Serve serve = Cli.serve(bob, false)) {
                final ChildProcess sync = Cli.sync(alice, serve.port(), false);
                final JsonNode aliceSide = Cli.nextSummary(sync, CHUM_TIMEOUT);
                final int syncExit = sync.awaitExit(CHUM_TIMEOUT);
                // Bob's chum ends with the code in its summary, or, if even its Chum object does not fit, serve
                // reports the chum as failed with the code (and it is logged as interrupted after the restart)
                final String bobSide = serve.process().await(l -> l.startsWith("{") || l.contains("chum failed: "
                    + ErrorCode.DISK_FULL.code()), "the failed chum", CHUM_TIMEOUT);
                chumLoggedAtOnce = bobSide.startsWith("{");
                if (chumLoggedAtOnce) {
                    assertEquals(List.of(ErrorCode.DISK_FULL.code()), Cli.errorCodes(Json.parse(bobSide)), bobSide);
                }
                System.out.println(context + ": Alice " + aliceSide + "\nBob " + bobSide);
                assertTrue(syncExit != 0, "chum sync reports the failed chum in its exit code");
                assertEquals(List.of(ErrorCode.DISK_FULL.code()), Cli.errorCodes(aliceSide), aliceSide + context);
                assertTrue(aliceSide.path("errors").get(0).path("remote").asBoolean(), "Bob's error " + aliceSide);
                assertTrue(serve.process().isAlive(), "serve survives a full disk");
                serve.process().terminate();
            }
            final int heldWhileFull = presentIn(bob, aliceData);
            System.out.println(context + ": Bob holds " + heldWhileFull + " of " + aliceData.size()
                + " entries of Alice with the disk full");
            assertTrue(heldWhileFull < aliceData.size(), "the disk filled before the chum ended");
            Cli.verify(bob, "with the disk still full " + context);

            disk.free();
            final List<JsonNode> recovered = new ArrayList<>();
            try (Cli.Serve serve = Cli.serve(bob, false)) {
                recovered.addAll(serve.recovered());
                final ChildProcess sync = Cli.sync(alice, serve.port(), false);
                final JsonNode aliceSide = Cli.nextSummary(sync, CHUM_TIMEOUT);
                assertEquals(0, sync.awaitExit(CHUM_TIMEOUT), "the chum after freeing space " + context);
                final JsonNode bobSide = Cli.nextSummary(serve.process(), CHUM_TIMEOUT);
                for (final JsonNode side : List.of(aliceSide, bobSide)) {
                    assertEquals(List.of(), Cli.errorCodes(side), side + " " + context);
                }
                assertTrue(Cli.total(aliceSide.path("sent")) <= aliceData.size() - heldWhileFull,
                    "what Bob committed before the disk filled is not sent again: " + aliceSide + " " + context);
                assertEquals(0, serve.process().terminate(), "serve stops cleanly " + context);
            }
            assertEquals(aliceData.size(), presentIn(bob, aliceData), "Bob has all of Alice's data " + context);
            Cli.verify(bob, "after space was freed " + context);
            final List<JsonNode> bobChums = Cli.chums(bob);
            System.out.println(context + ": recovered at restart " + recovered + "\nBob's chums " + bobChums);
            assertEquals(2, bobChums.size(), "the chum that hit the full disk and the next one: " + bobChums);
            if (chumLoggedAtOnce) {
                assertEquals(List.of(), recovered, "nothing to recover " + context);
                assertEquals(List.of(ErrorCode.DISK_FULL.code()), Cli.errorCodes(bobChums.get(0)), context);
            } else {
                assertEquals(1, recovered.size(), "the restarted serve logs the chum whose Chum object did not fit "
                    + context);
                assertTrue(Cli.errorCodes(recovered.get(0)).contains(ErrorCode.INTERRUPTED.code()), "logged as"
                    + " interrupted: " + recovered);
                assertEquals(Cli.errorCodes(recovered.get(0)), Cli.errorCodes(bobChums.get(0)), context);
            }
            assertEquals(List.of(), Cli.errorCodes(bobChums.get(1)), bobChums.get(1).toString());
        }
    }

    private static int presentIn(final Replica r, final Entries entries) {
        try (OneStore store = r.open()) {
            return entries.presentIn(store);
        }
    }
}
