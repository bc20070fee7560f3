package io.chum.store;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8ValidatorTest {
    private static final long SEED = 8_0_8L;

    @Test
    void shouldAcceptWellFormedTextSplitAnywhere() {
        final byte[] text = "aé中😀\u0000\uFFFF".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= text.length; split++) {
            final Utf8Validator v = new Utf8Validator();
            assertTrue(v.update(text, 0, split));
            assertTrue(v.update(text, split, text.length - split));
            assertTrue(v.isComplete(), "split at " + split);
        }
    }

    @Test
    void shouldRejectOverlongSurrogatesTooLargeAndTruncatedSequences() {
        assertInvalid(new byte[] {(byte) 0xC0, (byte) 0x80}, 0);
        assertInvalid(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, 1);
        assertInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 1);
        assertInvalid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 1);
        assertInvalid(new byte[] {(byte) 0xF5}, 0);
        assertInvalid(new byte[] {'a', (byte) 0x80}, 1);
        final Utf8Validator v = new Utf8Validator();
        assertTrue(v.update(new byte[] {'a', (byte) 0xE4, (byte) 0xB8}, 0, 3));
        assertFalse(v.isComplete(), "a sequence is left open");
        assertEquals(3, v.problemOffset());
    }

    @Test
    void shouldAgreeWithTheJdkDecoderOnRandomBytes() {
        final Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            final byte[] b = new byte[random.nextInt(8)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
            }
            final Utf8Validator v = new Utf8Validator();
            v.update(b, 0, b.length);
            assertEquals(jdkAccepts(b), v.isComplete(), "bytes " + java.util.HexFormat.of().formatHex(b)
                + ", seed " + SEED);
        }
    }

    private static boolean jdkAccepts(final byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (final CharacterCodingException e) {
            return false;
        }
    }

    private static void assertInvalid(final byte[] b, final long at) {
        final Utf8Validator v = new Utf8Validator();
        assertFalse(v.update(b, 0, b.length));
        assertFalse(v.isComplete());
        assertEquals(at, v.problemOffset());
    }
}
