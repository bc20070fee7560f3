package io.chum.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.store.OneStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak: Bob's {@code chum serve --keep-running} and Alice's {@code chum sync --keep-running} (through a
 * {@link CuttableProxy}) run for {@code -Dchum.soak.minutes} minutes (default 10) while a writer thread of the test
 * JVM writes to both stores at a steady rate ({@code -Dchum.soak.writesPerSecond} notes per second and side, default
 * 4, plus a burst of 200 small attachments per side every 30 s). Every {@code -Dchum.soak.cutSeconds} seconds
 * (default 60) the proxy cuts the connection and Alice syncs again; in the middle of the cut intervals around one
 * third and two thirds of the run Bob's serve is killed with {@code kill -9} and restarted (Alice syncs again).
 *
 * <p>At the end, with the writes stopped: both stores hold exactly their own writes and the other side's (the
 * expected sets), both verify, every chum is logged (the cut ones and those of the killed serve's peer with
 * {@code CS-CONN-CLOSED}, the killed ones as {@code CS-INTERRUPTED}, the last one clean), and the writer never
 * failed. Run it with {@code mvn -B -o -pl engine -am verify -Psoak}.
 */
@Tag("soak")
class SoakTest {
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(180);
    private static final int BURST_LEAVES = 200;
    private static final Duration BURST_EVERY = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS)
    void shouldHoldExactlyTheExpectedSetsAfterCutsAndKills(@TempDir final Path tmp) throws Exception {
        final double minutes = Double.parseDouble(System.getProperty("chum.soak.minutes", "10"));
        final int writesPerSecond = Integer.getInteger("chum.soak.writesPerSecond", 4);
        final Duration cutEvery = Duration.ofSeconds(Integer.getInteger("chum.soak.cutSeconds", 60));
        final Duration duration = Duration.ofMillis((long) (minutes * 60_000));
        final long seed = Seeds.seed("soak");
        final String context = "(soak of " + minutes + " min, seed " + seed + ")";
        final Instant began = Instant.now();
        System.out.println("SOAK start " + began + " " + context);

        final Replica[] pair = Replica.pair(tmp);
        final Replica alice = pair[0];
        final Replica bob = pair[1];
        int cuts = 0;
        int kills = 0;
        final Writer writer;
        try (OneStore aliceStore = alice.open(); OneStore bobStore = bob.open()) {
            writer = new Writer(aliceStore, bobStore, alice, bob, writesPerSecond, seed);
            Cli.Serve serve = Cli.serve(bob, true);
            try (CuttableProxy proxy = new CuttableProxy(serve.port())) {
                ChildProcess sync = Cli.sync(alice, proxy.port(), true);
                int connections = 1;
                awaitConnection(proxy, connections, context);
                writer.start();
                final long start = System.nanoTime();
                final long end = start + duration.toNanos();
                // the timeline: cuts every cutEvery, kills of serve at 1/3 and 2/3 of the run
                final TreeMap<Long, String> events = new TreeMap<>();
                for (long t = cutEvery.toNanos(); t < duration.toNanos(); t += cutEvery.toNanos()) {
                    events.put(start + t, "cut");
                }
                events.put(start + midwayBetweenCuts(duration.toNanos() / 3, cutEvery.toNanos()), "kill");
                events.put(start + midwayBetweenCuts(duration.toNanos() * 2 / 3, cutEvery.toNanos()), "kill");
                for (final Map.Entry<Long, String> event : events.entrySet()) {
                    sleepUntil(event.getKey());
                    writer.assertHealthy();
                    final String at = String.format("%.0f s", (System.nanoTime() - start) / 1e9);
                    if (event.getValue().equals("cut")) {
                        assertEquals(1, proxy.cut(), "one connection to cut at " + at + " " + context);
                        cuts++;
                        System.out.println("SOAK " + at + ": cut " + cuts + ", " + writer.describe());
                        endedWith(Cli.nextSummary(sync, EVENT_TIMEOUT), "Alice, cut at " + at + " " + context);
                        assertTrue(sync.awaitExit(EVENT_TIMEOUT) != 0, "sync fails on a cut " + context);
                        endedWith(Cli.nextSummary(serve.process(), EVENT_TIMEOUT), "Bob, cut at " + at + " "
                            + context);
                    } else {
                        kills++;
                        System.out.println("SOAK " + at + ": kill -9 of serve (pid " + serve.process().pid() + "), "
                            + writer.describe());
                        serve.process().kill();
                        endedWith(Cli.nextSummary(sync, EVENT_TIMEOUT), "Alice, serve killed at " + at + " "
                            + context);
                        assertTrue(sync.awaitExit(EVENT_TIMEOUT) != 0, "sync fails when serve dies " + context);
                        serve = Cli.serve(bob, true);
                        assertEquals(1, serve.recovered().size(), "the restarted serve logs the killed chum "
                            + serve.recovered() + " " + context);
                        assertEquals(List.of(ErrorCode.INTERRUPTED.code()), Cli.errorCodes(serve.recovered().get(0)),
                            serve.recovered() + " " + context);
                        proxy.retarget(serve.port());
                    }
                    sync = Cli.sync(alice, proxy.port(), true);
                    awaitConnection(proxy, ++connections, context);
                }
                sleepUntil(end);
                writer.stop();
                writer.assertHealthy();
                System.out.println("SOAK end of writes: " + writer.describe());
                writer.toBob().awaitIn(bobStore, EVENT_TIMEOUT, "Alice's writes at Bob " + context);
                writer.toAlice().awaitIn(aliceStore, EVENT_TIMEOUT, "Bob's writes at Alice " + context);
                assertEquals(0, sync.terminate(), "sync stops cleanly " + context);
                assertEquals(List.of(), Cli.errorCodes(Cli.nextSummary(sync, EVENT_TIMEOUT)), context);
                assertEquals(List.of(), Cli.errorCodes(Cli.nextSummary(serve.process(), EVENT_TIMEOUT)), context);
                assertEquals(0, serve.process().terminate(), "serve stops cleanly " + context);
            } finally {
                serve.close();
            }
            final Entries expected = writer.toBob().plus(writer.toAlice());
            assertEquals(expected, Replica.dataOf(bobStore), "Bob holds exactly the expected set " + context);
            assertEquals(expected, Replica.dataOf(aliceStore), "Alice holds exactly the expected set " + context);
        }
        Cli.verify(alice, "at the end " + context);
        Cli.verify(bob, "at the end " + context);
        assertChums(alice, cuts + kills, 0, context);
        assertChums(bob, cuts, kills, context);
        System.out.printf("SOAK RESULT: passed; began %s, %.1f min, %s, %d cuts, %d kill -9 of serve %s%n", began,
            Duration.between(began, Instant.now()).toMillis() / 60_000.0, writer.describe(), cuts, kills, context);
    }

    /** A chum ended by a cut or a kill: its summary carries the connection error. */
    private static void endedWith(final JsonNode summary, final String what) {
        assertEquals(List.of(ErrorCode.CONNECTION_CLOSED.code()), Cli.errorCodes(summary), what + ": " + summary);
    }

    /** Every chum logged: {@code dropped} with the connection error, {@code interrupted} as such, one clean. */
    private static void assertChums(final Replica r, final int dropped, final int interrupted, final String context) {
        final List<JsonNode> chums = Cli.chums(r);
        int seenDropped = 0;
        int seenInterrupted = 0;
        int clean = 0;
        for (final JsonNode c : chums) {
            final List<String> codes = Cli.errorCodes(c);
            seenDropped += codes.equals(List.of(ErrorCode.CONNECTION_CLOSED.code())) ? 1 : 0;
            seenInterrupted += codes.equals(List.of(ErrorCode.INTERRUPTED.code())) ? 1 : 0;
            clean += codes.isEmpty() ? 1 : 0;
        }
        final String message = r + "'s " + chums.size() + " Chum objects " + context + ": " + chums;
        assertEquals(dropped, seenDropped, message);
        assertEquals(interrupted, seenInterrupted, message);
        assertEquals(1, clean, message);
        assertEquals(dropped + interrupted + 1, chums.size(), message);
    }

    /** The middle of the cut interval that holds {@code at}: kills and cuts stay half an interval apart. */
    private static long midwayBetweenCuts(final long at, final long cutEvery) {
        return (at / cutEvery) * cutEvery + cutEvery / 2;
    }

    /**
     * Waits until the proxy has carried {@code n} connections, and a little more for the TLS handshake and the
     * chum's start: the next event then hits a running chum.
     */
    private static void awaitConnection(final CuttableProxy proxy, final int n, final String context)
        throws InterruptedException {
        final long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (proxy.accepted() < n) {
            assertTrue(System.nanoTime() < deadline, "sync did not connect " + context);
            Thread.sleep(50);
        }
        Thread.sleep(3_000);
    }

    private static void sleepUntil(final long nanoTime) throws InterruptedException {
        final long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /**
     * Writes to both stores at a steady rate on a thread of its own, and remembers what it wrote. Thread-safe:
     * {@link #toBob}, {@link #toAlice} and {@link #describe} read the copy-on-write lists; failures are kept.
     */
    private static final class Writer {
        private final OneStore aliceStore;
        private final OneStore bobStore;
        private final Replica alice;
        private final Replica bob;
        private final long periodNanos;
        private final SplittableRandom random;
        private final List<Entries> aliceWrites = new CopyOnWriteArrayList<>();
        private final List<Entries> bobWrites = new CopyOnWriteArrayList<>();
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Writer(final OneStore aliceStore, final OneStore bobStore, final Replica alice, final Replica bob,
               final int writesPerSecond, final long seed) {
            this.aliceStore = aliceStore;
            this.bobStore = bobStore;
            this.alice = alice;
            this.bob = bob;
            this.periodNanos = TimeUnit.SECONDS.toNanos(1) / writesPerSecond;
            this.random = new SplittableRandom(seed);
            this.thread = new Thread(this::run, "soak-writer");
        }

        void start() {
            thread.start();
        }

        private void run() {
            long next = System.nanoTime();
            long nextBurst = next + BURST_EVERY.toNanos();
            int n = 0;
            try {
                while (running.get()) {
                    aliceWrites.add(TestData.note(aliceStore, bob.person(), "alice-" + n));
                    bobWrites.add(TestData.note(bobStore, alice.person(), "bob-" + n));
                    if (System.nanoTime() >= nextBurst) {
                        aliceWrites.add(TestData.write(aliceStore, bob.person(), "alice-burst-" + n, BURST_LEAVES,
                            List.of(), random.nextLong()));
                        bobWrites.add(TestData.write(bobStore, alice.person(), "bob-burst-" + n, BURST_LEAVES,
                            List.of(), random.nextLong()));
                        nextBurst += BURST_EVERY.toNanos();
                    }
                    n++;
                    next += periodNanos;
                    sleepUntil(next);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (final RuntimeException | AssertionError e) {
                failures.add(e);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(EVENT_TIMEOUT.toMillis());
            assertTrue(!thread.isAlive(), "the writer stops");
        }

        void assertHealthy() {
            if (!failures.isEmpty()) {
                throw new AssertionError("the writer failed", failures.get(0));
            }
        }

        Entries toBob() {
            return union(aliceWrites);
        }

        Entries toAlice() {
            return union(bobWrites);
        }

        private static Entries union(final List<Entries> writes) {
            final Set<Hash> objects = new HashSet<>();
            final Set<Hash> blobs = new HashSet<>();
            for (final Entries e : writes) {
                objects.addAll(e.objects());
                blobs.addAll(e.blobs());
            }
            return new Entries(objects, blobs);
        }

        String describe() {
            return aliceWrites.size() + " writes by Alice (" + toBob().size() + " entries), " + bobWrites.size()
                + " by Bob (" + toAlice().size() + " entries)";
        }
    }
}
