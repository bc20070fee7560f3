package io.chum.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Sha256Test {
    /** SHA-256("abc"), FIPS 180-2. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void shouldHashKnownVectors() {
        assertEquals(ABC, Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII)).toHex());
        assertEquals(ABC, Sha256.hash("xxabcyy".getBytes(StandardCharsets.US_ASCII), 2, 3).toHex());
        assertEquals(ABC, Sha256.idHash("abc".getBytes(StandardCharsets.US_ASCII)).toHex());
        assertEquals(ABC, Sha256.hashUtf8("abc").toHex());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            Sha256.hash(new byte[0]).toHex());
    }

    @Test
    void shouldEncodeUnpairedSurrogatesAsJavaScriptDoes() {
        assertArrayEquals(new byte[] {'a', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, '?'}, Utf8.encode("a\uD800?"));
        assertArrayEquals("é😀?".getBytes(StandardCharsets.UTF_8), Utf8.encode("é😀?"));
        assertEquals(Sha256.hash(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}), Sha256.hashUtf8("\uDC00"));
    }

    @Test
    @Timeout(10)
    void shouldHashBlobStreamsLikeInMemory() throws Exception {
        final byte[] blob = new byte[100_000];
        new Random(42).nextBytes(blob);
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (HashingOutputStream out = new HashingOutputStream(sink)) {
            out.write(blob, 0, 1000);
            out.write(blob[1000]);
            out.write(blob, 1001, blob.length - 1001);
            assertThrows(IllegalStateException.class, out::hash);
            out.close();
            assertEquals(Sha256.hash(blob), out.hash());
            assertEquals(blob.length, out.byteCount());
            assertThrows(IOException.class, () -> out.write(1));
        }
        assertArrayEquals(blob, sink.toByteArray());
        assertEquals(MessageDigestHex.of(blob), Sha256.hash(blob).toHex());

        try (HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(blob))) {
            assertEquals(blob[0] & 0xFF, in.read());
            assertEquals(500, in.skip(500));
            final byte[] rest = in.readAllBytes();
            assertEquals(blob.length - 501, rest.length);
            assertTrue(in.isComplete());
            assertEquals(Sha256.hash(blob), in.hash());
            assertEquals(blob.length, in.byteCount());
        }
        final HashingInputStream partial = new HashingInputStream(InputStream.nullInputStream());
        assertFalse(partial.isComplete());
        assertThrows(IllegalStateException.class, partial::hash);
    }

    @Test
    void shouldHashClobTextAsUtf8() throws Exception {
        final String text = "line 1\nünï 中 😀\n";
        final HashingOutputStream out = new HashingOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(text);
        }
        assertEquals(Sha256.hashUtf8(text), out.hash());
    }

    private static final class MessageDigestHex {
        static String of(final byte[] data) throws Exception {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        }
    }
}
