package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.model.Json;

import java.io.PrintWriter;

/**
 * Where a command writes its results: JSON lines with {@code --json}, text otherwise.
 * Not thread-safe; a command writes from one thread (or synchronises itself).
 */
final class Output {
    private final PrintWriter out;
    private final boolean json;

    Output(final PrintWriter out, final boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** A new JSON object to fill and {@link #emit}. */
    ObjectNode object() {
        return Json.object();
    }

    /** Writes {@code node} as one JSON line in JSON mode, else {@code text}. */
    void emit(final ObjectNode node, final String text) {
        if (json) {
            out.println(Json.write(node));
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Writes a text line in text mode only. */
    void text(final String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    /** Flushes what was written so far (before raw bytes go to stdout). */
    void flush() {
        out.flush();
    }
}
