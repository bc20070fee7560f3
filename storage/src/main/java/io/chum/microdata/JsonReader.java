package io.chum.microdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;

/**
 * A strict JSON reader (RFC 8259) producing Jackson nodes the way JavaScript's {@code JSON.parse} sees the
 * text: every number is a double (integers up to 2^53 become int/long nodes, everything else a double node)
 * and escaped unpaired surrogates are kept — Jackson refuses those in field names, yet ES2019
 * {@code JSON.stringify} writes them. Duplicate keys are refused. Not thread-safe; one instance per text.
 */
final class JsonReader {
    private static final int MAX_DEPTH = 512;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String s;
    private int pos;

    private JsonReader(final String s) {
        this.s = s;
    }

    /** The value of JSON text {@code text}; {@code CS-MICRODATA} if it is not exactly one JSON value. */
    static JsonNode read(final String text) {
        final JsonReader r = new JsonReader(text);
        r.whitespace();
        final JsonNode node = r.value(0);
        r.whitespace();
        if (r.pos != text.length()) {
            throw r.bad("trailing characters");
        }
        return node;
    }

    private JsonNode value(final int depth) {
        if (depth > MAX_DEPTH) {
            throw bad("nested too deeply");
        }
        final char c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> NODES.textNode(string());
            case 't' -> literal("true", NODES.booleanNode(true));
            case 'f' -> literal("false", NODES.booleanNode(false));
            case 'n' -> literal("null", NODES.nullNode());
            default -> number();
        };
    }

    private ObjectNode object(final int depth) {
        final ObjectNode o = NODES.objectNode();
        pos++;
        whitespace();
        if (peek() == '}') {
            pos++;
            return o;
        }
        while (true) {
            whitespace();
            if (peek() != '"') {
                throw bad("expected a key");
            }
            final String key = string();
            whitespace();
            expect(':');
            whitespace();
            if (o.replace(key, value(depth + 1)) != null) {
                throw bad("duplicate key");
            }
            whitespace();
            if (peek() == '}') {
                pos++;
                return o;
            }
            expect(',');
        }
    }

    private ArrayNode array(final int depth) {
        final ArrayNode a = NODES.arrayNode();
        pos++;
        whitespace();
        if (peek() == ']') {
            pos++;
            return a;
        }
        while (true) {
            whitespace();
            a.add(value(depth + 1));
            whitespace();
            if (peek() == ']') {
                pos++;
                return a;
            }
            expect(',');
        }
    }

    private String string() {
        pos++;
        final StringBuilder sb = new StringBuilder();
        while (true) {
            final char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw bad("unescaped control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            final char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(hex4());
                default -> throw bad("bad escape \\" + e);
            }
        }
    }

    private char hex4() {
        if (pos + 4 > s.length()) {
            throw bad("short \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            final int d = Character.digit(s.charAt(pos++), 16);
            if (d < 0) {
                throw bad("bad \\u escape");
            }
            v = v << 4 | d;
        }
        return (char) v;
    }

    private JsonNode number() {
        final int start = pos;
        skip('-');
        if (!skip('0')) {
            digits();
        }
        boolean integral = true;
        if (skip('.')) {
            integral = false;
            digits();
        }
        if (skip('e') || skip('E')) {
            integral = false;
            if (!skip('+')) {
                skip('-');
            }
            digits();
        }
        final String text = s.substring(start, pos);
        if (integral && pos - start <= 17) {
            final long v = Long.parseLong(text);
            if (Math.abs(v) <= JsNumbers.MAX_SAFE_INTEGER) {
                return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
            }
        }
        return NODES.numberNode(Double.parseDouble(text));
    }

    private void digits() {
        final int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw bad("expected a digit");
        }
    }

    private JsonNode literal(final String word, final JsonNode node) {
        if (!s.startsWith(word, pos)) {
            throw bad("unknown literal");
        }
        pos += word.length();
        return node;
    }

    private void whitespace() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n'
            || s.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private boolean skip(final char c) {
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(final char c) {
        if (!skip(c)) {
            throw bad("expected '" + c + "'");
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            throw bad("unexpected end");
        }
        return s.charAt(pos);
    }

    private char next() {
        final char c = peek();
        pos++;
        return c;
    }

    private ChumException bad(final String message) {
        return new ChumException(ErrorCode.BAD_MICRODATA, "stringifiable value is not JSON: " + message
            + " at character " + pos);
    }
}
