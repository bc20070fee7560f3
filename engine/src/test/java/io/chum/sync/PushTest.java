package io.chum.sync;

import io.chum.ErrorCode;
import io.chum.microdata.Canonical;
import io.chum.model.Hash;
import io.chum.protocol.Ack;
import io.chum.protocol.BatchEnd;
import io.chum.protocol.DataPack;
import io.chum.protocol.EntryKind;
import io.chum.protocol.ErrorMessage;
import io.chum.protocol.FullSync;
import io.chum.protocol.FullSyncAck;
import io.chum.protocol.Hello;
import io.chum.protocol.Message;
import io.chum.protocol.Offer;
import io.chum.protocol.OfferEntry;
import io.chum.protocol.Want;
import io.chum.testing.OneTestRecipes;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PUSH offers (docs/protocol.md §4.4, §9): keepRunning sends a small batch with its data right behind its OFFER, and
 * the importer takes it without a WANT. A hand-written peer plays the other side: once as an exporter that pushes,
 * once as the importer of a keepRunning chum.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PushTest {
    private Peer alice;
    private Peer bob;

    private Transport.RawChum start(final Transport transport, final Path tmp, final boolean keepRunning)
        throws Exception {
        alice = Peer.alice(tmp);
        bob = Peer.bob(tmp);
        bob.knows(alice);
        return transport.raw(alice, bob, o -> o.keepRunning(keepRunning));
    }

    private void close() {
        alice.close();
        bob.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldStoreAPushedBatchWithoutAnsweringWithAWant(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        try (Transport.RawChum c = start(transport, tmp, false)) {
            final Canonical.Encoded obj = encode(List.of());
            handshake(c, false);
            c.raw().send(new Offer(1, false, true, List.of(entry(obj))));
            c.raw().sendPack(1, obj.microdata());
            c.raw().send(new BatchEnd(1, 1));
            assertEquals(new Ack(1, 1, 0), c.raw().await(Ack.class));
            assertTrue(bob.store.containsObject(obj.hash()));
            assertFalse(c.raw().received().stream().anyMatch(m -> m instanceof Want), "" + c.raw().received());
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCountAPushedEntryItHasAlreadyAsPresent(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        try (Transport.RawChum c = start(transport, tmp, false)) {
            final Hash had = bob.put(ChumTests.referenceTest(List.of(), List.of(), List.of()));
            final Canonical.Encoded hadEncoded = encode(List.of());
            assertEquals(had, hadEncoded.hash());
            final Canonical.Encoded fresh = encode(List.of(had));
            handshake(c, false);
            c.raw().send(new Offer(1, false, true, List.of(entry(hadEncoded), entry(fresh))));
            c.raw().sendPack(1, hadEncoded.microdata(), fresh.microdata());
            c.raw().send(new BatchEnd(1, 2));
            assertEquals(new Ack(1, 1, 1), c.raw().await(Ack.class));
            assertTrue(bob.store.containsObject(fresh.hash()));
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefusePushedDataThatOvertakesAnEarlierBatch(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        try (Transport.RawChum c = start(transport, tmp, false)) {
            final Canonical.Encoded first = encode(List.of());
            final Canonical.Encoded second = encode(List.of(first.hash()));
            handshake(c, false);
            c.raw().send(new Offer(1, false, List.of(entry(first))));
            c.raw().await(Want.class);
            // Batch 1 still waits for its data: the data of a pushed batch 2 must not come first.
            c.raw().send(new Offer(2, false, true, List.of(entry(second))));
            c.raw().sendPack(2, second.microdata());
            final ErrorMessage error = c.raw().awaitFatalErrorAndClose();
            assertEquals(ErrorCode.PROTOCOL.code(), error.code(), error.message());
            assertFalse(bob.store.containsObject(second.hash()));
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldPushANewWriteWithItsDataWhileKeepingRunning(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        try (Transport.RawChum c = start(transport, tmp, true)) {
            handshake(c, true);
            final FullSync full = c.raw().await(FullSync.class);
            c.raw().send(new FullSyncAck(full.snapshotTimestampMs()));
            final Hash written = bob.put(ChumTests.marker(bob.store, "pushed"));
            bob.grant(written, alice.person());

            final Offer offer = c.raw().await(Offer.class);
            assertTrue(offer.push(), "" + offer);
            assertEquals(written, offer.entries().get(offer.entries().size() - 1).hash(), "the root comes last");
            final BatchEnd end = c.raw().await(BatchEnd.class);
            assertEquals(new BatchEnd(offer.batchId(), offer.entries().size()), end);
            final List<Message> got = c.raw().received();
            assertInstanceOf(DataPack.class, got.get(got.size() - 2), "the data came before BATCH_END: " + got);
            assertFalse(got.stream().anyMatch(m -> m instanceof Want), "" + got);
        } finally {
            close();
        }
    }

    // ---- helpers ----

    /** A ReferenceTest object referring to {@code objects}: objects told apart by what they reference. */
    private static Canonical.Encoded encode(final List<Hash> objects) {
        return Canonical.encode(ChumTests.referenceTest(objects, List.of(), List.of()), OneTestRecipes.registry());
    }

    private static OfferEntry entry(final Canonical.Encoded obj) {
        return new OfferEntry(EntryKind.OBJECT, obj.hash(), obj.microdata().length);
    }

    /** HELLO both ways, as Alice. */
    private void handshake(final Transport.RawChum c, final boolean keepRunning) {
        c.raw().hello(alice.person(), keepRunning);
        assertInstanceOf(Hello.class, c.raw().await(Hello.class));
    }
}
