package io.chum.log;

import io.chum.model.Hash;
import io.chum.model.IdHash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/** Builders and helpers shared by the log tests. */
final class TestEvents {
    private TestEvents() {
    }

    static Hash hash(final Random random) {
        return Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    static byte[] bytes(final Random random, final int n) {
        final byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static IdHash idHash(final Random random) {
        return IdHash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    static Hash sha256(final byte[] bytes) {
        return Hash.ofBytes(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectWritten object(final String microdata) {
        final byte[] bytes = microdata.getBytes(StandardCharsets.UTF_8);
        return new ObjectWritten(sha256(bytes), "Person", bytes);
    }

    /** SHA-256 of a stream read with a small buffer. */
    static Hash sha256(final InputStream in, final int bufferSize) throws IOException {
        final MessageDigest md = digest();
        final byte[] buf = new byte[bufferSize];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            md.update(buf, 0, n);
        }
        return Hash.ofBytes(md.digest());
    }

    /** Deterministic pseudo-random bytes: block {@code i} of a stream seeded with {@code seed}. */
    static void fill(final byte[] block, final long seed, final long i) {
        long x = seed * 0x9E3779B97F4A7C15L + i;
        for (int k = 0; k < block.length; k += 8) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            for (int b = 0; b < 8 && k + b < block.length; b++) {
                block[k + b] = (byte) (x >>> (8 * b));
            }
        }
    }
}
