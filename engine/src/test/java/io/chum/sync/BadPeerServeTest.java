package io.chum.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ErrorCode;
import io.chum.microdata.Canonical;
import io.chum.model.Hash;
import io.chum.model.Json;
import io.chum.model.Sha256;
import io.chum.protocol.BatchEnd;
import io.chum.protocol.DataChunk;
import io.chum.protocol.EntryKind;
import io.chum.protocol.ErrorMessage;
import io.chum.protocol.Hello;
import io.chum.protocol.Offer;
import io.chum.protocol.OfferEntry;
import io.chum.protocol.ProtocolLimits;
import io.chum.protocol.Want;
import io.chum.testing.ChildJvm;
import io.chum.testing.OneTestRecipes;
import io.chum.transport.TcpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MaliciousPeerTest}'s bad batches against a chum server in a process of its own ({@link ServeChildMain}),
 * one after the other on the same server: a wrong hash, a truncated BLOB, an object with a missing reference. Each
 * is refused with its code, the server logs the chum (a Chum object with that error) and nothing of the batch (not
 * even its good entries) reaches the store; the server then serves a good chum from the same peer, ends without a
 * background error, and the store verifies.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BadPeerServeTest {
    @Test
    void shouldRefuseBadBatchesAndGoOnServing(@TempDir final Path tmp) throws Exception {
        final Peer alice = Peer.alice(tmp);
        final Peer bob = Peer.bob(tmp);
        try {
            bob.knows(alice);
            alice.knows(bob);
            final Hash good = alice.put(ChumTests.referenceTest(List.of(), List.of(), List.of()));
            alice.grant(good, bob.person());
            try (ChildJvm serve = ChildJvm.start(ServeChildMain.class, List.of(), bob.dir.toString())) {
                final int port = Integer.parseInt(serve.awaitLine("PORT ").substring(5).trim());

                // a wrong hash: the object's bytes are another object's
                final Canonical.Encoded offered = encode(io.chum.identity.LocalIdentity.person("offered@mail.com"));
                final Canonical.Encoded fine = encode(io.chum.identity.LocalIdentity.person("fine@mail.com"));
                final Canonical.Encoded other = encode(io.chum.identity.LocalIdentity.person("x@mail.com"));
                refused(alice, port, serve, ErrorCode.HASH_MISMATCH, raw -> {
                    raw.send(new Offer(1, false, List.of(
                        new OfferEntry(EntryKind.OBJECT, fine.hash(), fine.microdata().length),
                        new OfferEntry(EntryKind.OBJECT, offered.hash(), other.microdata().length))));
                    raw.await(Want.class);
                    raw.sendPack(1, fine.microdata(), other.microdata());
                    raw.send(new BatchEnd(1, 2));
                });
                assertNothingOf(bob, fine.hash(), offered.hash(), other.hash());

                // a truncated BLOB: its first chunk, then the batch's end
                final byte[] bytes = new byte[1 << 20];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (i % 251);
                }
                final Hash blob = Sha256.hash(bytes);
                final Canonical.Encoded holder = encode(ChumTests.referenceTest(List.of(), List.of(blob), List.of()));
                refused(alice, port, serve, ErrorCode.PROTOCOL, raw -> {
                    raw.send(new Offer(1, false, List.of(new OfferEntry(EntryKind.BLOB, blob, bytes.length),
                        new OfferEntry(EntryKind.OBJECT, holder.hash(), holder.microdata().length))));
                    raw.await(Want.class);
                    raw.send(new DataChunk(1, EntryKind.BLOB, blob, bytes.length, 0, bytes, 0,
                        ProtocolLimits.DEFAULT.maxDataChunkBytes()));
                    raw.send(new BatchEnd(1, 2));
                });
                assertNothingOf(bob, blob, holder.hash());

                // an object referencing a BLOB nobody sent, after a good entry of the same batch
                final Hash missing = Sha256.hash(new byte[] {1, 2, 3});
                final Canonical.Encoded dangling = encode(ChumTests.referenceTest(List.of(), List.of(missing),
                    List.of()));
                refused(alice, port, serve, ErrorCode.MISSING_REFERENCE, raw -> {
                    raw.send(new Offer(1, false, List.of(
                        new OfferEntry(EntryKind.OBJECT, fine.hash(), fine.microdata().length),
                        new OfferEntry(EntryKind.OBJECT, dangling.hash(), dangling.microdata().length))));
                    raw.await(Want.class);
                    raw.sendPack(1, fine.microdata(), dangling.microdata());
                    raw.send(new BatchEnd(1, 2));
                });
                assertNothingOf(bob, fine.hash(), dangling.hash());

                // the server is unharmed: a real chum from the same peer completes
                final ChumApi chum = ChumSync.createChum(alice.options(bob).connection(TcpTransport.connect(
                    "127.0.0.1", port, alice.tls(), Duration.ofSeconds(10))).build());
                final ChumResult result = chum.result().get(60, TimeUnit.SECONDS);
                assertTrue(result.ok(), "the good chum: " + result.errors());
                final JsonNode served = Json.parse(serve.awaitLine("CHUM ").substring(5));
                assertEquals(0, served.path("errors").size(), served.toString());
                awaitObject(bob, good);
                serve.send("exit");
                assertEquals("BYE", serve.awaitLine("BYE").trim(), "the server had no background error");
            }
            assertEquals(4, bob.store.chumRecords().stream().filter(r -> r.type() == ChumLog.START).count(),
                "four chums logged");
            ChumTests.assertVerifies(bob);
            ChumTests.assertNoBackgroundErrors(bob);
        } finally {
            alice.close();
            bob.close();
        }
    }

    /** A raw chum of Alice that runs {@code bad} after the handshake; the server refuses it with {@code code}. */
    private static void refused(final Peer alice, final int port, final ChildJvm serve, final ErrorCode code,
                                final Consumer<RawPeer> bad) throws Exception {
        final RawPeer raw = new RawPeer(TcpTransport.connect("127.0.0.1", port, alice.tls(), Duration.ofSeconds(10)));
        try {
            raw.hello(alice.person());
            raw.await(Hello.class);
            bad.accept(raw);
            final ErrorMessage error = raw.awaitFatalErrorAndClose();
            assertEquals(code.code(), error.code(), error.message());
            assertTrue(error.fatal());
        } finally {
            raw.close();
        }
        final JsonNode logged = Json.parse(serve.awaitLine("CHUM ").substring(5));
        assertEquals(code.code(), logged.path("errors").get(0).path("code").asText(), logged.toString());
        assertEquals(1, logged.path("errors").size(), logged.toString());
    }

    private static void assertNothingOf(final Peer bob, final Hash... hashes) {
        for (final Hash h : hashes) {
            assertFalse(bob.store.containsObject(h) || bob.store.containsBlob(h), "stored from a refused batch: " + h);
        }
    }

    private static void awaitObject(final Peer bob, final Hash hash) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!bob.store.containsObject(hash)) {
            assertTrue(System.nanoTime() < deadline, "the good object did not reach Bob's store");
            Thread.sleep(20);
        }
    }

    private static Canonical.Encoded encode(final io.chum.model.OneObject obj) {
        return Canonical.encode(obj, OneTestRecipes.registry());
    }
}
