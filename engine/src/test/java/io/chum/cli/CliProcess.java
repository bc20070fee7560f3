package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.model.Json;
import io.chum.testing.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code chum ARGS} as a real separate process: {@link ChumCli#main} in a child JVM with this JVM's flags (the
 * project's argfile, already expanded) and the test class path, stdout and stderr captured apart, line by line.
 * One test thread drives one process; the reader threads only append to synchronized buffers.
 */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final Lines out;
    private final Lines err;

    private CliProcess(final Process process) {
        this.process = process;
        this.out = Lines.readAll(process.getInputStream(), "chum-test-stdout");
        this.err = Lines.readAll(process.getErrorStream(), "chum-test-stderr");
    }

    static CliProcess start(final String... args) throws IOException {
        return start(builder(args));
    }

    /** Starts {@code pb}, made by {@link #builder} and changed by the test (its environment, say). */
    static CliProcess start(final ProcessBuilder pb) throws IOException {
        return new CliProcess(pb.start());
    }

    /** The process {@link #start} starts, for a test that handles its streams itself. */
    static ProcessBuilder builder(final String... args) {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xmx")) {
                cmd.add(option);
            }
        }
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(ChildJvm.testClassPath());
        cmd.add(ChumCli.class.getName());
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd);
        // Progress lines only where a person watches: never in a test, whatever the environment says.
        pb.environment().put("CHUM_PROGRESS", "never");
        return pb;
    }

    /** Waits for the first stderr line starting with {@code prefix}; fails with the output so far if none comes. */
    String awaitErrLine(final String prefix, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (final String line : err.snapshot()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!process.isAlive() && err.done()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no stderr line starting with '" + prefix + "'\n" + this);
    }

    /**
     * Sends SIGTERM, as {@code kill PID} does. Through the process handle: {@code Process.destroy()} would also
     * close our ends of its stdout and stderr, losing what it prints while it stops.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Sends SIGKILL, as {@code kill -9 PID} does: the process ends with no chance to clean up. */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Waits for the exit and the end of both streams; returns the exit code. */
    int awaitExit(final Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "\n" + this);
        }
        out.join();
        err.join();
        return process.exitValue();
    }

    List<String> outLines() {
        return out.snapshot();
    }

    List<String> errLines() {
        return err.snapshot();
    }

    /** Every stdout line parsed as JSON. */
    List<JsonNode> jsonLines() {
        final List<JsonNode> nodes = new ArrayList<>();
        for (final String line : out.snapshot()) {
            if (!line.isBlank()) {
                nodes.add(Json.parse(line));
            }
        }
        return nodes;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "stdout:\n" + String.join("\n", out.snapshot()) + "\nstderr:\n" + String.join("\n", err.snapshot());
    }

    /** The lines of one stream, read by a daemon thread of its own. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        private Lines(final InputStream in, final String name) {
            this.reader = new Thread(() -> read(in), name);
            reader.setDaemon(true);
        }

        static Lines readAll(final InputStream in, final String name) {
            final Lines l = new Lines(in, name);
            l.reader.start();
            return l;
        }

        private void read(final InputStream in) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> snapshot() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        boolean done() {
            return !reader.isAlive();
        }

        void join() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
