package io.chum.faults;

import io.chum.testing.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A main class of the test class path (a test main, or the CLI's {@code io.chum.cli.ChumCli}) running in a child JVM
 * with the project's JVM flags. A daemon thread collects its output (stdout and stderr merged) line by line and echoes
 * it, prefixed with the child's name, to this JVM's stdout, so that a failing test shows what every child said.
 * Tests wait for lines with a timeout, kill the child with SIGKILL ({@link #kill}, as {@code kill -9}) or stop it
 * with SIGTERM ({@link #terminate}).
 *
 * <p>Thread-safe: the output is guarded by the object's monitor; one test thread drives a child.
 */
final class ChildProcess implements AutoCloseable {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);

    private final String name;
    private final long startNanos = System.nanoTime();
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private int cursor;
    private boolean ended;

    private ChildProcess(final String name, final Process process) {
        this.name = name;
        this.process = process;
        final Thread pump = new Thread(this::pump, "child-output-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code main} with {@code args} in a child JVM with the test JVM's flags and {@code jvmOptions}. */
    static ChildProcess start(final String name, final Class<?> main, final List<String> jvmOptions,
                              final String... args) {
        return start(name, command(main, jvmOptions, args));
    }

    private static ChildProcess start(final String name, final List<String> command) {
        try {
            return new ChildProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private static List<String> command(final Class<?> main, final List<String> jvmOptions, final String... args) {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xmx")) {
                cmd.add(option);
            }
        }
        cmd.add("-Xmx512m");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(ChildJvm.testClassPath());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.printf("[%s %.1fs] %s%n", name, (System.nanoTime() - startNanos) / 1e9, line);
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (final IOException e) {
            System.out.println("[" + name + "] output ended: " + e);
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /**
     * The next line (after the last one returned by this method) that {@code matches}; fails after {@code timeout},
     * or when the child's output ends first, with everything it printed.
     */
    synchronized String await(final Predicate<String> matches, final String what, final Duration timeout)
        throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            while (cursor < lines.size()) {
                final String line = lines.get(cursor++);
                if (matches.test(line)) {
                    return line;
                }
            }
            final long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError(name + (ended ? " ended" : " timed out after " + timeout) + " before printing "
                    + what + "; it printed:\n" + String.join("\n", lines));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** The next line starting with {@code prefix}; see {@link #await(Predicate, String, Duration)}. */
    String awaitPrefix(final String prefix, final Duration timeout) throws InterruptedException {
        return await(l -> l.startsWith(prefix), "a line starting with '" + prefix + "'", timeout);
    }

    /** Every line printed so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** SIGKILL (kill -9); waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }

    /**
     * SIGTERM (a clean stop for serve and sync); returns the exit code. Sent through the process handle:
     * {@code Process.destroy()} would also close the pipes and lose what the child prints while it stops.
     */
    int terminate() throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(EXIT_WAIT);
    }

    /** Waits for the exit and for the rest of the output; returns the exit code. */
    int awaitExit(final Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + "; it printed:\n"
                + String.join("\n", lines()));
        }
        synchronized (this) {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ended && System.nanoTime() < deadline) {
                wait(100);
            }
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
