package io.chum.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a main class of the test classpath in a child JVM with the same Chronicle flags as this JVM (the
 * argfile options surefire passed, already expanded by the launcher), reading its output line by line and
 * writing command lines to its input. For the crash, multi-process and bounded-heap tests; one test thread
 * drives one child.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private ChildJvm(final Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    public static ChildJvm start(final Class<?> main, final List<String> extraJvmOptions, final String... args)
        throws IOException {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xmx")) {
                cmd.add(option);
            }
        }
        cmd.addAll(extraJvmOptions);
        cmd.add("-cp");
        cmd.add(testClassPath());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        return new ChildJvm(pb.start());
    }

    /** Surefire may run tests from a manifest-only jar; it then publishes the real class path separately. */
    public static String testClassPath() {
        final String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Reads output lines until one starts with {@code prefix}; returns it, or fails with everything read. */
    public String awaitLine(final String prefix) throws IOException {
        final StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("child exited before printing '" + prefix + "':\n" + seen);
    }

    /** Writes one line to the child's standard input. */
    public void send(final String line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
    }

    /** Reads the rest of the output and waits for the exit code. */
    public int awaitExit(final StringBuilder output) throws IOException, InterruptedException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            output.append(line).append('\n');
        }
        return process.waitFor();
    }

    /** SIGKILL, as kill -9. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
