package io.chum.protocol;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageCodecRoundTripTest {
    private static final ProtocolLimits LIMITS = ProtocolLimits.DEFAULT;
    private static final IdHash PERSON =
        IdHash.ofHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static final Hash H1 = Hash.ofHex("0f0e0d0c0b0a09080706050403020100ffeeddccbbaa99887766554433221100");

    /** Strings of exactly 1024 UTF-8 bytes built from 1-, 2-, 3- and 4-byte characters. */
    private static final String MAX_ASCII = "a".repeat(1024);
    private static final String MAX_TWO_BYTE = "ü".repeat(512);
    private static final String MAX_THREE_BYTE = "€".repeat(341) + "x";
    private static final String MAX_FOUR_BYTE = "😀".repeat(256);

    static List<Message> edgeMessages() {
        final Random rnd = new Random(42);
        final List<Message> m = new ArrayList<>();
        m.add(new Hello(PERSON, "", "", false, 1, 0, 0, ""));
        m.add(new Hello(PERSON, MAX_ASCII, MAX_TWO_BYTE, true, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
            MAX_THREE_BYTE));
        m.add(new Hello(PERSON, MAX_FOUR_BYTE, "Zürich ☕ 日本 😀", true, 20, 1_700_000_000_000L,
            1_700_000_000_123L, "chum-sync 0.1.0"));
        m.add(new ForeignHello(0));
        m.add(new ForeignHello(2));
        m.add(new ForeignHello(-1));
        m.add(new ErrorMessage("X", "", false));
        m.add(new ErrorMessage("CS-MISMATCH", "protocol version 2 is not 1", true));
        m.add(new ErrorMessage("A".repeat(ChumProtocol.MAX_ERROR_CODE_LENGTH), MAX_FOUR_BYTE, true));
        m.add(Fin.DONE);
        m.add(Fin.STOPPING);
        m.add(new Ping(0));
        m.add(new Ping(Long.MIN_VALUE));
        m.add(new Pong(Long.MAX_VALUE));
        m.add(new Pong(-1));
        m.add(new Offer(1, false, List.of()));
        m.add(new Offer(Long.MAX_VALUE, true, List.of()));
        m.add(new Offer(7, true, List.of(new OfferEntry(EntryKind.ID_OBJECT, PERSON, 0))));
        m.add(new Offer(8, false, true, List.of(new OfferEntry(EntryKind.ID_OBJECT, PERSON, 9))));
        final List<OfferEntry> full = TestMessages.entries(rnd, LIMITS.maxOfferEntries());
        full.set(0, new OfferEntry(EntryKind.BLOB, H1, Long.MAX_VALUE));
        m.add(new Offer(3, false, full));
        m.add(new DataChunk(1, EntryKind.BLOB, H1, 0, 0, new byte[0], 0, 0));
        m.add(new DataChunk(1, EntryKind.CLOB, H1, 0, 0, new byte[5], 3, 0));
        final byte[] maxChunk = new byte[LIMITS.maxDataChunkBytes()];
        rnd.nextBytes(maxChunk);
        m.add(DataChunk.of(Long.MAX_VALUE, EntryKind.OBJECT, H1, Long.MAX_VALUE, 0, maxChunk));
        m.add(new DataChunk(9, EntryKind.ID_OBJECT, PERSON, Long.MAX_VALUE, Long.MAX_VALUE - 10, maxChunk, 100,
            10));
        m.add(new DataChunk(2, EntryKind.BLOB, H1, 3, 2, new byte[] {1, 2, 3}, 2, 1));
        m.add(new BatchEnd(1, 0));
        m.add(new BatchEnd(Long.MAX_VALUE, LIMITS.maxOfferEntries()));
        m.add(new FullSync(0, 0));
        m.add(new FullSync(Long.MAX_VALUE, Long.MAX_VALUE));
        m.add(new Progress(0, 0));
        m.add(new Progress(Long.MAX_VALUE, Long.MAX_VALUE));
        for (final int count : new int[] {0, 1, 7, 8, 9, 4095, 4096}) {
            final boolean[] all = new boolean[count];
            java.util.Arrays.fill(all, true);
            m.add(Want.of(count + 1, all));
            m.add(Want.of(count + 1, new boolean[count]));
            final boolean[] some = new boolean[count];
            for (int i = 0; i < count; i++) {
                some[i] = rnd.nextBoolean();
            }
            m.add(Want.of(Long.MAX_VALUE, some));
        }
        m.add(new Ack(1, 0, 0));
        m.add(new Ack(Long.MAX_VALUE, LIMITS.maxOfferEntries(), 0));
        m.add(new Ack(5, 2048, 2048));
        m.add(new Ack(5, 0, LIMITS.maxOfferEntries()));
        m.add(new FullSyncAck(0));
        m.add(new FullSyncAck(Long.MAX_VALUE));
        return m;
    }

    @ParameterizedTest
    @MethodSource("edgeMessages")
    void shouldRoundTripEdgeValues(final Message message) {
        final byte[] payload = MessageCodec.encode(message);
        assertEquals(MessageCodec.encodedLength(message), payload.length);
        assertTrue(payload.length <= LIMITS.maxPayloadBytes(), "fits the default payload cap");
        final byte type = MessageCodec.type(message);
        assertEquals(message.frameType(), type);

        final Message decoded = MessageCodec.decode(type, payload, 0, payload.length);
        assertEquals(message, decoded);
        assertEquals(message.hashCode(), decoded.hashCode());
        assertArrayEquals(payload, MessageCodec.encode(decoded), "re-encoding gives the same bytes");
    }

    @ParameterizedTest
    @MethodSource("edgeMessages")
    void shouldEncodeIntoABufferAtAnOffsetAndDecodeFromOne(final Message message) {
        final byte[] expected = MessageCodec.encode(message);
        final byte[] buffer = new byte[expected.length + 20];
        java.util.Arrays.fill(buffer, (byte) 0x5A);
        assertEquals(expected.length, MessageCodec.encode(message, buffer, 13));
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(buffer, 13, 13 + expected.length));
        assertEquals(0x5A, buffer[12]);
        assertEquals(0x5A, buffer[13 + expected.length]);
        assertEquals(message, MessageCodec.decode(message.frameType(), buffer, 13, expected.length));
    }

    @Test
    void shouldRefuseABufferThatIsTooSmall() {
        final Message ping = new Ping(1);
        assertThrows(IndexOutOfBoundsException.class, () -> MessageCodec.encode(ping, new byte[10], 3));
    }

    @Test
    void shouldRoundTripRandomMessagesOfEveryType() {
        final long seed = 20240601L;
        final Random rnd = new Random(seed);
        for (final byte type : TestMessages.KNOWN_TYPES) {
            for (int i = 0; i < 300; i++) {
                final Message message = TestMessages.random(type, rnd, LIMITS);
                final byte[] payload = MessageCodec.encode(message);
                final Message decoded = MessageCodec.decode(type, payload, 0, payload.length);
                assertEquals(message, decoded, "seed " + seed + ", " + MessageType.name(type) + " #" + i);
            }
        }
    }

    @Test
    void shouldEncodeTheDocumentedHelloLayout() {
        final Hello hello = new Hello(PERSON, "ab", "c", true, 20, 0x0102, 0x0A0B, "v1");
        assertEquals("00000001"
                + "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
                + "0002" + "6162" + "0001" + "63" + "01" + "00000014"
                + "0000000000000102" + "0000000000000a0b" + "0002" + "7631",
            HexFormat.of().formatHex(MessageCodec.encode(hello)));
    }

    @Test
    void shouldEncodeTheDocumentedOfferWantDataLayouts() {
        final Offer offer = new Offer(2, true, List.of(new OfferEntry(EntryKind.BLOB, H1, 5)));
        assertEquals("0000000000000002" + "01" + "00000001" + "03" + H1.toHex() + "0000000000000005",
            HexFormat.of().formatHex(MessageCodec.encode(offer)));

        final Offer push = new Offer(3, false, true, List.of());
        assertEquals("0000000000000003" + "02" + "00000000", HexFormat.of().formatHex(MessageCodec.encode(push)));

        final Want want = Want.of(2, new boolean[] {true, false, false, true, false, false, false, false, true});
        assertEquals("0000000000000002" + "00000009" + "0901", HexFormat.of().formatHex(MessageCodec.encode(want)));

        final DataChunk data = DataChunk.of(2, EntryKind.CLOB, H1, 5, 3, new byte[] {0x68, 0x69});
        assertEquals("0000000000000002" + "04" + H1.toHex() + "0000000000000005" + "0000000000000003" + "6869",
            HexFormat.of().formatHex(MessageCodec.encode(data)));
    }

    @Test
    void shouldEncodeTheDocumentedSmallLayouts() {
        assertEquals("0002" + "4142" + "0002" + "c3bc" + "01",
            HexFormat.of().formatHex(MessageCodec.encode(new ErrorMessage("AB", "ü", true))));
        assertEquals("01", HexFormat.of().formatHex(MessageCodec.encode(Fin.STOPPING)));
        assertEquals("0000000000000003" + "00000002",
            HexFormat.of().formatHex(MessageCodec.encode(new BatchEnd(3, 2))));
        assertEquals("0000000000000003" + "00000002" + "00000001",
            HexFormat.of().formatHex(MessageCodec.encode(new Ack(3, 2, 1))));
        assertEquals("0000000000000064" + "0000000000000004",
            HexFormat.of().formatHex(MessageCodec.encode(new FullSync(100, 4))));
        assertEquals("0000000000000064", HexFormat.of().formatHex(MessageCodec.encode(new FullSyncAck(100))));
        assertEquals("ffffffffffffffff", HexFormat.of().formatHex(MessageCodec.encode(new Ping(-1))));
        assertEquals("00000002", HexFormat.of().formatHex(MessageCodec.encode(new ForeignHello(2))));
    }

    @Test
    void shouldDecodeDataAsAViewWithoutCopying() {
        final DataChunk data = DataChunk.of(4, EntryKind.BLOB, H1, 1000, 10, new byte[] {9, 8, 7});
        final byte[] payload = MessageCodec.encode(data);
        final DataChunk decoded = (DataChunk) MessageCodec.decode(MessageType.DATA, payload, 0, payload.length);
        assertSame(payload, decoded.buffer());
        assertEquals(MessageCodec.DATA_HEADER_BYTES, decoded.bufferOffset());
        assertArrayEquals(new byte[] {9, 8, 7}, decoded.chunkCopy());
        assertEquals(3, decoded.chunk().remaining());
        assertTrue(decoded.chunk().isReadOnly());
        assertFalse(decoded.isLast());
    }

    @Test
    void shouldWriteTheDataHeaderApartForGatheringWrites() {
        final byte[] chunk = {1, 2, 3, 4};
        final DataChunk data = new DataChunk(8, EntryKind.OBJECT, H1, 4, 0, chunk, 1, 3 - 1);
        final byte[] header = new byte[MessageCodec.DATA_HEADER_BYTES + 2];
        assertEquals(MessageCodec.DATA_HEADER_BYTES, MessageCodec.encodeDataHeader(data, header, 2));
        final byte[] whole = MessageCodec.encode(data);
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 0, MessageCodec.DATA_HEADER_BYTES),
            java.util.Arrays.copyOfRange(header, 2, header.length));
        assertArrayEquals(new byte[] {2, 3}, java.util.Arrays.copyOfRange(whole, MessageCodec.DATA_HEADER_BYTES,
            whole.length));
    }

    @Test
    void shouldNameTypesAndTheirSenders() {
        for (final byte type : TestMessages.KNOWN_TYPES) {
            assertTrue(MessageType.isKnown(type));
        }
        assertEquals("FULL_SYNC_ACK", MessageType.name(MessageType.FULL_SYNC_ACK));
        assertEquals("0x7f", MessageType.name((byte) 0x7F));
        assertFalse(MessageType.isKnown((byte) 0));
        assertEquals(MessageType.Sender.SESSION, MessageType.sender(MessageType.HELLO));
        assertEquals(MessageType.Sender.SESSION, MessageType.sender(MessageType.PONG));
        assertEquals(MessageType.Sender.EXPORTER, MessageType.sender(MessageType.DATA));
        assertEquals(MessageType.Sender.IMPORTER, MessageType.sender(MessageType.WANT));
        assertThrows(IllegalArgumentException.class, () -> MessageType.sender((byte) 0x30));
        int known = 0;
        for (int t = 0; t < 256; t++) {
            known += MessageType.isKnown((byte) t) ? 1 : 0;
        }
        assertEquals(TestMessages.KNOWN_TYPES.length, known);
    }

    @Test
    void shouldExposeWantedEntries() {
        final Want want = Want.of(1, new boolean[] {false, true, true, false, false, false, false, false, false, true});
        assertEquals(3, want.wantedCount());
        assertTrue(want.wants(1));
        assertFalse(want.wants(0));
        assertTrue(want.wants(9));
        assertThrows(IndexOutOfBoundsException.class, () -> want.wants(10));
        final byte[] copy = want.bitmap();
        copy[0] = 0;
        assertTrue(want.wants(1), "the bitmap cannot be changed from outside");
    }

    @Test
    void shouldRejectRecordsTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new OfferEntry(EntryKind.ID_OBJECT, H1, 0));
        assertThrows(IllegalArgumentException.class, () -> new OfferEntry(EntryKind.OBJECT, PERSON, 0));
        assertThrows(IllegalArgumentException.class, () -> new OfferEntry(EntryKind.OBJECT, H1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Offer(0, false, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Offer(1, true, true, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Hello(PERSON, "\uD800", "", false, 1, 0, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new Hello(PERSON, "", "", false, 0, 0, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new Hello(PERSON, "", "", false, 1, -1, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new ErrorMessage("CS MISMATCH", "", true));
        assertThrows(IllegalArgumentException.class, () -> new ErrorMessage("", "", true));
        assertThrows(IllegalArgumentException.class, () -> new DataChunk(1, EntryKind.BLOB, H1, 5, 3, new byte[3],
            0, 3));
        assertThrows(IllegalArgumentException.class, () -> new DataChunk(1, EntryKind.BLOB, H1, 5, 0, new byte[3],
            0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> new DataChunk(1, EntryKind.BLOB, H1, 5, 0, new byte[3],
            2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Want(1, 9, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new Want(1, 3, new byte[] {8}));
        assertThrows(IllegalArgumentException.class, () -> new ForeignHello(ChumProtocol.PROTOCOL_VERSION));
    }

    @Test
    void shouldTruncateLongErrorMessagesAtACharacterBoundary() {
        final ErrorMessage e = ErrorMessage.of(io.chum.ErrorCode.HASH_MISMATCH, "😀".repeat(300) + "\uD800", true);
        assertEquals("CS-HASH-MISMATCH", e.code());
        assertEquals("😀".repeat(256), e.message());
        assertEquals(io.chum.ErrorCode.HASH_MISMATCH, e.errorCode());
        final ErrorMessage lone = ErrorMessage.of(io.chum.ErrorCode.IO, "a\uDC00b", false);
        assertEquals("a\uFFFDb", lone.message());
        assertInstanceOf(ErrorMessage.class, MessageCodec.decode(MessageType.ERROR, MessageCodec.encode(e), 0,
            MessageCodec.encodedLength(e)));
    }

    @Test
    void shouldCheckLimitConfigurations() {
        assertEquals(ProtocolLimits.DEFAULT.maxPayloadBytes() - MessageCodec.DATA_HEADER_BYTES,
            ProtocolLimits.DEFAULT.maxDataChunkBytes());
        assertThrows(IllegalArgumentException.class, () -> new ProtocolLimits(1 << 20, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolLimits(1 << 20, 65536, 10));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolLimits(1 << 20, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolLimits(1000, 1024, 10));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolLimits(Integer.MAX_VALUE, 1024,
            Integer.MAX_VALUE));
        assertEquals(4096 - MessageCodec.DATA_HEADER_BYTES, new ProtocolLimits(4096, 64, 10).maxDataChunkBytes());
    }
}
