package io.chum.sync;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.microdata.Canonical;
import io.chum.model.Hash;
import io.chum.model.ItemType;
import io.chum.model.OneObject;
import io.chum.model.Recipe;
import io.chum.model.RecipeRegistry;
import io.chum.model.Rule;
import io.chum.model.Sha256;
import io.chum.protocol.BatchEnd;
import io.chum.protocol.DataChunk;
import io.chum.protocol.EntryKind;
import io.chum.protocol.ErrorMessage;
import io.chum.protocol.ForeignHello;
import io.chum.protocol.Hello;
import io.chum.protocol.MessageCodec;
import io.chum.protocol.MessageType;
import io.chum.protocol.Offer;
import io.chum.protocol.OfferEntry;
import io.chum.protocol.ProtocolLimits;
import io.chum.protocol.Want;
import io.chum.testing.OneTestRecipes;
import io.chum.transport.Frame;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hand-written peer (speaking the protocol through the codec) against a real chum: a foreign version, a false
 * identity, and a malicious exporter or importer. Each is refused with its code; nothing of the bad batch is stored;
 * the chum tells the peer with a fatal ERROR, closes, and records the error in its Chum object.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MaliciousPeerTest {
    private static final RecipeRegistry REGISTRY = OneTestRecipes.registry();

    private Peer alice;
    private Peer bob;

    private Transport.RawChum start(final Transport transport, final Path tmp) throws Exception {
        alice = Peer.alice(tmp);
        bob = Peer.bob(tmp);
        bob.knows(alice);
        return transport.raw(alice, bob, o -> o);
    }

    private void close() {
        alice.close();
        bob.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldAbortOnAProtocolVersionMismatch(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        try (Transport.RawChum c = start(transport, tmp)) {
            c.raw().send(new ForeignHello(2));
            final ErrorMessage error = c.raw().awaitFatalErrorAndClose();
            assertEquals(ErrorCode.PROTOCOL_MISMATCH.code(), error.code());
            assertTrue(error.message().contains("version 2"), error.message());
            final ExecutionException e = assertThrows(ExecutionException.class,
                () -> c.chum().result().get(30, TimeUnit.SECONDS));
            assertEquals(ErrorCode.PROTOCOL_MISMATCH, ((ChumException) e.getCause()).errorCode());
            assertTrue(bob.store.chumRecords().isEmpty(), "nothing was logged before the handshake");
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefuseAPeerClaimingSomeoneElse(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Transport.RawChum c = start(transport, tmp)) {
            c.raw().hello(LocalIdentity.personId("mallory@mail.com"));
            assertEquals(ErrorCode.IMPERSONATION.code(), c.raw().awaitFatalErrorAndClose().code());
            final ExecutionException e = assertThrows(ExecutionException.class,
                () -> c.chum().result().get(30, TimeUnit.SECONDS));
            assertEquals(ErrorCode.IMPERSONATION, ((ChumException) e.getCause()).errorCode());
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefuseAnObjectWithTheWrongHash(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Transport.RawChum c = start(transport, tmp)) {
            final Canonical.Encoded offered = encode(ChumTests.referenceTest(List.of(), List.of(), List.of()));
            final Canonical.Encoded sent = encode(LocalIdentity.person("x@mail.com"));
            exporterHandshake(c);
            c.raw().send(new Offer(1, false, List.of(new OfferEntry(EntryKind.OBJECT, offered.hash(),
                sent.microdata().length))));
            c.raw().await(Want.class);
            c.raw().sendPack(1, sent.microdata());
            c.raw().send(new BatchEnd(1, 1));
            assertRefused(c, ErrorCode.HASH_MISMATCH);
            assertFalse(bob.store.containsObject(offered.hash()));
            assertFalse(bob.store.containsObject(sent.hash()));
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefuseATruncatedBlob(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Transport.RawChum c = start(transport, tmp)) {
            final byte[] bytes = new byte[2 << 20];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i % 251);
            }
            final Hash hash = Sha256.hash(bytes);
            final Canonical.Encoded obj = encode(ChumTests.referenceTest(List.of(), List.of(hash), List.of()));
            exporterHandshake(c);
            c.raw().send(new Offer(1, false, List.of(new OfferEntry(EntryKind.BLOB, hash, bytes.length),
                new OfferEntry(EntryKind.OBJECT, obj.hash(), obj.microdata().length))));
            c.raw().await(Want.class);
            final int chunk = ProtocolLimits.DEFAULT.maxDataChunkBytes();
            c.raw().send(new DataChunk(1, EntryKind.BLOB, hash, bytes.length, 0, bytes, 0, chunk));
            c.raw().send(new BatchEnd(1, 2));
            assertRefused(c, ErrorCode.PROTOCOL);
            assertFalse(bob.store.containsBlob(hash));
            assertFalse(bob.store.containsObject(obj.hash()));
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefuseAnObjectWithAMissingReference(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        try (Transport.RawChum c = start(transport, tmp)) {
            final Hash missing = Sha256.hash(new byte[] {1, 2, 3});
            final Canonical.Encoded first = encode(LocalIdentity.person("fine@mail.com"));
            final Canonical.Encoded obj = encode(ChumTests.referenceTest(List.of(), List.of(missing), List.of()));
            exporterHandshake(c);
            c.raw().send(new Offer(1, false, List.of(
                new OfferEntry(EntryKind.OBJECT, first.hash(), first.microdata().length),
                new OfferEntry(EntryKind.OBJECT, obj.hash(), obj.microdata().length))));
            c.raw().await(Want.class);
            c.raw().sendPack(1, first.microdata(), obj.microdata());
            c.raw().send(new BatchEnd(1, 2));
            assertRefused(c, ErrorCode.MISSING_REFERENCE);
            assertFalse(bob.store.containsObject(first.hash()), "nothing of the batch, not even its good entry");
            assertFalse(bob.store.containsObject(obj.hash()));
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefuseAnAccessPushedByThePeer(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Transport.RawChum c = start(transport, tmp)) {
            final Canonical.Encoded target = encode(LocalIdentity.person("target@mail.com"));
            final Canonical.Encoded access = encode(OneObject.of("Access", Map.of("object", target.hash(),
                "person", List.of(alice.person()), "group", List.of())));
            exporterHandshake(c);
            c.raw().send(new Offer(1, false, List.of(
                new OfferEntry(EntryKind.OBJECT, target.hash(), target.microdata().length),
                new OfferEntry(EntryKind.OBJECT, access.hash(), access.microdata().length))));
            c.raw().await(Want.class);
            c.raw().sendPack(1, target.microdata(), access.microdata());
            c.raw().send(new BatchEnd(1, 2));
            assertRefused(c, ErrorCode.FORBIDDEN_TYPE);
            assertFalse(bob.store.containsObject(access.hash()));
            assertFalse(bob.store.containsObject(target.hash()));
            assertTrue(bob.store.grantsFor(alice.person()).isEmpty());
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefuseAnObjectOfAnUnknownType(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Transport.RawChum c = start(transport, tmp)) {
            final RecipeRegistry registry = OneTestRecipes.registry();
            registry.register(new Recipe("Evil$Thing", List.of(Rule.of("text", ItemType.StringType.PLAIN))));
            final Canonical.Encoded obj = Canonical.encode(OneObject.of("Evil$Thing", Map.of("text", "boo")),
                registry);
            exporterHandshake(c);
            c.raw().send(new Offer(1, false, List.of(new OfferEntry(EntryKind.OBJECT, obj.hash(),
                obj.microdata().length))));
            c.raw().await(Want.class);
            c.raw().sendPack(1, obj.microdata());
            c.raw().send(new BatchEnd(1, 1));
            assertRefused(c, ErrorCode.UNKNOWN_TYPE);
            assertFalse(bob.store.containsObject(obj.hash()));
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefuseAWantForABatchNeverOffered(final Transport transport, @TempDir final Path tmp)
        throws Exception {
        try (Transport.RawChum c = start(transport, tmp)) {
            final Hash secret = bob.put(ChumTests.marker(bob.store, "not for alice"));
            exporterHandshake(c);
            c.raw().send(Want.of(7, new boolean[] {true}));
            assertRefused(c, ErrorCode.NOT_OFFERED);
            assertFalse(c.raw().received().stream().anyMatch(m -> m instanceof io.chum.protocol.DataPack
                || m instanceof DataChunk), "no data left Bob's store; secret " + secret);
        } finally {
            close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefuseAMalformedFrame(final Transport transport, @TempDir final Path tmp) throws Exception {
        try (Transport.RawChum c = start(transport, tmp)) {
            exporterHandshake(c);
            // OFFER claiming 3 entries with the bytes of none.
            final byte[] payload = MessageCodec.encode(new Offer(1, false, List.of()));
            payload[payload.length - 1] = 3;
            c.raw().sendRaw(Frame.wrap(MessageType.OFFER, payload));
            assertRefused(c, ErrorCode.PROTOCOL);
            assertEquals(1, ((com.fasterxml.jackson.databind.JsonNode) c.result().readChum(bob.store).get("statistics"))
                .path("requestsReceivedInvalid").asLong());
        } finally {
            close();
        }
    }

    // ---- helpers ----

    private static Canonical.Encoded encode(final OneObject obj) {
        return Canonical.encode(obj, REGISTRY);
    }

    /** HELLO both ways; Bob's exporter has nothing for Alice and marks full sync at once. */
    private void exporterHandshake(final Transport.RawChum c) {
        c.raw().hello(alice.person());
        assertInstanceOf(Hello.class, c.raw().await(Hello.class));
    }

    /**
     * The chum sent a fatal ERROR with {@code code} and closed; its result records exactly that error; it imported
     * nothing; its Chum object is stored; the store verifies; nothing failed in the background.
     */
    private void assertRefused(final Transport.RawChum c, final ErrorCode code) throws Exception {
        final ErrorMessage error = c.raw().awaitFatalErrorAndClose();
        assertEquals(code.code(), error.code(), error.message());
        assertTrue(error.fatal());
        final ChumResult r = c.result();
        assertEquals(List.of(code.code()), r.errors().stream().map(ChumError::code).toList(), "" + r.errors());
        assertFalse(r.errors().get(0).remote());
        assertEquals(0, Reach.importedBy(bob.store, r.sessionId()).size(), "nothing imported");
        assertTrue(bob.store.containsObject(r.hash()), "the Chum object is stored");
        assertEquals(code.code(), ((com.fasterxml.jackson.databind.JsonNode) r.readChum(bob.store).get("errors")).get(0)
            .path("code").asText());
        ChumTests.assertVerifies(bob);
        ChumTests.assertNoBackgroundErrors(bob);
    }
}
