package io.chum.microdata;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsNumbersTest {

    @Test
    void shouldFormatTheClassicEdgeCasesLikeJavaScript() {
        assertEquals("0.1", JsNumbers.format(0.1));
        assertEquals("0.30000000000000004", JsNumbers.format(0.1 + 0.2));
        assertEquals("0.5", JsNumbers.format(0.2 + 0.3));
        assertEquals("5e-324", JsNumbers.format(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", JsNumbers.format(Double.MAX_VALUE));
        assertEquals("1e+21", JsNumbers.format(1e21));
        assertEquals("100000000000000000000", JsNumbers.format(1e20));
        assertEquals("123456789012345680000", JsNumbers.format(123456789012345680000.0));
        assertEquals("1e-7", JsNumbers.format(1e-7));
        assertEquals("1.5e-7", JsNumbers.format(1.5e-7));
        assertEquals("0.000001", JsNumbers.format(1e-6));
        assertEquals("1.23e-18", JsNumbers.format(123e-20));
        assertEquals("9007199254740992", JsNumbers.format(9007199254740992.0));
        assertEquals("1152921504606847000", JsNumbers.format(Math.pow(2, 60)));
        assertEquals("0", JsNumbers.format(-0.0));
        assertEquals("100", JsNumbers.format(100.0));
        assertEquals("1", JsNumbers.format(1.0));
        assertEquals("-1.5", JsNumbers.format(-1.5));
        assertEquals("1700000000000", JsNumbers.format(1.7e12));
        assertEquals("NaN", JsNumbers.format(Double.NaN));
        assertEquals("-Infinity", JsNumbers.format(Double.NEGATIVE_INFINITY));
        assertEquals("9007199254740991", JsNumbers.format(JsNumbers.MAX_SAFE_INTEGER));
    }

    @Test
    void shouldBeShorterThanJdk17WhereTheJdkIsNotShortest() {
        // JDK-4511638: JDK 17 prints 2.0E-3 as "0.0020" and 1.0E23 as "1.0E23"; these values have 1 digit.
        assertEquals("0.002", JsNumbers.format(2e-3));
        assertEquals("1e+23", JsNumbers.format(1e23));
        assertEquals("2e-44", JsNumbers.format(2e-44));
    }

    @Test
    void shouldMatchNodeForThousandsOfValues() throws IOException {
        int count = 0;
        try (BufferedReader in = resource("js-numbers.tsv")) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                final String[] parts = line.split("\t");
                final double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                assertEquals(parts[1], JsNumbers.format(value), () -> "bits " + parts[0]);
                count++;
            }
        }
        assertTrue(count > 5000, "golden file read: " + count);
    }

    @Test
    void shouldAgreeWithTheExactReferenceAlgorithm() {
        final long seed = 20240611L;
        final Random random = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            final double d = switch (i % 5) {
                case 0 -> Math.scalb(1.0, random.nextInt(2098) - 1074);          // powers of two
                case 1 -> random.nextInt(1_000_000) / 1000.0 + 0.0001;           // 16-17 digit arithmetic results
                case 2 -> Double.parseDouble(random.nextInt(100000) + "e" + (random.nextInt(40) - 20));
                case 3 -> Math.nextUp(Math.pow(10, random.nextInt(40) - 20));
                default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            };
            assertEquals(JsNumbers.formatExactly(d), JsNumbers.format(d), () -> "seed " + seed + ", value " + d);
        }
    }

    static BufferedReader resource(final String name) {
        return new BufferedReader(new InputStreamReader(
            Objects.requireNonNull(JsNumbersTest.class.getResourceAsStream(name), name), StandardCharsets.UTF_8));
    }
}
