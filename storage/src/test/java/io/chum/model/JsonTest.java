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
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Json} reads and writes exactly what the {@code ObjectMapper} configuration it replaced did. */
class JsonTest {
    /** The configuration {@link Json} had before it stopped building an ObjectMapper. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "0", "-0", "-0.0", "1e3", "1E-7", "0.1", "123456789012", "2147483647", "2147483648",
        "-9223372036854775808", "9223372036854775808", "123456789012345678901234567890", "1.7976931348623157e308",
        "4.9e-324", "true", "false", "null", "\"\"", "\"\\u0000\\n\\t\\\"\\\\/\"", "\"é€𝄞\"",
        " { \"b\" : [1, 2.5, {\"c\": null}], \"a\": \"x\" } ",
        "{\"chum\":{\"hash\":\"ab\",\"n\":[[],[{}],-1.5e-3]},\"errors\":[],\"ok\":true}"})
    void shouldReadAndWriteAsTheObjectMapperDid(final String json) throws Exception {
        final JsonNode ours = Json.parse(json);
        final JsonNode theirs = MAPPER.readTree(json);
        assertEquals(theirs, ours, json);
        assertEquals(theirs.getClass(), ours.getClass(), json);
        assertEquals(MAPPER.writeValueAsString(theirs), Json.write(ours), json);
    }

    @Test
    void shouldWriteEveryNodeKindAsTheObjectMapperDid() throws Exception {
        final ObjectNode n = Json.object();
        n.put("int", 7).put("long", 1L << 40).put("double", 0.1).put("float", 1.5f).put("text", "a\"b\u2028")
            .put("big", new BigInteger("98765432109876543210")).put("decimal", new BigDecimal("1.50"))
            .put("bool", false).put("bytes", new byte[] {1, 2, 3}).putNull("nothing");
        n.putArray("list").add(1).add("two").addObject().put("three", 3);
        n.set("empty", Json.array());
        assertEquals(MAPPER.writeValueAsString(n), Json.write(n));
    }

    @Test
    void shouldMatchTheObjectMapperOnRandomTrees() throws Exception {
        final Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            final JsonNode tree = randomTree(random, 4);
            final String text = MAPPER.writeValueAsString(tree);
            assertEquals(text, Json.write(tree));
            assertEquals(MAPPER.readTree(text), Json.parse(text), text);
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
