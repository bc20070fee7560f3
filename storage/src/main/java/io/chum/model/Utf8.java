package io.chum.model;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 encoding exactly as JavaScript (Node's {@code Buffer}, {@code TextEncoder}) does it.
 *
 * <p>The one difference to {@link String#getBytes(java.nio.charset.Charset)}: an unpaired surrogate becomes
 * U+FFFD ({@code EF BF BD}) as in JavaScript, not {@code '?'}. Stateless and thread-safe.
 */
public final class Utf8 {
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private Utf8() {
    }

    /** The UTF-8 bytes of {@code text}. */
    public static byte[] encode(final String text) {
        final byte[] fast = text.getBytes(StandardCharsets.UTF_8);
        // The JDK writes '?' for an unpaired surrogate; without any '?' byte there was none.
        if (!contains(fast, (byte) '?')) {
            return fast;
        }
        final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(REPLACEMENT);
        try {
            final ByteBuffer out = encoder.encode(CharBuffer.wrap(text));
            return Arrays.copyOf(out.array(), out.limit());
        } catch (final CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 encoding with replacement cannot fail", e);
        }
    }

    private static boolean contains(final byte[] bytes, final byte b) {
        for (final byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }
}
