package io.chum.sync;

import io.chum.log.ObjectWritten;
import io.chum.model.Hash;
import io.chum.store.Subscription;
import io.chum.testing.ChildJvm;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.chum.sync.ChumTests.assertClean;
import static io.chum.sync.ChumTests.awaitObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * keepRunning: nothing written before the chum is stopped is lost, whichever side stops it, even with writes racing
 * the stop; new writes arrive after about the notification delay (the latency is printed, never asserted).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeepRunningTest {
    enum Stopper { WRITER_SIDE, OTHER_SIDE }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldLoseNoWriteMadeBeforeTheWriterStops(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        racingStop(transport, Stopper.WRITER_SIDE, tmp);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldLoseNoWriteMadeBeforeThePeerStops(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        racingStop(transport, Stopper.OTHER_SIDE, tmp);
    }

    private static void racingStop(final Transport transport, final Stopper stopper, final Path tmp)
        throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            try (Transport.Chums chums = transport.start(alice, bob, o -> o.keepRunning(true).maxNotificationDelay(5),
                o -> o.keepRunning(true).maxNotificationDelay(5))) {
                final List<Hash> written = new CopyOnWriteArrayList<>();
                final CountDownLatch someWritten = new CountDownLatch(30);
                final AtomicBoolean writing = new AtomicBoolean(true);
                final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    for (int i = 0; writing.get(); i++) {
                        final Hash h = alice.put(ChumTests.marker(alice.store, "racing " + i));
                        alice.grant(h, bob.person());
                        written.add(h);
                        someWritten.countDown();
                    }
                });
                assertTrue(someWritten.await(60, TimeUnit.SECONDS));
                // Every write that completed before stop() was called must arrive.
                final List<Hash> beforeStop = new ArrayList<>(written);
                (stopper == Stopper.WRITER_SIDE ? chums.a() : chums.b()).stop();
                final ChumResult[] r = chums.results();
                writing.set(false);
                writer.get(30, TimeUnit.SECONDS);
                assertClean(r, alice, bob);
                for (final Hash h : beforeStop) {
                    assertTrue(bob.store.containsObject(h), "written before stop() but not transferred: " + h
                        + " (" + beforeStop.size() + " written before the stop)");
                }
                ChumTests.assertOnlyAccessibleArrived(alice, bob, r[1]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldDeliverWritesOfAnotherProcess(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            try (Transport.Chums chums = transport.start(alice, bob, true);
                 ChildJvm child = ChildJvm.start(WriterChildMain.class, List.of(), alice.dir.toString(),
                     bob.person().toHex())) {
                child.awaitLine("READY");
                final List<Hash> written = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    child.send("from the other process " + i);
                    written.add(Hash.ofHex(child.awaitLine("WROTE ").substring("WROTE ".length()).trim()));
                }
                for (final Hash h : written) {
                    awaitObject(bob.store, h);
                }
                child.send("exit");
                assertEquals("BYE", child.awaitLine("BYE").trim());
                chums.a().stop();
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertEquals(6, r[1].received().total(), "three objects and their CLOBs");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldKeepRunningOnlyIfBothSidesAskForIt(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            final Hash x = alice.put(ChumTests.marker(alice.store, "x"));
            alice.grant(x, bob.person());
            try (Transport.Chums chums = transport.start(alice, bob, o -> o.keepRunning(true),
                o -> o.keepRunning(false))) {
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertTrue(bob.store.containsObject(x));
                assertTrue(r[0].fullSync() && r[1].fullSync());
                assertTrue(!ChumLog.derive(alice.store, r[0].sessionId()).start.keepRunning());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldDeliverNewWritesSoon(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            try (Transport.Chums chums = transport.start(alice, bob, o -> o.keepRunning(true).maxNotificationDelay(1),
                o -> o.keepRunning(true).maxNotificationDelay(1))) {
                final CompletableFuture<FullSync> full = new CompletableFuture<>();
                chums.b().onFullSync(full::complete);
                full.get(30, TimeUnit.SECONDS);
                final int writes = 30;
                final long[] micros = new long[writes];
                final Map<Hash, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
                try (Subscription arrivalsAtBob = bob.store.subscribe(bob.store.projectedPosition(), e -> {
                    if (e instanceof ObjectWritten o) {
                        arrivals.computeIfAbsent(o.hash(), k -> new CompletableFuture<>()).complete(System.nanoTime());
                    }
                }, bob.backgroundErrors::add)) {
                    for (int i = 0; i < writes; i++) {
                        final Hash h = alice.put(ChumTests.marker(alice.store, "latency " + i));
                        final long t0 = System.nanoTime();
                        alice.grant(h, bob.person());
                        final long arrived = arrivals.computeIfAbsent(h, k -> new CompletableFuture<>())
                            .get(30, TimeUnit.SECONDS);
                        micros[i] = (arrived - t0) / 1000;
                    }
                }
                Arrays.sort(micros);
                System.out.printf("%s keepRunning latency (grant -> seen in the peer's log, maxNotificationDelay 1 ms):"
                    + " p50 %d us, p90 %d us, max %d us%n", transport, micros[writes / 2], micros[writes * 9 / 10],
                    micros[writes - 1]);
                chums.a().stop();
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertEquals(2L * writes, r[0].sent().total(), "each write: an object and its CLOB");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldOfferTheFirstWriteAfterAQuietSpellWithoutWaitingForTheDelay(final Transport transport,
                                                                           @TempDir final Path tmp) throws Exception {
        final int tenMinutes = 600_000;
        try (Peer alice = Peer.alice(tmp); Peer bob = Peer.bob(tmp)) {
            alice.knows(bob);
            bob.knows(alice);
            try (Transport.Chums chums = transport.start(alice, bob,
                o -> o.keepRunning(true).maxNotificationDelay(tenMinutes),
                o -> o.keepRunning(true).maxNotificationDelay(tenMinutes))) {
                final CompletableFuture<FullSync> full = new CompletableFuture<>();
                chums.b().onFullSync(full::complete);
                full.get(30, TimeUnit.SECONDS);

                final Hash first = alice.put(ChumTests.marker(alice.store, "after a quiet spell"));
                alice.grant(first, bob.person());
                awaitObject(bob.store, first);   // 30 s at most, far below the ten-minute delay

                // Right after an offer the delay applies again: the next write waits, and stop() delivers it.
                final Hash second = alice.put(ChumTests.marker(alice.store, "within the delay"));
                alice.grant(second, bob.person());
                chums.a().stop();
                final ChumResult[] r = chums.results();
                assertClean(r, alice, bob);
                assertTrue(bob.store.exists(second), "a write held back by the delay is offered when the chum stops");
            }
        }
    }
}
