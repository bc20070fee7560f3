package io.chum.microdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortedJsonTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Test
    void shouldSortKeysByUtf16CodeUnits() {
        final ObjectNode o = F.objectNode();
        o.put("b", 1);
        o.put("\uFB01", 2);
        o.put("\uD83D\uDE00", 3);
        o.put("10", 4);
        o.put("2", 5);
        o.put("B", 6);
        assertEquals("{\"10\":4,\"2\":5,\"B\":6,\"b\":1,\"\uD83D\uDE00\":3,\"\uFB01\":2}", SortedJson.stringify(o));
    }

    @Test
    void shouldEscapeLikeJsonStringify() {
        final String in = "q\"b\\s/\b\f\n\r\t\u0000\u001f\u007f\u2028é😀\uD800x\uDC00&<>";
        assertEquals("\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028é😀\\ud800x\\udc00&<>\"",
            SortedJson.stringify(F.textNode(in)));
    }

    @Test
    void shouldPrintNumbersAsJavaScriptDoubles() {
        assertEquals("[1,-0.5,1e+21,1152921504606847000,18446744073709552000,0.1,null,1]", SortedJson.stringify(
            F.arrayNode().add(1).add(-0.5).add(1e21).add(1L << 60).add(new BigInteger("18446744073709551616"))
                .add(new java.math.BigDecimal("0.1")).add(Double.NaN).add(1.0f)));
    }

    @Test
    void shouldRefuseNodesWithoutJsonText() {
        final ChumException e = assertThrows(ChumException.class,
            () -> SortedJson.stringify(F.arrayNode().add(F.binaryNode(new byte[] {1}))));
        assertEquals(ErrorCode.WRONG_TYPE, e.errorCode());
    }

    @Test
    void shouldMatchJavaScriptSortedStringifyOnGeneratedValues() throws IOException {
        int count = 0;
        try (BufferedReader in = JsNumbersTest.resource("sorted-json.tsv")) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                final String[] parts = line.split("\t", -1);
                final JsonNode node = JsonReader.read(parts[0]);
                assertEquals(parts[1], SortedJson.stringify(node), () -> "input " + parts[0]);
                count++;
            }
        }
        assertTrue(count >= 500, "golden file read: " + count);
    }
}
