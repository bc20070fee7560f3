package io.chum.microdata;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.ChumException;
import io.chum.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON text as one.core's {@code sorted-stringify} produces it for {@code stringifiable} values: JavaScript's
 * {@code JSON.stringify} with object keys sorted by UTF-16 code units ({@link String#compareTo}).
 *
 * <p>Numbers are printed as JavaScript prints the double the JSON would parse to ({@link JsNumbers}); big
 * integers therefore lose precision exactly as they would in JavaScript. Non-finite numbers print as
 * {@code null}, as {@code JSON.stringify} does. Strings are escaped like ES2019 {@code JSON.stringify}:
 * {@code \" \\ \b \f \n \r \t}, other control characters and unpaired surrogates as {@code \}{@code u} and four
 * lowercase hex digits,
 * everything else literally. Stateless and thread-safe.
 */
public final class SortedJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SortedJson() {
    }

    /**
     * The canonical JSON text of {@code node}; {@code CS-OBJ-WRONG-TYPE} for nodes that have no JSON form
     * (missing, binary, POJO).
     */
    public static String stringify(final JsonNode node) {
        final StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(final JsonNode node, final StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> writeArray(node, out);
            case STRING -> quote(node.textValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new ChumException(ErrorCode.WRONG_TYPE,
                "a " + node.getNodeType() + " JSON node has no JSON text");
        }
    }

    private static void writeObject(final JsonNode node, final StringBuilder out) {
        final List<String> keys = new ArrayList<>(node.size());
        for (final Map.Entry<String, JsonNode> e : node.properties()) {
            keys.add(e.getKey());
        }
        keys.sort(null);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(keys.get(i), out);
            out.append(':');
            write(node.get(keys.get(i)), out);
        }
        out.append('}');
    }

    private static void writeArray(final JsonNode node, final StringBuilder out) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(node.get(i), out);
        }
        out.append(']');
    }

    /** JavaScript has only doubles: print the double the JSON number denotes. */
    static String number(final JsonNode node) {
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            final long v = node.longValue();
            if (Math.abs(v) <= JsNumbers.MAX_SAFE_INTEGER) {
                return Long.toString(v);
            }
        }
        final double d = node.doubleValue();
        return Double.isFinite(d) ? JsNumbers.format(d) : "null";
    }

    /** ES2019 QuoteJSONString. */
    static void quote(final String s, final StringBuilder out) {
        out.append('"');
        final int n = s.length();
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(final char c, final StringBuilder out) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
            .append(HEX[c & 0xF]);
    }
}
