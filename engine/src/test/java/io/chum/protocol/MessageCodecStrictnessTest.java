package io.chum.protocol;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every decoder check: each malformed payload is refused with CS-PROTOCOL naming the message and field. */
class MessageCodecStrictnessTest {
    private static final IdHash PERSON =
        IdHash.ofHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static final Hash H1 = Hash.ofHex("0f0e0d0c0b0a09080706050403020100ffeeddccbbaa99887766554433221100");
    private static final int MAX_ENTRIES = ProtocolLimits.DEFAULT.maxOfferEntries();

    // ---- helpers ----

    private static ChumException assertRejected(final byte type, final byte[] payload, final ProtocolLimits limits,
                                                final String... fragments) {
        final ChumException e = assertThrows(ChumException.class,
            () -> MessageCodec.decode(type, payload, 0, payload.length, limits),
            () -> MessageType.name(type) + " " + HexFormat.of().formatHex(payload));
        assertEquals(ErrorCode.PROTOCOL, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains(MessageType.name(type)), e.getMessage());
        for (final String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "\"" + e.getMessage() + "\" lacks \"" + fragment + '"');
        }
        return e;
    }

    private static ChumException assertRejected(final byte type, final byte[] payload, final String... fragments) {
        return assertRejected(type, payload, ProtocolLimits.DEFAULT, fragments);
    }

    /** Builds payloads field by field, big-endian. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(final int v) {
            out.write(v);
            return this;
        }

        Bytes u16(final int v) {
            return u8(v >>> 8).u8(v);
        }

        Bytes u32(final long v) {
            return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
        }

        Bytes u64(final long v) {
            return u32(v >>> 32).u32(v & 0xFFFF_FFFFL);
        }

        Bytes raw(final byte... b) {
            out.writeBytes(b);
            return this;
        }

        Bytes hash(final io.chum.model.Sha256Value h) {
            return raw(h.toBytes());
        }

        Bytes string(final String s) {
            final byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return u16(b.length).raw(b);
        }

        byte[] build() {
            return out.toByteArray();
        }
    }

    private static Bytes hello(final String instanceName, final int flags, final long delay, final long cursor,
                               final long time) {
        return new Bytes().u32(1).hash(PERSON).string(instanceName).string("chum").u8(flags).u32(delay).u64(cursor)
            .u64(time);
    }

    private static Bytes validHello() {
        return hello("inst", 1, 20, 0, 1000);
    }

    private static byte[] encode(final Message m) {
        return MessageCodec.encode(m);
    }

    // ---- frame level ----

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x06, 0x0F, 0x16, 0x1F, 0x23, 0x30, 0x7F, 0x80, 0xFF})
    void shouldRejectUnknownFrameTypes(final int type) {
        assertRejected((byte) type, new byte[0], "unknown frame type");
        assertRejected((byte) type, encode(new Ping(1)), "unknown frame type");
    }

    @Test
    void shouldRejectMalformedDataPacks() {
        assertRejected(MessageType.DATA_PACK, new Bytes().u64(1).u32(0).build(), "at least one entry");
        assertRejected(MessageType.DATA_PACK, new Bytes().u64(1).u32(1).u32(3).raw(new byte[2]).build(),
            "length-prefixed entries");
        assertRejected(MessageType.DATA_PACK, new Bytes().u64(1).u32(2).u32(1).raw(new byte[1]).build(),
            "length-prefixed entries");
        assertRejected(MessageType.DATA_PACK, new Bytes().u64(1).u32(1).u32(1).raw(new byte[2]).build(),
            "trailing");
        assertRejected(MessageType.DATA_PACK, new Bytes().u64(0).u32(1).u32(0).build(), "batchId");
        final byte[] ok = new Bytes().u64(3).u32(2).u32(1).raw(new byte[] {7}).u32(0).build();
        final DataPack pack = assertInstanceOf(DataPack.class, MessageCodec.decode(MessageType.DATA_PACK, ok, 0,
            ok.length));
        final StringBuilder seen = new StringBuilder();
        pack.forEachEntry((i, b, off, len) -> seen.append(i).append(':').append(len).append(';'));
        assertEquals("0:1;1:0;", seen.toString());
    }

    @Test
    void shouldRejectPayloadsOverTheCap() {
        final ProtocolLimits small = new ProtocolLimits(4096, 64, 10);
        assertRejected(MessageType.DATA, new byte[4097], small, "payload of 4097 bytes exceeds the limit of 4096");
        final byte[] chunk = new byte[4096 - MessageCodec.DATA_HEADER_BYTES + 1];
        final byte[] data = encode(DataChunk.of(1, EntryKind.BLOB, H1, chunk.length, 0, chunk));
        assertRejected(MessageType.DATA, data, small, "exceeds the limit");
        final byte[] fits = encode(DataChunk.of(1, EntryKind.BLOB, H1, chunk.length, 0,
            Arrays.copyOf(chunk, chunk.length - 1)));
        assertInstanceOf(DataChunk.class, MessageCodec.decode(MessageType.DATA, fits, 0, fits.length, small));
        assertRejected(MessageType.OFFER, new byte[ProtocolLimits.DEFAULT.maxPayloadBytes() + 1], "exceeds the limit");
    }

    static List<Message> oneOfEachType() {
        return List.of(new Hello(PERSON, "i", "c", true, 5, 7, 9, "v"), new ErrorMessage("CS-IO", "disk", false),
            Fin.DONE, new Ping(3), new Pong(4),
            new Offer(1, false, List.of(new OfferEntry(EntryKind.OBJECT, H1, 3),
                new OfferEntry(EntryKind.ID_OBJECT, PERSON, 4))),
            DataChunk.of(1, EntryKind.BLOB, H1, 5, 3, new byte[] {1, 2}),
            new BatchEnd(1, 2), new FullSync(5, 6), new Progress(7, 8), Want.of(1, new boolean[] {true, false, true}),
            new Ack(1, 1, 1), new FullSyncAck(5));
    }

    @ParameterizedTest
    @MethodSource("oneOfEachType")
    void shouldRejectEveryTruncationAndTrailingBytes(final Message message) {
        final byte type = message.frameType();
        final byte[] payload = encode(message);
        // A shorter DATA chunk is still a valid chunk, so DATA is only truncated inside its header.
        final int shortest = type == MessageType.DATA ? MessageCodec.DATA_HEADER_BYTES : payload.length;
        for (int n = 0; n < shortest; n++) {
            assertRejected(type, Arrays.copyOf(payload, n));
        }
        final byte[] longer = Arrays.copyOf(payload, payload.length + 1);
        assertRejected(type, longer);
        // OFFER and WANT sizes follow from their counts, so an extra byte shows there as a count mismatch.
        if (type != MessageType.DATA && type != MessageType.OFFER && type != MessageType.WANT) {
            assertRejected(type, longer, "1 trailing bytes");
        }
    }

    @Test
    void shouldNameTheTruncatedField() {
        assertRejected(MessageType.ACK, new Bytes().u64(1).u32(1).u16(0).build(),
            "alreadyPresent is truncated: needs 4 bytes, 2 left");
        assertRejected(MessageType.HELLO, new Bytes().u32(1).raw(new byte[31]).build(), "personId is truncated");
        assertRejected(MessageType.PING, new byte[7], "PING", "payload is truncated");
    }

    // ---- strings ----

    @Test
    void shouldRejectStringsOverTheLimit() {
        assertRejected(MessageType.HELLO, hello("x".repeat(1025), 0, 1, 0, 0).u64(0).string("").build(),
            "instanceName has 1025 bytes, more than the limit of 1024");
        final byte[] atLimit = hello("ü".repeat(512), 0, 1, 0, 0).string("").build();
        assertInstanceOf(Hello.class, MessageCodec.decode(MessageType.HELLO, atLimit, 0, atLimit.length));
        final ProtocolLimits tight = new ProtocolLimits(1 << 20, 8, 10);
        assertRejected(MessageType.HELLO, hello("123456789", 0, 1, 0, 0).string("").build(), tight,
            "instanceName has 9 bytes");
        assertRejected(MessageType.ERROR, new Bytes().string("CS-IO").string("x".repeat(1025)).u8(0).build(),
            "message has 1025 bytes");
        assertRejected(MessageType.HELLO, new Bytes().u32(1).hash(PERSON).u16(40).raw("abc".getBytes()).build(),
            "instanceName is truncated: needs 40 bytes, 3 left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "e08080", "eda080", "edbfbf", "e282", "ff", "fe", "80", "f888808080", "f4908080",
        "f0808080", "c3"})
    void shouldRejectMalformedUtf8(final String hex) {
        final byte[] bad = HexFormat.of().parseHex(hex);
        assertRejected(MessageType.HELLO, new Bytes().u32(1).hash(PERSON).u16(bad.length).raw(bad).string("c")
            .u8(0).u32(1).u64(0).u64(0).string("").build(), "instanceName is not well-formed UTF-8");
        assertRejected(MessageType.ERROR, new Bytes().string("CS-IO").u16(bad.length + 1).u8('a').raw(bad).u8(1)
            .build(), "message is not well-formed UTF-8");
    }

    @Test
    void shouldAcceptWellFormedNonAsciiStrings() {
        final byte[] payload = hello("Zürich ☕ 日本 😀", 0, 1, 0, 0).string("").build();
        final Hello h = (Hello) MessageCodec.decode(MessageType.HELLO, payload, 0, payload.length);
        assertEquals("Zürich ☕ 日本 😀", h.instanceName());
    }

    // ---- HELLO ----

    @Test
    void shouldReadAFutureVersionWhateverFollowsIt() {
        final byte[] garbage = new byte[5000];
        new Random(7).nextBytes(garbage);
        final byte[] future = new Bytes().u32(2).raw(garbage).build();
        final Message m = MessageCodec.decode(MessageType.HELLO, future, 0, future.length);
        assertEquals(new ForeignHello(2), m);
        assertEquals(2, MessageCodec.helloVersion(future, 0, future.length));

        final byte[] onlyVersion = new Bytes().u32(0xFFFF_FFFFL).build();
        final ForeignHello max = (ForeignHello) MessageCodec.decode(MessageType.HELLO, onlyVersion, 0, 4);
        assertEquals("4294967295", max.versionText());
        assertEquals(new ForeignHello(0), MessageCodec.decode(MessageType.HELLO, new byte[4], 0, 4));

        final byte[] huge = new Bytes().u32(9).raw(new byte[ProtocolLimits.DEFAULT.maxPayloadBytes()]).build();
        assertEquals(new ForeignHello(9), MessageCodec.decode(MessageType.HELLO, huge, 0, huge.length));
    }

    @Test
    void shouldReadOurVersionEvenWhenTheRestIsGarbage() {
        final byte[] garbage = new Bytes().u32(1).raw(new byte[] {1, 2, 3}).build();
        assertEquals(ChumProtocol.PROTOCOL_VERSION, MessageCodec.helloVersion(garbage, 0, garbage.length));
        assertRejected(MessageType.HELLO, garbage, "personId");
        final ChumException shortVersion = assertThrows(ChumException.class,
            () -> MessageCodec.helloVersion(new byte[3], 0, 3));
        assertEquals(ErrorCode.PROTOCOL, shortVersion.errorCode());
        assertRejected(MessageType.HELLO, new byte[3], "protocolVersion is truncated");
    }

    @Test
    void shouldRejectHelloFieldsOutOfRange() {
        final byte[] ok = validHello().string("v").build();
        assertInstanceOf(Hello.class, MessageCodec.decode(MessageType.HELLO, ok, 0, ok.length));
        assertRejected(MessageType.HELLO, hello("i", 0x02, 1, 0, 0).string("").build(), "flags", "reserved bits");
        assertRejected(MessageType.HELLO, hello("i", 0x81, 1, 0, 0).string("").build(), "flags", "reserved bits");
        assertRejected(MessageType.HELLO, hello("i", 0, 0, 0, 0).string("").build(), "maxNotificationDelayMs 0");
        assertRejected(MessageType.HELLO, hello("i", 0, 0x8000_0000L, 0, 0).string("").build(),
            "maxNotificationDelayMs 2147483648");
        assertRejected(MessageType.HELLO, hello("i", 0, 1, -1, 0).string("").build(), "cursor -1 is negative");
        assertRejected(MessageType.HELLO, hello("i", 0, 1, 0, Long.MIN_VALUE).string("").build(),
            "senderTimeMs", "negative");
    }

    // ---- ERROR, FIN ----

    @ParameterizedTest
    @ValueSource(strings = {"", "CS MISMATCH", "CS-MISMATCH!", "CS-ÄRGER", "\t", "65-characters"})
    void shouldRejectBadErrorCodes(final String given) {
        final String code = given.equals("65-characters") ? "A".repeat(65) : given;
        assertRejected(MessageType.ERROR, new Bytes().string(code).string("m").u8(1).build(), "code");
    }

    @Test
    void shouldRejectNonBooleanFatal() {
        assertRejected(MessageType.ERROR, new Bytes().string("CS-IO").string("m").u8(2).build(),
            "fatal 2 is not a boolean");
        assertRejected(MessageType.ERROR, new Bytes().string("CS-IO").string("m").u8(0xFF).build(), "fatal");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 0x80, 0xFF})
    void shouldRejectUnknownFinReasons(final int reason) {
        assertRejected(MessageType.FIN, new byte[] {(byte) reason}, "reason " + reason + " is not a FIN reason");
    }

    // ---- OFFER ----

    private static Bytes offerHeader(final long batchId, final int flags, final long count) {
        return new Bytes().u64(batchId).u8(flags).u32(count);
    }

    @Test
    void shouldRejectOfferHeaderViolations() {
        assertRejected(MessageType.OFFER, offerHeader(0, 0, 0).build(), "batchId 0 is not a batch id");
        assertRejected(MessageType.OFFER, offerHeader(Long.MIN_VALUE, 0, 0).build(), "batchId", "exceeds 2^63-1");
        assertRejected(MessageType.OFFER, offerHeader(1, 0x04, 0).build(), "flags 0x04 has reserved bits set");
        assertRejected(MessageType.OFFER, offerHeader(1, 0x03, 0).build(), "both a PROBE and a PUSH");
        assertRejected(MessageType.OFFER, offerHeader(1, 0x80, 0).build(), "flags");
        assertRejected(MessageType.OFFER, offerHeader(1, 0, MAX_ENTRIES + 1)
                .raw(new byte[(MAX_ENTRIES + 1) * OfferEntry.WIRE_BYTES]).build(),
            "entryCount 4097 exceeds the limit of 4096");
        assertRejected(MessageType.OFFER, offerHeader(1, 0, 0xFFFF_FFFFL).build(), "entryCount 4294967295 exceeds");
    }

    @Test
    void shouldRejectOfferCountsThatDoNotMatchTheBytes() {
        final Bytes oneEntry = offerHeader(1, 0, 2).u8(1).hash(H1).u64(10);
        assertRejected(MessageType.OFFER, oneEntry.build(), "entries are 41 bytes, but 2 entries take 82");
        assertRejected(MessageType.OFFER, offerHeader(1, 0, 1).u8(1).hash(H1).u64(10).u8(1).hash(H1).u64(10).build(),
            "entries are 82 bytes, but 1 entries take 41");
        assertRejected(MessageType.OFFER, offerHeader(1, 0, 1).u8(1).hash(H1).u32(10).build(), "entries");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 0x81, 0xFF})
    void shouldRejectInvalidEntryKinds(final int kind) {
        assertRejected(MessageType.OFFER, offerHeader(1, 0, 2).u8(1).hash(H1).u64(1).u8(kind).hash(H1).u64(1)
            .build(), "entries[1].kind " + kind + " is not an entry kind");
        assertRejected(MessageType.DATA, new Bytes().u64(1).u8(kind).hash(H1).u64(1).u64(0).u8(0).build(),
            "kind " + kind + " is not an entry kind");
    }

    @Test
    void shouldRejectEntrySizesBeyondTheU63Range() {
        assertRejected(MessageType.OFFER, offerHeader(1, 0, 1).u8(3).hash(H1).u64(-1).build(),
            "entries[0].size 18446744073709551615 exceeds 2^63-1");
    }

    @Test
    void shouldDecodeIdObjectEntriesAsIdHashes() {
        final byte[] payload = offerHeader(1, 1, 2).u8(2).hash(PERSON).u64(5).u8(4).hash(H1).u64(6).build();
        final Offer offer = (Offer) MessageCodec.decode(MessageType.OFFER, payload, 0, payload.length);
        assertTrue(offer.probe());
        assertEquals(new OfferEntry(EntryKind.ID_OBJECT, PERSON, 5), offer.entries().get(0));
        assertEquals(new OfferEntry(EntryKind.CLOB, H1, 6), offer.entries().get(1));
    }

    // ---- WANT ----

    @Test
    void shouldRejectWantBitmapViolations() {
        assertRejected(MessageType.WANT, new Bytes().u64(1).u32(MAX_ENTRIES + 1).raw(new byte[513]).build(),
            "entryCount 4097 exceeds the limit of 4096");
        assertRejected(MessageType.WANT, new Bytes().u64(1).u32(9).u8(0xFF).build(),
            "bitmap is 1 bytes, but 9 entries take 2");
        assertRejected(MessageType.WANT, new Bytes().u64(1).u32(8).u8(0xFF).u8(0).build(),
            "bitmap is 2 bytes, but 8 entries take 1");
        assertRejected(MessageType.WANT, new Bytes().u64(1).u32(0).u8(0).build(), "bitmap is 1 bytes, but 0 entries");
        assertRejected(MessageType.WANT, new Bytes().u64(1).u32(3).u8(0x08).build(), "bits set beyond entry 2");
        assertRejected(MessageType.WANT, new Bytes().u64(1).u32(9).u8(0xFF).u8(0x02).build(), "beyond entry 8");
        assertRejected(MessageType.WANT, new Bytes().u64(0).u32(0).build(), "batchId 0");
        final byte[] ok = new Bytes().u64(1).u32(9).u8(0xFF).u8(0x01).build();
        assertEquals(9, ((Want) MessageCodec.decode(MessageType.WANT, ok, 0, ok.length)).wantedCount());
    }

    // ---- DATA ----

    private static Bytes dataHeader(final long totalSize, final long offset) {
        return new Bytes().u64(1).u8(3).hash(H1).u64(totalSize).u64(offset);
    }

    @Test
    void shouldRejectChunksOutsideTheEntry() {
        assertRejected(MessageType.DATA, dataHeader(5, 6).build(), "chunk [6, +0) exceeds the entry's totalSize 5");
        assertRejected(MessageType.DATA, dataHeader(5, 3).raw(new byte[3]).build(), "chunk [3, +3) exceeds");
        assertRejected(MessageType.DATA, dataHeader(Long.MAX_VALUE, Long.MAX_VALUE).u8(1).build(), "chunk",
            "exceeds the entry's totalSize");
        assertRejected(MessageType.DATA, dataHeader(5, 0).build(), "chunk is empty but the entry has 5 bytes");
        assertRejected(MessageType.DATA, dataHeader(-1, 0).u8(1).build(), "totalSize", "exceeds 2^63-1");
        assertRejected(MessageType.DATA, dataHeader(5, Long.MIN_VALUE).u8(1).build(), "offset", "exceeds 2^63-1");
        assertRejected(MessageType.DATA, new Bytes().u64(0).u8(3).hash(H1).u64(0).u64(0).build(), "batchId 0");
        final byte[] empty = dataHeader(0, 0).build();
        assertEquals(0, ((DataChunk) MessageCodec.decode(MessageType.DATA, empty, 0, empty.length)).length());
        final byte[] last = dataHeader(5, 3).raw(new byte[2]).build();
        assertTrue(((DataChunk) MessageCodec.decode(MessageType.DATA, last, 0, last.length)).isLast());
    }

    // ---- BATCH_END, ACK, FULL_SYNC, PROGRESS, FULL_SYNC_ACK ----

    @Test
    void shouldRejectCountsOverABatch() {
        assertRejected(MessageType.BATCH_END, new Bytes().u64(1).u32(MAX_ENTRIES + 1).build(),
            "entriesSent 4097 exceeds the limit of 4096");
        assertRejected(MessageType.BATCH_END, new Bytes().u64(0).u32(0).build(), "batchId 0");
        assertRejected(MessageType.ACK, new Bytes().u64(1).u32(MAX_ENTRIES + 1).u32(0).build(), "stored 4097 exceeds");
        assertRejected(MessageType.ACK, new Bytes().u64(1).u32(0).u32(0xFFFF_FFFFL).build(), "alreadyPresent");
        assertRejected(MessageType.ACK, new Bytes().u64(1).u32(MAX_ENTRIES).u32(1).build(),
            "alreadyPresent plus stored is 4097, more than a batch holds (4096)");
    }

    @Test
    void shouldRejectNegativeTimestampsAndU64Overflow() {
        assertRejected(MessageType.FULL_SYNC, new Bytes().u64(-5).u64(0).build(), "snapshotTimestampMs -5 is negative");
        assertRejected(MessageType.FULL_SYNC, new Bytes().u64(5).u64(Long.MIN_VALUE).build(), "lastBatchId");
        assertRejected(MessageType.FULL_SYNC_ACK, new Bytes().u64(-1).build(), "snapshotTimestampMs -1 is negative");
        assertRejected(MessageType.PROGRESS, new Bytes().u64(-1).u64(0).build(), "totalObjects");
        assertRejected(MessageType.PROGRESS, new Bytes().u64(0).u64(-1).build(), "totalBytes");
        final byte[] zeroBatches = new Bytes().u64(5).u64(0).build();
        assertEquals(new FullSync(5, 0), MessageCodec.decode(MessageType.FULL_SYNC, zeroBatches, 0, 16));
    }

    // ---- allocation ----

    @Test
    void shouldNotAllocateFromADeclaredCountBeforeCheckingTheBytes() {
        assumeTrue(Allocations.supported(), "per-thread allocation counting is not available");
        // Generous limits, so only the check against the bytes present can stop a huge allocation.
        final ProtocolLimits generous = new ProtocolLimits(Integer.MAX_VALUE, 0xFFFF, 40_000_000);
        final byte[][] lies = {
            offerHeader(1, 0, 40_000_000).u8(1).build(),
            new Bytes().u64(1).u32(40_000_000).u8(0).build(),
            new Bytes().u32(1).hash(PERSON).u16(0xFFFF).raw(new byte[10]).build(),
            new Bytes().string("CS-IO").u16(0xFFFF).u8('a').build(),
        };
        final byte[] types = {MessageType.OFFER, MessageType.WANT, MessageType.HELLO, MessageType.ERROR};
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < lies.length; i++) {
                final byte[] lie = lies[i];
                final byte type = types[i];
                final long before = Allocations.current();
                assertNotNull(assertThrows(ChumException.class,
                    () -> MessageCodec.decode(type, lie, 0, lie.length, generous)));
                final long allocated = Allocations.current() - before;
                // The first round may load classes; later rounds must stay small.
                if (round > 0) {
                    assertTrue(allocated < 64 * 1024, MessageType.name(type) + " allocated " + allocated + " bytes");
                }
            }
        }
    }

    @Test
    void shouldNotReadOutsideTheGivenSlice() {
        final byte[] ping = encode(new Ping(0x0102030405060708L));
        final byte[] framed = ByteBuffer.allocate(20).put(new byte[5]).put(ping).put(new byte[7]).array();
        assertEquals(new Ping(0x0102030405060708L), MessageCodec.decode(MessageType.PING, framed, 5, 8));
        assertRejected(MessageType.PING, Arrays.copyOfRange(framed, 5, 12), "payload is truncated");
        final ChumException e = assertThrows(ChumException.class,
            () -> MessageCodec.decode(MessageType.PING, framed, 5, 7));
        assertEquals(ErrorCode.PROTOCOL, e.errorCode());
        assertThrows(IndexOutOfBoundsException.class, () -> MessageCodec.decode(MessageType.PING, framed, 15, 8));
    }
}
