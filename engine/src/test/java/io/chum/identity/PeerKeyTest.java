package io.chum.identity;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.security.KeyPairGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(30)
class PeerKeyTest {

    @Test
    void shouldBeAValueOfItsThirtyTwoBytes() {
        final PeerKey key = InstanceKeys.generate().peerKey();
        final PeerKey fromHex = PeerKey.fromHex(key.hex());
        final PeerKey fromUpperHex = PeerKey.fromHex(key.hex().toUpperCase());
        final PeerKey fromRaw = PeerKey.fromRaw(key.raw());
        assertEquals(key, fromHex);
        assertEquals(key, fromUpperHex);
        assertEquals(key, fromRaw);
        assertEquals(key.hashCode(), fromHex.hashCode());
        assertEquals(key.hex(), fromUpperHex.hex());
        assertEquals(key, PeerKey.fromPublicKey(key.toPublicKey()));
        assertNotEquals(key, InstanceKeys.generate().peerKey());
        final byte[] raw = key.raw();
        raw[0] ^= 1;
        assertEquals(key, PeerKey.fromRaw(key.raw()), "raw() hands out a copy");
    }

    @Test
    void shouldRejectMalformedKeys() throws Exception {
        final String hex = InstanceKeys.generate().peerKey().hex();
        assertEquals(ErrorCode.TLS, assertThrows(ChumException.class, () -> PeerKey.fromHex(hex.substring(2)))
                .errorCode());
        assertEquals(ErrorCode.TLS, assertThrows(ChumException.class, () -> PeerKey.fromHex("g" + hex.substring(1)))
                .errorCode());
        // A non-ASCII digit that Character.digit would accept.
        final String arabicIndicDigit = "\u0663" + hex.substring(1);
        assertEquals(ErrorCode.TLS, assertThrows(ChumException.class, () -> PeerKey.fromHex(arabicIndicDigit))
                .errorCode());
        assertEquals(ErrorCode.TLS, assertThrows(ChumException.class, () -> PeerKey.fromRaw(new byte[31])).errorCode());
        // Keys of other algorithms, even with 32-byte raw forms, are not Ed25519 keys.
        final var x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic();
        assertEquals(ErrorCode.TLS, assertThrows(ChumException.class, () -> PeerKey.fromPublicKey(x25519)).errorCode());
        final var ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        assertEquals(ErrorCode.TLS, assertThrows(ChumException.class, () -> PeerKey.fromPublicKey(ec)).errorCode());
    }
}
