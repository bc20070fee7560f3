package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class FrameCodecTest {
    private static final long SEED = 0x5EED_F4A3L;

    private final FrameEncoder encoder = new FrameEncoder();

    private static List<Frame> randomFrames(final Random random, final int count, final int maxPayload) {
        final List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final byte[] payload = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(maxPayload + 1)];
            random.nextBytes(payload);
            frames.add(Frame.of(random.nextInt(256), payload));
        }
        return frames;
    }

    private byte[] encodeAll(final List<Frame> frames) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final Frame frame : frames) {
            encoder.writeTo(out, frame);
        }
        return out.toByteArray();
    }

    @Test
    void shouldEncodeTheDocumentedWireFormat() {
        final byte[] wire = encoder.encode(Frame.of(0x2A, new byte[] {9, 8, 7}));
        assertArrayEquals(new byte[] {0, 0, 0, 4, 0x2A, 9, 8, 7}, wire);
        assertArrayEquals(new byte[] {0, 0, 0, 1, (byte) 0xFF}, encoder.encode(Frame.empty(255)));
    }

    @Test
    void shouldRoundTripFramesSplitAtArbitraryPoints() throws Exception {
        for (int round = 0; round < 200; round++) {
            final long seed = SEED + round;
            final Random random = new Random(seed);
            final List<Frame> frames = randomFrames(random, 1 + random.nextInt(20), random.nextBoolean() ? 40 : 70_000);
            final byte[] wire = encodeAll(frames);
            final FrameDecoder decoder = new FrameDecoder();
            final List<Frame> decoded = new ArrayList<>();
            int pos = 0;
            while (pos < wire.length) {
                final int piece = Math.min(wire.length - pos, random.nextInt(3) == 0 ? 1 : 1 + random.nextInt(9000));
                decoder.feed(wire, pos, piece, decoded::add);
                pos += piece;
            }
            decoder.finish();
            assertEquals(frames, decoded, "seed " + seed);
            assertFalse(decoder.hasPartialFrame(), "seed " + seed);
            assertEquals(wire.length, decoder.bytesConsumed(), "seed " + seed);
        }
    }

    @Test
    void shouldRoundTripByteByByteAndInOnePiece() throws Exception {
        final List<Frame> frames = randomFrames(new Random(SEED), 30, 300);
        final byte[] wire = encodeAll(frames);
        final FrameDecoder oneByOne = new FrameDecoder();
        final List<Frame> decoded = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            oneByOne.feed(wire, i, 1, decoded::add);
        }
        assertEquals(frames, decoded);
        assertEquals(frames, new FrameDecoder().feed(wire));
    }

    @Test
    void shouldAcceptAFrameOfExactlyTheMaximumLength() {
        final FrameDecoder decoder = new FrameDecoder(1000);
        final byte[] wire = new FrameEncoder(1000).encode(Frame.of(5, new byte[999]));
        assertEquals(List.of(Frame.of(5, new byte[999])), decoder.feed(wire));
    }

    @Test
    void shouldRejectAZeroLengthWithProtocolError() {
        final ChumException e = assertThrows(ChumException.class,
                () -> new FrameDecoder().feed(new byte[] {0, 0, 0, 0, 1}));
        assertEquals(ErrorCode.PROTOCOL, e.errorCode());
        assertTrue(e.getMessage().contains("length 0"), e.getMessage());
    }

    @Test
    void shouldRejectOversizedLengthsAsSoonAsTheLengthFieldIsIn() {
        final FrameDecoder decoder = new FrameDecoder(1000);
        decoder.feed(new byte[] {0, 0, 3}, 0, 3, f -> { });
        final ChumException e = assertThrows(ChumException.class, () -> decoder.feed(new byte[] {(byte) 0xEA}));
        assertEquals(ErrorCode.PROTOCOL, e.errorCode());
        assertTrue(e.getMessage().contains("1002"), e.getMessage());
        // The decoder stays failed.
        final ChumException again = assertThrows(ChumException.class, () -> decoder.feed(new byte[] {1}));
        assertEquals(ErrorCode.PROTOCOL, again.errorCode());
    }

    @Test
    void shouldRejectLengthsAboveTheSignedRangeAsOversized() {
        final int[] lengths = {0x80000000, 0xFFFFFFFF, 0x7FFFFFFF, FrameDecoder.DEFAULT_MAX_FRAME_LENGTH + 1};
        for (final int length : lengths) {
            final byte[] header = {
                (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 1
            };
            final ChumException e = assertThrows(ChumException.class, () -> new FrameDecoder().feed(header),
                    "length " + Integer.toUnsignedString(length));
            assertEquals(ErrorCode.PROTOCOL, e.errorCode());
        }
    }

    @Test
    void shouldNotAllocateTheDeclaredLengthOfAnOversizedOrUnsentFrame() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // Warm up the code paths so class loading does not count.
        assertThrows(ChumException.class, () -> new FrameDecoder().feed(new byte[] {(byte) 0xFF, 0, 0, 0}));
        new FrameDecoder().feed(new byte[] {0, 0x40, 0, 0, 1});

        long before = threads.getCurrentThreadAllocatedBytes();
        assertThrows(ChumException.class, () -> new FrameDecoder().feed(new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0}));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "an oversized declaration allocated " + allocated + " bytes");

        // A 4 MiB frame that is declared but whose payload never comes costs only the initial buffer.
        before = threads.getCurrentThreadAllocatedBytes();
        final FrameDecoder decoder = new FrameDecoder();
        decoder.feed(new byte[] {0, 0x40, 0, 0, 1});
        allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(decoder.hasPartialFrame());
        assertTrue(allocated < FrameDecoder.INITIAL_PAYLOAD_CAPACITY + 16 * 1024,
                "a declared 4 MiB frame allocated " + allocated + " bytes before its payload arrived");
    }

    @Test
    void shouldReportTruncatedStreamsWithProtocolError() throws Exception {
        final byte[] wire = encodeAll(List.of(Frame.of(1, new byte[100]), Frame.of(2, new byte[100])));
        for (final int cut : new int[] {1, 4, 5, 50, 105 + 3, wire.length - 1}) {
            final FrameDecoder decoder = new FrameDecoder();
            decoder.feed(wire, 0, cut, f -> { });
            assertTrue(decoder.hasPartialFrame(), "cut at " + cut);
            final ChumException e = assertThrows(ChumException.class, decoder::finish, "cut at " + cut);
            assertEquals(ErrorCode.PROTOCOL, e.errorCode(), "cut at " + cut);
        }
        final FrameDecoder complete = new FrameDecoder();
        complete.feed(wire);
        complete.finish();
    }

    @Test
    void shouldRefuseToEncodeFramesAboveTheMaximum() {
        final ChumException e = assertThrows(ChumException.class,
                () -> new FrameEncoder(100).encode(Frame.of(1, new byte[100])));
        assertEquals(ErrorCode.PROTOCOL, e.errorCode());
        assertEquals(104, new FrameEncoder(100).encode(Frame.of(1, new byte[99])).length);
    }

    @Test
    void shouldKeepFramesImmutable() {
        final byte[] payload = {1, 2, 3};
        final Frame frame = Frame.of(1, payload);
        payload[0] = 9;
        frame.payloadBytes()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, frame.payloadBytes());
        assertTrue(frame.payload().isReadOnly());
        assertEquals(Frame.of(1, new byte[] {1, 2, 3}), frame);
        assertThrows(ChumException.class, () -> Frame.of(256, payload));
        assertThrows(ChumException.class, () -> Frame.empty(-1));
    }
}
