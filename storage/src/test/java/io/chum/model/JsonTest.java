package io.chum.model;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Json} reads exactly what the {@code ObjectMapper} configuration it replaced did, and writes what it wrote
 * except for fractional numbers, which it writes as JavaScript does.
 */
class JsonTest {
    /** The configuration {@link Json} had before it stopped building an ObjectMapper. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "0", "-0", "123456789012", "2147483647", "2147483648",
        "-9223372036854775808", "9223372036854775808", "123456789012345678901234567890",
        "true", "false", "null", "\"\"", "\"\\u0000\\n\\t\\\"\\\\/\"", "\"é€𝄞\"",
        " { \"b\" : [1, 2, {\"c\": null}], \"a\": \"x\" } ",
        "{\"chum\":{\"hash\":\"ab\",\"n\":[[],[{}],-15]},\"errors\":[],\"ok\":true}"})
    void shouldReadAndWriteAsTheObjectMapperDid(final String json) throws Exception {
        final JsonNode ours = Json.parse(json);
        final JsonNode theirs = MAPPER.readTree(json);
        assertEquals(theirs, ours, json);
        assertEquals(theirs.getClass(), ours.getClass(), json);
        assertEquals(MAPPER.writeValueAsString(theirs), Json.write(ours), json);
    }

    /** Expected texts: {@code JSON.stringify(JSON.parse(input))} in node v20.20.2. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.1|0.1", "1E-7|1e-7", "-0.0|0", "1e3|1000", "1.7976931348623157e308|1.7976931348623157e+308",
        "4.9e-324|5e-324", "1e21|1e+21", "1.5e20|150000000000000000000", "1.50|1.5", "-1.5e-3|-0.0015",
        "[1, 2.5, {\"c\": 0.30000000000000004}]|[1,2.5,{\"c\":0.30000000000000004}]"})
    void shouldReadFractionsAsTheObjectMapperDidAndWriteThemAsJavaScriptDoes(final String json, final String js)
        throws Exception {
        final JsonNode ours = Json.parse(json);
        assertEquals(MAPPER.readTree(json), ours, json);
        assertEquals(js, Json.write(ours), json);
    }

    @Test
    void shouldWriteEveryNodeKindAsTheObjectMapperDidButFractionsAsJavaScriptDoes() throws Exception {
        final ObjectNode n = Json.object();
        n.put("int", 7).put("long", 1L << 40).put("text", "a\"b\u2028")
            .put("big", new BigInteger("98765432109876543210")).put("bool", false).put("bytes", new byte[] {1, 2, 3})
            .putNull("nothing");
        n.putArray("list").add(1).add("two").addObject().put("three", 3);
        n.set("empty", Json.array());
        assertEquals(MAPPER.writeValueAsString(n), Json.write(n));

        final ObjectNode fractions = Json.object();
        fractions.put("double", 1e-7).put("float", 1.5f).put("decimal", new BigDecimal("1.50"))
            .put("infinite", Double.POSITIVE_INFINITY).put("nan", Double.NaN);
        assertEquals("{\"double\":1e-7,\"float\":1.5,\"decimal\":1.5,\"infinite\":null,\"nan\":null}",
            Json.write(fractions));
    }

    @Test
    void shouldMatchTheObjectMapperOnRandomTrees() throws Exception {
        final Random random = new Random(42);
        // Numbers compare by value: 1e19 is a double node that Json writes as JavaScript does, 10000000000000000000.
        final Comparator<JsonNode> sameNumbers = (a, b) -> a.isNumber() && b.isNumber()
            ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;
        for (int i = 0; i < 200; i++) {
            final JsonNode tree = randomTree(random, 4);
            final String text = MAPPER.writeValueAsString(tree);
            assertEquals(MAPPER.readTree(text), Json.parse(text), text);
            final String ours = Json.write(tree);
            assertTrue(tree.equals(sameNumbers, Json.parse(ours)), ours);
            if (!hasFraction(tree)) {
                assertEquals(text, ours);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{\"a\":1,\"a\":2}", "{} {}", "[1] x", "{\"a\":}", "[1,]", "tru", "\"open",
        "NaN", "01", "{'a':1}"})
    void shouldRefuseBadInputWithACodedError(final String json) {
        final ChumException e = assertThrows(ChumException.class, () -> Json.parse(json));
        assertEquals(ErrorCode.BAD_JSON, e.errorCode(), e::getMessage);
        assertTrue(e.reason().startsWith("invalid JSON"), e::getMessage);
    }

    @Test
    void shouldRefuseDeepNestingWithACodedErrorNotAStackOverflow() {
        final String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals(ErrorCode.BAD_JSON, assertThrows(ChumException.class, () -> Json.parse(deep)).errorCode());
        final String fine = "[".repeat(500) + "]".repeat(500);
        assertEquals(fine, Json.write(Json.parse(fine)));
    }

    private static boolean hasFraction(final JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return true;
        }
        for (final JsonNode child : node) {
            if (hasFraction(child)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode randomTree(final Random random, final int depth) {
        switch (depth == 0 ? random.nextInt(5) : random.nextInt(7)) {
            case 0:
                return Json.parse(Long.toString(random.nextLong() >> random.nextInt(64)));
            case 1:
                return Json.parse(Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)));
            case 2:
                return Json.parse("\"" + (char) ('a' + random.nextInt(26)) + "\\u" + String.format("%04x",
                    random.nextInt(0xd800)) + "\"");
            case 3:
                return Json.parse(random.nextBoolean() ? "true" : "null");
            case 4:
                return Json.parse(new BigInteger(100, random).toString());
            case 5: {
                final ObjectNode o = Json.object();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set("k" + random.nextInt(10), randomTree(random, depth - 1));
                }
                return o;
            }
            default: {
                final var a = Json.array();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomTree(random, depth - 1));
                }
                return a;
            }
        }
    }
}
