package io.chum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Json;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Where a command writes its results: JSON lines with {@code --json}, text otherwise.
 *
 * <p>{@link #emit} flushes every line, for results that someone may be waiting for (a chum's summary). Commands that
 * list many results write them with {@link #line}, which leaves the writing to the stream's buffer and to
 * {@link #flush}: replaying a million log events was a million {@code write} calls. Only {@link #line} and
 * {@link #flush} notice a closed output ({@code CS-OUTPUT-CLOSED}), so that a listing stops soon after the reader of
 * its pipe has gone; {@link #emit} goes on as before, so that a closed stdout never stops a server's chums.
 *
 * <p>Not thread-safe; a command writes from one thread (or synchronises itself).
 */
final class Output {
    /** Lines between two checks of a listing's output: about 100 KB of log lines, so a listing stops soon. */
    static final int LINES_PER_CHECK = 1_000;

    private final PrintWriter out;
    private final boolean json;
    private int unchecked;

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

    /** Writes {@code node} as one JSON line in JSON mode, else {@code text}, and flushes. */
    void emit(final ObjectNode node, final String text) {
        print(node, text);
        out.flush();
    }

    /**
     * Writes one line of a listing as {@link #emit} does, without flushing: the caller flushes when it has nothing
     * more to write for now. Every {@value #LINES_PER_CHECK} lines it flushes itself, to find out whether anyone
     * still reads.
     *
     * @throws ChumException {@code CS-OUTPUT-CLOSED} if the output is closed
     */
    void line(final ObjectNode node, final String text) {
        print(node, text);
        if (++unchecked >= LINES_PER_CHECK) {
            flush();
        }
    }

    /** Writes a text line in text mode only. */
    void text(final String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    /**
     * Flushes what was written so far (after a listing's lines, before raw bytes go to stdout).
     *
     * @throws ChumException {@code CS-OUTPUT-CLOSED} if the output is closed, {@code CS-IO} if writing it failed
     *                       otherwise (a full disk)
     */
    void flush() {
        unchecked = 0;
        // PrintWriter keeps write errors to itself; checkError flushes and reports whether one happened.
        if (!out.checkError()) {
            return;
        }
        final IOException cause = out instanceof StandardOutput s ? s.failure() : null;
        if (cause == null || StandardOutput.isBrokenPipe(cause)) {
            throw new ChumException(ErrorCode.OUTPUT_CLOSED, "standard output is closed");
        }
        throw new ChumException(ErrorCode.IO, "cannot write standard output: " + cause.getMessage(), cause);
    }

    private void print(final ObjectNode node, final String text) {
        out.println(json ? Json.write(node) : text);
    }
}
