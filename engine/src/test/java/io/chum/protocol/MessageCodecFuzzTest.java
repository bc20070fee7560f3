package io.chum.protocol;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds the decoder random and mutated payloads (bit flips, byte overwrites, truncation, extension, deletion,
 * duplication, and tampering with length and count fields of valid encodings) under every type byte.
 *
 * <p>Whatever the bytes, the only exception allowed out of decode is a {@link ChumException} with
 * {@code CS-PROTOCOL}; a payload that decodes must re-encode to exactly the same bytes (the encoding is
 * canonical); and no decode may allocate more than a small multiple of its payload length. Every case has its
 * own seed derived from the base seed; a failure prints both and the payload, and
 * {@code -Dchum.fuzz.seed=<base seed>} reruns a whole run. The default run feeds 100,000 mutated encodings per
 * message type (a quarter of them also under a random type byte) and 1,000 random payloads per type byte; the
 * slow run ({@code -Pslow}) feeds 100,000 payloads under each of the 256 type bytes.
 */
@Timeout(300)
class MessageCodecFuzzTest {
    private static final long BASE_SEED = Long.getLong("chum.fuzz.seed", 0x5EED_C0DEC0DEL);
    /** Mutated valid encodings per protocol message type in the default run. */
    private static final int MUTATIONS_PER_KNOWN_TYPE = Integer.getInteger("chum.fuzz.perType", 100_000);
    /** Pure random payloads per type byte (0..255) in the default run. */
    private static final int RANDOM_PER_TYPE_BYTE = Integer.getInteger("chum.fuzz.randomPerTypeByte", 1_000);
    /** Payloads per type byte (0..255) in the slow run. */
    private static final int SLOW_PER_TYPE_BYTE = 100_000;

    private static final ProtocolLimits LIMITS = ProtocolLimits.DEFAULT;
    private static final long ALLOCATION_BASE = 64 * 1024;
    private static final long ALLOCATION_PER_PAYLOAD_BYTE = 4;

    private final ValidEncodings pool = new ValidEncodings(BASE_SEED);
    private final boolean measureAllocations = Allocations.supported();
    private long decodes;
    private long accepted;

    @Test
    void shouldOnlyThrowProtocolErrorsForMutatedEncodingsOfEveryMessageType() throws InterruptedException {
        onShallowThread(() -> {
            for (final byte type : TestMessages.KNOWN_TYPES) {
                for (int i = 0; i < MUTATIONS_PER_KNOWN_TYPE; i++) {
                    final long seed = caseSeed(1, type, i);
                    final Random rnd = new Random(seed);
                    final byte[] payload = mutate(pool.pick(type, rnd), type, rnd);
                    decodeEmbedded(type, payload, rnd, seed);
                    if ((i & 3) == 0) {
                        // The same bytes under any type byte: a peer may send any payload with any type.
                        decodeEmbedded((byte) rnd.nextInt(256), payload, rnd, seed);
                    }
                }
            }
        });
        assertTrue(decodes >= (long) MUTATIONS_PER_KNOWN_TYPE * TestMessages.KNOWN_TYPES.length);
        assertTrue(accepted > decodes / 100, "some mutations must still be valid, or the generator is broken");
    }

    @Test
    void shouldOnlyThrowProtocolErrorsForRandomPayloadsUnderEveryTypeByte() throws InterruptedException {
        onShallowThread(() -> {
            for (int t = 0; t < 256; t++) {
                for (int i = 0; i < RANDOM_PER_TYPE_BYTE; i++) {
                    final long seed = caseSeed(2, (byte) t, i);
                    final Random rnd = new Random(seed);
                    decodeEmbedded((byte) t, randomPayload(rnd), rnd, seed);
                }
            }
        });
        assertTrue(decodes >= 256L * RANDOM_PER_TYPE_BYTE);
    }

