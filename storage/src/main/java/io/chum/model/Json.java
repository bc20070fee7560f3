package io.chum.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chum.ChumException;
import io.chum.ErrorCode;

/**
 * The one Jackson configuration of chum-sync, for JSON given on the command line, in files and in protocol
 * frames.
 *
 * <p>Reading is strict: a duplicate member, trailing content after the value or an empty input is
 * {@code CS-JSON}. Source text never appears in error messages (it may be large or private). Numbers keep
 * Jackson's defaults: integral literals become int/long/big-integer nodes, anything with a fraction or
 * exponent a double node, which is what JavaScript's {@code JSON.parse} would hold.
 *
 * <p>Thread-safe: {@link #MAPPER} is configured once here and must not be reconfigured by callers.
 */
public final class Json {
    /** The shared, fully configured mapper. Do not call its configuration methods. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private Json() {
    }

    /** Parses one JSON value; {@code CS-JSON} with the line and column for anything unreadable. */
    public static JsonNode parse(final String json) {
        final JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (final JsonProcessingException e) {
            throw new ChumException(ErrorCode.BAD_JSON, "invalid JSON" + where(e.getLocation()) + ": "
                + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new ChumException(ErrorCode.BAD_JSON, "invalid JSON: empty input");
        }
        return node;
    }

    /** The compact JSON text of {@code node}. */
    public static String write(final JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            // A tree of plain JSON nodes always serialises; failing here means a broken invariant.
            throw new ChumException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String where(final JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
