package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds the decoder random and mutated byte sequences in random pieces: nothing but
 * ChumException(PROTOCOL) may escape, intact input must decode to what was encoded, and the memory
 * allocated per input must stay proportional to the input, never to a declared length.
 */
@Timeout(120)
class FrameDecoderFuzzTest {
    private static final int ITERATIONS = 100_000;
    private static final long BASE_SEED = Long.getLong("chum.fuzz.seed", 0xF0220_2026L);
    /** Headroom per input for exception objects, lists and lambdas. */
    private static final long ALLOCATION_SLACK = 256 * 1024;
    private static final int[] INTERESTING_LENGTHS = {
        0, 1, 2, 5, 255, 256, 65_535, 65_536, 65_537, FrameDecoder.DEFAULT_MAX_FRAME_LENGTH,
        FrameDecoder.DEFAULT_MAX_FRAME_LENGTH + 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x01000000
    };

    private final FrameEncoder encoder = new FrameEncoder();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldOnlyEverThrowProtocolErrorsAndKeepMemoryBounded() throws Exception {
        // Warm up class loading and the first exceptions, which would distort the allocation counts.
        for (int i = 0; i < 2_000; i++) {
            runOne(BASE_SEED - 1 - i, false);
        }
        int protocolErrors = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            if (!runOne(BASE_SEED + i, true)) {
                protocolErrors++;
            }
        }
        // Both outcomes must have been exercised, or the generator is broken.
        assertTrue(protocolErrors > ITERATIONS / 10, "only " + protocolErrors + " inputs were rejected");
        assertTrue(protocolErrors < ITERATIONS * 9 / 10, "only " + (ITERATIONS - protocolErrors) + " inputs decoded");
    }

    /** Decodes one generated input; false if it was rejected with PROTOCOL. */
    private boolean runOne(final long seed, final boolean checkAllocation) throws Exception {
        final Random random = new Random(seed);
        final int kind = random.nextInt(4);
        final List<Frame> original = kind == 0 ? List.of() : randomFrames(random);
        final byte[] input = kind == 0 ? randomBytes(random) : mutate(encode(original), random, kind);
        final int maxFrameLength = random.nextBoolean()
                ? FrameDecoder.DEFAULT_MAX_FRAME_LENGTH : 1 + random.nextInt(4096);
        final FrameDecoder decoder = new FrameDecoder(maxFrameLength);
        final List<Frame> decoded = new ArrayList<>();
        final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        boolean accepted = true;
        try {
            int pos = 0;
            while (pos < input.length) {
                final int piece = Math.min(input.length - pos, 1 + random.nextInt(random.nextBoolean() ? 8 : 2048));
                decoder.feed(input, pos, piece, decoded::add);
                pos += piece;
            }
            decoder.finish();
        } catch (final ChumException e) {
            if (e.errorCode() != ErrorCode.PROTOCOL) {
                fail("seed " + seed + ": ChumException with code " + e.code() + " instead of PROTOCOL", e);
            }
            accepted = false;
        } catch (final Throwable t) {
            fail("seed " + seed + ": the decoder threw " + t + " on " + input.length + " bytes", t);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (checkAllocation && allocated > 4L * input.length + ALLOCATION_SLACK) {
            fail("seed " + seed + ": decoding " + input.length + " bytes allocated " + allocated + " bytes");
        }
        if (kind == 3 && maxFrameLength == FrameDecoder.DEFAULT_MAX_FRAME_LENGTH) {
            assertTrue(accepted, "seed " + seed + ": intact input was rejected");
            assertEquals(original, decoded, "seed " + seed + ": intact input decoded differently");
        }
        return accepted;
    }

    private static List<Frame> randomFrames(final Random random) {
        final int count = 1 + random.nextInt(6);
        final List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final byte[] payload = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(600)];
            random.nextBytes(payload);
            frames.add(Frame.of(random.nextInt(256), payload));
        }
        return frames;
    }

    private static byte[] randomBytes(final Random random) {
        final byte[] bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] encode(final List<Frame> frames) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final Frame frame : frames) {
            encoder.writeTo(out, frame);
        }
        return out.toByteArray();
    }

    /** kind 1: a few random mutations; kind 2: an interesting length field; kind 3: intact. */
    private static byte[] mutate(final byte[] wire, final Random random, final int kind) {
        if (kind == 3) {
            return wire;
        }
        byte[] bytes = wire;
        if (kind == 2) {
            final int at = random.nextInt(Math.max(1, bytes.length - 3));
            final int length = INTERESTING_LENGTHS[random.nextInt(INTERESTING_LENGTHS.length)];
            if (bytes.length >= at + 4) {
                bytes[at] = (byte) (length >>> 24);
                bytes[at + 1] = (byte) (length >>> 16);
                bytes[at + 2] = (byte) (length >>> 8);
                bytes[at + 3] = (byte) length;
            }
            return bytes;
        }
        final int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            switch (random.nextInt(5)) {
                case 0:
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    break;
                case 1:
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    break;
                case 2:
                    bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                    break;
                case 3: {
                    final int at = random.nextInt(bytes.length + 1);
                    final byte[] inserted = new byte[1 + random.nextInt(16)];
                    random.nextBytes(inserted);
                    final byte[] grown = new byte[bytes.length + inserted.length];
                    System.arraycopy(bytes, 0, grown, 0, at);
                    System.arraycopy(inserted, 0, grown, at, inserted.length);
                    System.arraycopy(bytes, at, grown, at + inserted.length, bytes.length - at);
                    bytes = grown;
                    break;
                }
                default: {
                    final int from = random.nextInt(bytes.length);
                    final int to = from + random.nextInt(bytes.length - from + 1);
                    final byte[] shrunk = new byte[bytes.length - (to - from)];
                    System.arraycopy(bytes, 0, shrunk, 0, from);
                    System.arraycopy(bytes, to, shrunk, from, bytes.length - to);
                    bytes = shrunk;
                    break;
                }
            }
        }
        return bytes;
    }
}