    @Test
    @Tag("slow")
    @Timeout(1800)
    void shouldSurviveAHundredThousandPayloadsForEveryTypeByte() throws InterruptedException {
        onShallowThread(() -> {
            for (int t = 0; t < 256; t++) {
                final byte type = (byte) t;
                for (int i = 0; i < SLOW_PER_TYPE_BYTE; i++) {
                    final long seed = caseSeed(3, type, i);
                    final Random rnd = new Random(seed);
                    final byte[] payload;
                    if (rnd.nextBoolean()) {
                        payload = randomPayload(rnd);
                    } else {
                        final byte source = MessageType.isKnown(type) && rnd.nextInt(4) != 0 ? type
                            : TestMessages.KNOWN_TYPES[rnd.nextInt(TestMessages.KNOWN_TYPES.length)];
                        payload = mutate(pool.pick(source, rnd), source, rnd);
                    }
                    decodeEmbedded(type, payload, rnd, seed);
                }
            }
        });
        assertTrue(decodes >= 256L * SLOW_PER_TYPE_BYTE);
    }

    /**
     * Runs the loop on a fresh thread: its short stack keeps the many exceptions cheap to create (their cost
     * grows with stack depth), and its allocation counter sees nothing but the loop.
     */
    private static void onShallowThread(final Runnable loop) throws InterruptedException {
        final Throwable[] failure = new Throwable[1];
        final Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (final Throwable t) {
                failure[0] = t;
            }
        }, "codec-fuzz");
        thread.start();
        thread.join();
        if (failure[0] instanceof AssertionError) {
            throw (AssertionError) failure[0];
        }
        if (failure[0] != null) {
            throw new AssertionError("fuzz loop failed (base seed " + BASE_SEED + ")", failure[0]);
        }
    }

    // ---- one case ----

    /** Decodes {@code payload} from the middle of a larger array, so reads outside the slice would show. */
    private void decodeEmbedded(final byte type, final byte[] payload, final Random rnd, final long seed) {
        final int before = rnd.nextInt(9);
        final int after = rnd.nextInt(9);
        final byte[] buffer = new byte[before + payload.length + after];
        for (int i = 0; i < before; i++) {
            buffer[i] = (byte) rnd.nextInt(256);
        }
        System.arraycopy(payload, 0, buffer, before, payload.length);
        for (int i = before + payload.length; i < buffer.length; i++) {
            buffer[i] = (byte) rnd.nextInt(256);
        }
        decodeOne(type, buffer, before, payload.length, seed);
    }

    private void decodeOne(final byte type, final byte[] buffer, final int offset, final int length,
                           final long seed) {
        decodes++;
        final long allocationBefore = measureAllocations ? Allocations.current() : 0;
        Message message = null;
        Throwable thrown = null;
        try {
            message = MessageCodec.decode(type, buffer, offset, length, LIMITS);
        } catch (final Throwable t) {
            thrown = t;
        }
        final long allocated = measureAllocations ? Allocations.current() - allocationBefore : 0;
        if (thrown != null) {
            if (!(thrown instanceof ChumException) || ((ChumException) thrown).errorCode() != ErrorCode.PROTOCOL) {
                fail(describe("threw something other than CS-PROTOCOL", type, buffer, offset, length, seed)
                    + '\n' + stackTrace(thrown));
            }
        } else {
            accepted++;
            checkCanonical(message, type, buffer, offset, length, seed);
        }
        if (allocated > allocationBound(length)) {
            // The first decode down a path may load classes or link call sites; only a repeat counts.
            ChumException repeatError = null;
            final long again = Allocations.current();
            try {
                MessageCodec.decode(type, buffer, offset, length, LIMITS);
            } catch (final ChumException e) {
                repeatError = e;
            }
            final long repeat = Allocations.current() - again;
            if (repeatError != null && repeatError.errorCode() != ErrorCode.PROTOCOL) {
                fail(describe("failed differently when repeated", type, buffer, offset, length, seed));
            }
            if (repeat > allocationBound(length)) {
                fail(describe("allocated " + repeat + " bytes (bound " + allocationBound(length) + ")", type,
                    buffer, offset, length, seed));
            }
        }
    }

    private static void checkCanonical(final Message message, final byte type, final byte[] buffer,
                                       final int offset, final int length, final long seed) {
        if (message.frameType() != type) {
            fail(describe("decoded as " + MessageType.name(message.frameType()), type, buffer, offset, length, seed));
        }
        if (message instanceof ForeignHello) {
            return;
        }
        final byte[] again = MessageCodec.encode(message);
        if (!Arrays.equals(buffer, offset, offset + length, again, 0, again.length)) {
            fail(describe("decoded to " + message + " which re-encodes differently", type, buffer, offset, length,
                seed));
        }
    }

    private static long allocationBound(final int length) {
        return ALLOCATION_BASE + ALLOCATION_PER_PAYLOAD_BYTE * length;
    }

    // ---- payload generation ----

    /** Valid encodings of random messages of every type, generated once from the base seed. */
    private static final class ValidEncodings {
        private static final int PER_TYPE = 512;
        private final byte[][][] byType = new byte[256][][];

        ValidEncodings(final long seed) {
            final Random rnd = new Random(seed);
            for (final byte type : TestMessages.KNOWN_TYPES) {
                final byte[][] encodings = new byte[PER_TYPE][];
                for (int i = 0; i < PER_TYPE; i++) {
                    encodings[i] = MessageCodec.encode(TestMessages.random(type, rnd, LIMITS));
                }
                byType[type & 0xFF] = encodings;
            }
        }

        byte[] pick(final byte type, final Random rnd) {
            final byte[][] encodings = byType[type & 0xFF];
            return encodings[rnd.nextInt(encodings.length)];
        }
    }

    private static byte[] randomPayload(final Random rnd) {
        final int length;
        switch (rnd.nextInt(4)) {
            case 0: length = rnd.nextInt(17); break;
            case 1: length = rnd.nextInt(80); break;
            case 2: length = rnd.nextInt(600); break;
            default: length = rnd.nextInt(5000); break;
        }
        final byte[] p = new byte[length];
        if (rnd.nextInt(4) == 0) {
            // Mostly zeros or 0xFF: extreme counts and lengths.
            Arrays.fill(p, rnd.nextBoolean() ? (byte) 0 : (byte) 0xFF);
            for (int i = rnd.nextInt(4); i > 0 && length > 0; i--) {
                p[rnd.nextInt(length)] = (byte) rnd.nextInt(256);
            }
        } else {
            rnd.nextBytes(p);
        }
        return p;
    }

    /** One or two mutations of a valid encoding, or none (about one case in sixteen). */
    private static byte[] mutate(final byte[] valid, final byte type, final Random rnd) {
        if (rnd.nextInt(16) == 0) {
            return valid;
        }
        byte[] p = mutateOnce(valid, type, rnd);
        if (rnd.nextInt(4) == 0) {
            p = mutateOnce(p, type, rnd);
        }
        return p;
    }

    private static byte[] mutateOnce(final byte[] p, final byte type, final Random rnd) {
        final int n = p.length;
        switch (rnd.nextInt(7)) {
            case 0: {
                if (n == 0) {
                    return p;
                }
                final byte[] q = p.clone();
                for (int flips = 1 + rnd.nextInt(8); flips > 0; flips--) {
                    final int bit = rnd.nextInt(n * 8);
                    q[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
                return q;
            }
            case 1: {
                if (n == 0) {
                    return p;
                }
                final byte[] q = p.clone();
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    q[rnd.nextInt(n)] = (byte) rnd.nextInt(256);
                }
                return q;
            }
            case 2:
                return Arrays.copyOf(p, n == 0 ? 0 : rnd.nextInt(n));
            case 3: {
                final int extra = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 64);
                final byte[] q = Arrays.copyOf(p, n + extra);
                if (rnd.nextBoolean()) {
                    for (int i = n; i < q.length; i++) {
                        q[i] = (byte) rnd.nextInt(256);
                    }
                }
                return q;
            }
            case 4:
                return tamperField(p, type, rnd);
            case 5: {
                if (n == 0) {
                    return p;
                }
                final int from = rnd.nextInt(n);
                final int to = from + 1 + rnd.nextInt(Math.min(n - from, 64));
                final byte[] q = new byte[n - (to - from)];
                System.arraycopy(p, 0, q, 0, from);
                System.arraycopy(p, to, q, from, n - to);
                return q;
            }
            default: {
                if (n == 0) {
                    return p;
                }
                final int from = rnd.nextInt(n);
                final int len = 1 + rnd.nextInt(Math.min(n - from, 64));
                final byte[] q = new byte[n + len];
                System.arraycopy(p, 0, q, 0, from + len);
                System.arraycopy(p, from, q, from + len, n - from);
                return q;
            }
        }
    }

    /** Overwrites a length, count or size field (or a random spot) with an extreme or off-by-one value. */
    private static byte[] tamperField(final byte[] p, final byte type, final Random rnd) {
        final int[] fields = fieldOffsets(type, p.length);
        final int width = new int[] {1, 2, 4, 8}[rnd.nextInt(4)];
        if (p.length < width) {
            return p;
        }
        int at = rnd.nextBoolean() && fields.length > 0 ? fields[rnd.nextInt(fields.length)]
            : rnd.nextInt(p.length - width + 1);
        at = Math.min(at, p.length - width);
        long current = 0;
        for (int i = 0; i < width; i++) {
            current = (current << 8) | (p[at + i] & 0xFF);
        }
        final long value;
        switch (rnd.nextInt(10)) {
            case 0: value = 0; break;
            case 1: value = 1; break;
            case 2: value = -1; break;
            case 3: value = 1L << (width * 8 - 1); break;
            case 4: value = (1L << (width * 8 - 1)) - 1; break;
            case 5: value = current + 1; break;
            case 6: value = current - 1; break;
            case 7: value = LIMITS.maxOfferEntries() + rnd.nextInt(3) - 1; break;
            case 8: value = p.length + rnd.nextInt(3) - 1; break;
            default: value = rnd.nextLong(); break;
        }
        final byte[] q = p.clone();
        for (int i = width - 1; i >= 0; i--) {
            q[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return q;
    }

    /** Where the length, count and size fields of a type start (the first few entries for OFFER). */
    private static int[] fieldOffsets(final byte type, final int length) {
        switch (type) {
            case MessageType.HELLO: return new int[] {0, 36};
            case MessageType.ERROR: return new int[] {0};
            case MessageType.OFFER: return new int[] {0, 8, 9, 13, 13 + 33, 54, 54 + 33, Math.max(0, length - 41)};
            case MessageType.WANT: return new int[] {0, 8, 12, Math.max(0, length - 1)};
            case MessageType.DATA: return new int[] {0, 8, 41, 49};
            case MessageType.BATCH_END: return new int[] {0, 8};
            case MessageType.ACK: return new int[] {0, 8, 12};
            case MessageType.FULL_SYNC: case MessageType.PROGRESS: return new int[] {0, 8};
            default: return new int[] {0};
        }
    }

    // ---- reporting ----

    private static long caseSeed(final int run, final byte type, final int iteration) {
        long z = BASE_SEED ^ ((long) run << 56) ^ ((long) (type & 0xFF) << 40) ^ iteration;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String describe(final String problem, final byte type, final byte[] buffer, final int offset,
                                   final int length, final long seed) {
        final int shown = Math.min(length, 256);
        return MessageType.name(type) + " payload of " + length + " bytes " + problem + " (base seed "
            + BASE_SEED + ", case seed " + seed + "): " + HexFormat.of().formatHex(buffer, offset, offset + shown)
            + (shown < length ? "…" : "");
    }

    private static String stackTrace(final Throwable t) {
        final StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
