package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.model.Json;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process and captures exit code, stdout and stderr. */
final class CliRunner {
    private CliRunner() {
    }

    static Result run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ChumCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The outcome of one command line. */
    record Result(int exitCode, String out, String err) {
        /** Every stdout line parsed as JSON. */
        List<JsonNode> jsonLines() {
            final List<JsonNode> lines = new ArrayList<>();
            for (final String line : out.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(Json.parse(line));
                }
            }
            return lines;
        }

        JsonNode json() {
            final List<JsonNode> lines = jsonLines();
            if (lines.size() != 1) {
                throw new AssertionError("expected one JSON line, got " + lines.size() + ": " + out + err);
            }
            return lines.get(0);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }
}
