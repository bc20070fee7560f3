package io.chum.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.cli.ChumCli;
import io.chum.model.Json;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code chum} command line in the fault tests: short commands (verify, chums) run in the test JVM through
 * {@link ChumCli#run}; {@code serve} and {@code sync} run as child processes of the real CLI main. Stateless.
 */
final class Cli {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private Cli() {
    }

    /** What a command printed and its exit code. */
    record Run(int exitCode, List<String> out, String err) {
        /** The stdout lines that are JSON objects. */
        List<JsonNode> json() {
            final List<JsonNode> nodes = new ArrayList<>();
            for (final String line : out) {
                if (line.startsWith("{")) {
                    nodes.add(Json.parse(line));
                }
            }
            return nodes;
        }
    }

    /** Runs {@code chum args...} in this JVM. */
    static Run run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ChumCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        final List<String> lines = out.toString().isEmpty() ? List.of() : List.of(out.toString().split("\n"));
        return new Run(code, lines, err.toString());
    }

    /** {@code chum verify --json}: asserts exit 0 and no errors; returns the report. */
    static JsonNode verify(final Replica r, final String context) {
        final Run run = run("verify", "--store", r.dir().toString(), "--json");
        assertEquals(0, run.exitCode(), "chum verify of " + r + " " + context + ": " + run.out() + run.err());
        final JsonNode report = run.json().get(0);
        assertEquals(0, report.path("errors").size(), "verify of " + r + " " + context + ": " + report);
        return report;
    }

    /** {@code chum chums --json}: one summary per Chum object, oldest first. */
    static List<JsonNode> chums(final Replica r) {
        final Run run = run("chums", "--store", r.dir().toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        return run.json();
    }

    /** The error codes of a chum summary. */
    static List<String> errorCodes(final JsonNode summary) {
        final List<String> codes = new ArrayList<>();
        for (final JsonNode e : summary.path("errors")) {
            codes.add(e.path("code").asText());
        }
        return codes;
    }

    /** Total entries of a summary's {@code sent} or {@code received}. */
    static long total(final JsonNode counts) {
        return counts.path("objects").asLong() + counts.path("idObjects").asLong() + counts.path("blobs").asLong()
            + counts.path("clobs").asLong();
    }

    /** {@code chum serve} on a free loopback port, in a child process. */
    static Serve serve(final Replica r, final boolean keepRunning) throws InterruptedException {
        final List<String> args = new ArrayList<>(List.of("serve", "--store", r.dir().toString(), "--listen",
            "127.0.0.1:0", "--json", "--max-notification-delay", "5"));
        if (keepRunning) {
            args.add("--keep-running");
        }
        final ChildProcess child = ChildProcess.start("serve " + r.email(), ChumCli.class, List.of(),
            args.toArray(String[]::new));
        final String line = child.await(l -> l.startsWith("chum: serving "), "the serving line", START_TIMEOUT);
        final int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
        // serve prints the chums it logged as interrupted before it starts serving
        final List<JsonNode> recovered = new ArrayList<>();
        for (final String l : child.lines()) {
            if (l.equals(line)) {
                break;
            }
            if (l.startsWith("{")) {
                recovered.add(Json.parse(l));
            }
        }
        return new Serve(child, port, recovered);
    }

    /** {@code chum sync} with the serve at {@code port}, in a child process. */
    static ChildProcess sync(final Replica r, final int port, final boolean keepRunning) {
        final List<String> args = new ArrayList<>(List.of("sync", "--store", r.dir().toString(), "--connect",
            "127.0.0.1:" + port, "--json", "--max-notification-delay", "5"));
        if (keepRunning) {
            args.add("--keep-running");
        }
        return ChildProcess.start("sync " + r.email(), ChumCli.class, List.of(), args.toArray(String[]::new));
    }

    /** The next JSON line a CLI child printed (a chum summary). */
    static JsonNode nextSummary(final ChildProcess child, final Duration timeout) throws InterruptedException {
        return Json.parse(child.await(l -> l.startsWith("{"), "a JSON summary", timeout));
    }

    /**
     * A running {@code chum serve}.
     *
     * @param process   the child
     * @param port      the port it listens on
     * @param recovered the summaries of the interrupted chums it logged at its start
     */
    record Serve(ChildProcess process, int port, List<JsonNode> recovered) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }
}
