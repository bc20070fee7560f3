package io.chum.model;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashTest {
    private static final String HEX = "0123456789abcdef00112233445566778899aabbccddeeff0f1e2d3c4b5a6978";

    @Test
    void shouldRoundTripHexAndBytes() {
        final Hash h = Hash.ofHex(HEX);
        assertEquals(HEX, h.toHex());
        assertEquals(h, Hash.ofBytes(h.toBytes()));
        final byte[] ascii = new byte[70];
        h.writeHexTo(ascii, 3);
        assertEquals(h, Hash.ofHex(ascii, 3));
    }

    @Test
    void shouldAcceptExactlyLowercaseHexBytesInEveryPosition() {
        final byte[] hex = HEX.getBytes(StandardCharsets.US_ASCII);
        for (int pos = 0; pos < Sha256Value.HEX_LENGTH; pos++) {
            for (int b = 0; b < 256; b++) {
                final byte[] copy = hex.clone();
                copy[pos] = (byte) b;
                final boolean expected = b >= '0' && b <= '9' || b >= 'a' && b <= 'f';
                assertEquals(expected, Sha256Value.isHex(copy, 0), "byte " + b + " at " + pos);
                if (expected) {
                    assertEquals(new String(copy, StandardCharsets.US_ASCII), Hash.ofHex(copy, 0).toHex());
                } else {
                    assertThrows(ChumException.class, () -> Hash.ofHex(copy, 0));
                }
            }
        }
        final SplittableRandom random = new SplittableRandom(77L);
        for (int i = 0; i < 1000; i++) {
            final Hash h = Hash.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            assertEquals(h, Hash.ofHex(h.toHex().getBytes(StandardCharsets.US_ASCII), 0), "seed 77, value " + i);
        }
        assertTrue(!Sha256Value.isHex(hex, 1) && !Sha256Value.isHex(hex, -1));
    }

    @Test
    void shouldWriteTheSameHexAsTheJdk() {
        final long seed = 20261129L;
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 1000; i++) {
            final long[] w = {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
            final String expected = String.format("%016x%016x%016x%016x", w[0], w[1], w[2], w[3]);
            final Hash h = Hash.of(w[0], w[1], w[2], w[3]);
            assertEquals(expected, h.toHex(), "seed " + seed + ", value " + i);
            final byte[] ascii = new byte[66];
            h.writeHexTo(ascii, 1);
            assertEquals(expected, new String(ascii, 1, 64, StandardCharsets.US_ASCII), "seed " + seed);
        }
        assertEquals("0".repeat(64), Hash.of(0, 0, 0, 0).toHex());
        assertEquals("f".repeat(64), Hash.of(-1, -1, -1, -1).toHex());
        assertThrows(IndexOutOfBoundsException.class, () -> Hash.of(0, 0, 0, 0).writeHexTo(new byte[70], 7));
    }

    @Test
    void shouldKeepHashAndIdHashApart() {
        final Hash h = Hash.ofHex(HEX);
        final IdHash id = IdHash.ofHex(HEX);
        assertNotEquals(h, id);
        assertEquals(id, h.asIdHash());
        assertEquals(h, id.asHash());
    }

    @Test
    void shouldOrderLikeTheHexStrings() {
        final Hash a = Hash.ofHex("8" + HEX.substring(1));
        final Hash b = Hash.ofHex("0" + HEX.substring(1));
        assertTrue(a.compareTo(b) > 0);
        assertEquals(Integer.signum(a.toHex().compareTo(b.toHex())), Integer.signum(a.compareTo(b)));
    }

    @Test
    void shouldRejectUppercaseAndShortHex() {
        final ChumException e = assertThrows(ChumException.class, () -> Hash.ofHex(HEX.toUpperCase()));
        assertEquals(ErrorCode.BAD_HASH, e.errorCode());
        assertThrows(ChumException.class, () -> IdHash.ofHex(HEX.substring(1)));
    }
}
