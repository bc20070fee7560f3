package io.chum.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.microdata.JsNumbers;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * The one JSON configuration of chum-sync, for JSON given on the command line, in files, in protocol frames and in
 * the log's chum records: Jackson's tree nodes, read and written with its streaming parser and generator.
 *
 * <p>Reading is strict: a duplicate member, trailing content after the value or an empty input is
 * {@code CS-JSON}. Source text never appears in error messages (it may be large or private). Numbers are read as
 * Jackson's {@code ObjectMapper} reads a tree: integral literals become int/long/big-integer nodes, anything with a
 * fraction or exponent a double node, which is what JavaScript's {@code JSON.parse} would hold. Writing is compact
 * and byte for byte what {@code ObjectMapper.writeValueAsString} writes for such a tree, except for double and decimal
 * nodes: those are printed as JavaScript prints the double ({@code 5e-324}, {@code 1e+21}, not Java's {@code 4.9E-324}
 * and {@code 1.0E21}). Integral nodes are printed exactly, as the log's own records need.
 *
 * <p>Why not {@code ObjectMapper}: building one took about 190 ms of every {@code chum} process's start-up on one
 * CPU (its serializer and deserializer machinery), for trees this class reads and writes in a page of code
 * (docs/benchmarks.md §7.3). Do not call {@code JsonNode.toString()} on a path that runs in every command either:
 * Jackson builds an internal {@code ObjectMapper} for it; use {@link #write}.
 *
 * <p>Thread-safe: stateless apart from Jackson's thread-safe factories.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** A new, empty JSON object. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new, empty JSON array. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses one JSON value; {@code CS-JSON} with the line and column for anything unreadable. */
    public static JsonNode parse(final String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            final JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ChumException(ErrorCode.BAD_JSON, "invalid JSON: empty input");
            }
            final JsonNode node = read(parser, first);
            if (parser.nextToken() != null) {
                throw new ChumException(ErrorCode.BAD_JSON, "invalid JSON" + where(parser.currentLocation())
                    + ": trailing content after the value");
            }
            return node;
        } catch (final JsonProcessingException e) {
            throw new ChumException(ErrorCode.BAD_JSON, "invalid JSON" + where(e.getLocation()) + ": "
                + e.getOriginalMessage(), e);
        } catch (final IOException e) {
            // A parser over a String does no I/O; failing here means a broken invariant.
            throw new ChumException(ErrorCode.INTERNAL, "cannot read JSON: " + ChumException.describe(e), e);
        }
    }

    /** The compact JSON text of {@code node}. */
    public static String write(final JsonNode node) {
        final StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(generator, node);
        } catch (final IOException e) {
            // A generator into a StringWriter does no I/O; failing here means a broken invariant.
            throw new ChumException(ErrorCode.INTERNAL, "cannot write JSON: " + ChumException.describe(e), e);
        }
        return text.toString();
    }

    /** The value that starts with {@code token}; the parser bounds the nesting depth (1 000 by default). */
    private static JsonNode read(final JsonParser p, final JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                final ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    final String name = p.currentName();
                    object.set(name, read(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                final ArrayNode array = NODES.arrayNode();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(p, t));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("a JSON parser gave " + token + " where a value starts");
        }
    }

    private static void write(final JsonGenerator g, final JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                g.writeStartObject();
                for (final Map.Entry<String, JsonNode> field : node.properties()) {
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
                break;
            case ARRAY:
                g.writeStartArray();
                for (final JsonNode element : node) {
                    write(g, element);
                }
                g.writeEndArray();
                break;
            case STRING:
                g.writeString(node.textValue());
                break;
            case NUMBER:
                writeNumber(g, node);
                break;
            case BOOLEAN:
                g.writeBoolean(node.booleanValue());
                break;
            case NULL:
                g.writeNull();
                break;
            case BINARY:
                g.writeBinary(node.binaryValue());
                break;
            default:
                throw new ChumException(ErrorCode.INTERNAL, "cannot write a JSON node of type " + node.getNodeType());
        }
    }

    private static void writeNumber(final JsonGenerator g, final JsonNode n) throws IOException {
        switch (n.numberType()) {
            case INT:
                g.writeNumber(n.intValue());
                break;
            case LONG:
                g.writeNumber(n.longValue());
                break;
            case BIG_INTEGER:
                g.writeNumber(n.bigIntegerValue());
                break;
            default:
                // A fraction or an exponent: the number JavaScript holds, in its form. Infinity and NaN have
                // no JSON form; JSON.stringify writes null for them.
                final double d = n.doubleValue();
                if (Double.isFinite(d)) {
                    g.writeNumber(JsNumbers.format(d));
                } else {
                    g.writeNull();
                }
                break;
        }
    }

    private static String where(final JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
