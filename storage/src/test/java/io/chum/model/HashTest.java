package io.chum.model;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;

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
