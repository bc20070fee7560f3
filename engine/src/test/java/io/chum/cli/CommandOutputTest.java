package io.chum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chum.model.Json;
import io.chum.model.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the command line writes and how: listings ({@code log}, {@code ls}, {@code chums}), a bulk {@code put} and a
 * BLOB from {@code get} buffered or streamed and stopped by a closed stdout, a failing stdout reported, UTF-8 on
 * stdout whatever the locale, and arguments the JVM could not read refused rather than stored as {@code ?}.
 */
@Timeout(120)
class CommandOutputTest {
    private static final int PERSONS = 3_000;
    private static final String GREETING = "Grüße aus Köln — 東京";

    @TempDir
    Path tmp;

    private String store;

    @BeforeEach
    void aStoreWithThousandsOfEvents() throws IOException {
        store = tmp.resolve("alice").toString();
        ok("init", "--store", store, "--email", "alice@mail.com", "--instance", "MainAlice");
        final StringBuilder lines = new StringBuilder();
        for (int i = 0; i < PERSONS; i++) {
            lines.append("{\"email\":\"p").append(i).append("@mail.com\"}\n");
        }
        final Path file = Files.writeString(tmp.resolve("persons.jsonl"), lines);
        ok("put", "--store", store, "--type", "Person", "--data-file", file.toString());
    }

    @Test
    void shouldStopAListingQuietlyWhenTheReaderOfItsOutputLeaves() {
        for (final String command : List.of("log", "ls")) {
            final long lines = CountingSink.linesOf(command, store);
            assertTrue(lines > 5 * Output.LINES_PER_CHECK, command + ": " + lines + " lines");
            final CountingSink sink = new CountingSink(10_000, "Broken pipe");
            final StringWriter err = new StringWriter();
            final int exit = ChumCli.run(new String[]{command, "--store", store}, StandardOutput.over(sink),
                new PrintWriter(err, true));
            assertEquals(ChumCli.EXIT_OUTPUT_CLOSED, exit, command + ": " + err);
            assertEquals("", err.toString(), command);
            // Each line after the reader left is refused once or twice (the text, the line's end) until the next
            // check stops the listing; without the check every remaining line would be.
            assertTrue(sink.refused <= 2 * Output.LINES_PER_CHECK + 2 && sink.refused < lines / 2,
                command + ": " + sink.refused + " writes refused, of " + lines + " lines");
        }
    }

    @Test
    void shouldStopABulkLoadAfterTheGroupItPrintedWhenStdoutCloses() throws IOException {
        final String fresh = tmp.resolve("fresh").toString();
        ok("init", "--store", fresh, "--email", "f@mail.com", "--instance", "Fresh");
        final StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2 * PutCommand.LINES_PER_FORCE + 500; i++) {
            lines.append("{\"email\":\"q").append(i).append("@mail.com\"}\n");
        }
        final Path file = Files.writeString(tmp.resolve("more.jsonl"), lines);
        final StringWriter err = new StringWriter();
        final int exit = ChumCli.run(new String[]{"put", "--store", fresh, "--type", "Person", "--data-file",
            file.toString()}, StandardOutput.over(new CountingSink(100, "Broken pipe")), new PrintWriter(err, true));
        assertEquals(ChumCli.EXIT_OUTPUT_CLOSED, exit, err::toString);
        // The first group was stored and forced before its results were printed; no later line was stored.
        final int persons = ok("log", "--store", fresh, "--type", "Person", "--json").jsonLines().size() / 2;
        assertEquals(1 + PutCommand.LINES_PER_FORCE, persons);
    }

    @Test
    void shouldReportAnyOtherFailureToWriteStdoutAsAnError() {
        final StringWriter err = new StringWriter();
        final int exit = ChumCli.run(new String[]{"log", "--store", store},
            StandardOutput.over(new CountingSink(10_000, "No space left on device")), new PrintWriter(err, true));
        assertEquals(ChumCli.EXIT_ERROR, exit, err::toString);
        assertTrue(err.toString().startsWith("chum: CS-IO: cannot write standard output: No space left on device"),
            err::toString);
    }

    @Test
    void shouldFlushAListingOnlyEveryThousandLinesAndEveryResultLine() {
        final FlushCounter counter = new FlushCounter();
        final Output out = new Output(new PrintWriter(counter), false);
        for (int i = 0; i < 2 * Output.LINES_PER_CHECK + 5; i++) {
            out.line(out.object(), "line " + i);
        }
        assertEquals(2, counter.flushes);
        out.flush();
        assertEquals(3, counter.flushes);
        out.emit(out.object(), "a result");
        assertEquals(4, counter.flushes);
    }

    @Test
    void shouldListEverythingThroughTheBufferWhenTheReaderStays() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, ChumCli.run(new String[]{"log", "--store", store, "--type", "Person", "--json"},
            StandardOutput.over(bytes), new PrintWriter(new StringWriter(), true)));
        final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        // One ID object and one object per person, the owner's included; the last line whole.
        assertEquals(2 * (PERSONS + 1), lines.length);
        assertEquals("Person", Json.parse(lines[lines.length - 1]).get("type").asText());
    }

    @Test
    void shouldEndAListingInARealProcessWithExit141WhenThePipeCloses() throws Exception {
        assertEndsQuietlyWhenItsReaderLeaves(CliProcess.builder("log", "--store", store), "replaying");
    }

    @Test
    void shouldStopCopyingABlobToStdoutWhenThePipeCloses() throws Exception {
        final Path big = tmp.resolve("big.bin");
        final byte[] bytes = new byte[64 << 20];
        new Random(7).nextBytes(bytes);
        Files.write(big, bytes);
        final String hash = ok("put", "--store", store, "--blob", big.toString()).out().strip();
        assertEndsQuietlyWhenItsReaderLeaves(CliProcess.builder("get", "--store", store, hash), "copying");
    }

    /**
     * Starts {@code pb}, reads its first line, closes its stdout as a {@code head -1} would, and expects the process
     * to end soon, without a word on stderr and with exit 141.
     */
    private static void assertEndsQuietlyWhenItsReaderLeaves(final ProcessBuilder pb, final String doing)
            throws Exception {
        final Process p = pb.start();
        try {
            final InputStream out = p.getInputStream();
            int b = out.read();
            assertTrue(b >= 0, "nothing on stdout");
            while (b != '\n' && b != -1) {
                b = out.read();
            }
            out.close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still " + doing + " after its reader left");
            assertEquals(ChumCli.EXIT_OUTPUT_CLOSED, p.exitValue());
            assertEquals("", new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void shouldPrintMicrodataAsUtf8InAnAsciiLocale() throws Exception {
        final JsonNode put = ok("put", "--store", store, "--type", "Person", "--data",
            "{\"email\":\"g@mail.com\",\"name\":\"" + GREETING + "\"}", "--json").json();
        final String hash = put.get("hash").asText();
        final byte[] microdata = ok("get", "--store", store, hash).out().strip().getBytes(StandardCharsets.UTF_8);
        assertEquals(hash, Sha256.hash(microdata).toHex());

        final Process p = inAsciiLocale(CliProcess.builder("get", "--store", store, hash)).start();
        final byte[] printed = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        final byte[] line = new byte[microdata.length + 1];
        System.arraycopy(microdata, 0, line, 0, microdata.length);
        line[microdata.length] = '\n';
        assertArrayEquals(line, printed, () -> new String(printed, StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseArgumentsThatAnAsciiLocaleCannotRead() throws Exception {
        try (CliProcess p = CliProcess.start(inAsciiLocale(CliProcess.builder("hash", "--type", "Person", "--data",
                "{\"email\":\"" + GREETING + "\"}")))) {
            assertEquals(ChumCli.EXIT_USAGE, p.awaitExit(Duration.ofSeconds(60)), p::toString);
            assertTrue(p.errLines().get(0).startsWith("chum: usage: argument 5 is not ASCII"), p::toString);
        }
    }

    @Test
    void shouldFindTheNonAsciiArgumentInTheRawCommandLine() {
        final byte[] cmdline = ("/jdk/bin/java\0-Dpath=/tmp/ü\0io.chum.cli.ChumCli\0hash\0\0" + GREETING + "\0")
            .getBytes(StandardCharsets.UTF_8);
        final List<byte[]> raw = ArgumentEncoding.split(cmdline);
        assertEquals(6, raw.size());
        assertEquals(0, raw.get(4).length);
        assertEquals("argument 3 is not ASCII", ArgumentEncoding.unreadable(3, raw, "ANSI_X3.4-1968")
            .substring(0, "argument 3 is not ASCII".length()));
        // The JVM's own options may hold anything; only the command's arguments count.
        assertNull(ArgumentEncoding.unreadable(2, raw.subList(0, 5), "ANSI_X3.4-1968"));
    }

    /** The child JVM in the C locale, where the JVM reads arguments and writes by default as ASCII. */
    private static ProcessBuilder inAsciiLocale(final ProcessBuilder pb) {
        final Map<String, String> env = pb.environment();
        env.remove("LANG");
        env.remove("LC_CTYPE");
        env.put("LC_ALL", "C");
        return pb;
    }

    private static CliRunner.Result ok(final String... args) {
        final CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    /** A stdout that takes {@code capacity} bytes and then refuses every write with {@code reason}. */
    private static final class CountingSink extends OutputStream {
        private final long capacity;
        private final String reason;
        private long accepted;
        private long lines;
        private long refused;

        CountingSink(final long capacity, final String reason) {
            this.capacity = capacity;
            this.reason = reason;
        }

        /** How many lines {@code chum COMMAND --store STORE} writes in all. */
        static long linesOf(final String command, final String store) {
            final CountingSink all = new CountingSink(Long.MAX_VALUE, "");
            assertEquals(0, ChumCli.run(new String[]{command, "--store", store}, StandardOutput.over(all),
                new PrintWriter(new StringWriter(), true)));
            return all.lines;
        }

        @Override
        public void write(final int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException {
            if (accepted + len > capacity) {
                refused++;
                throw new IOException(reason);
            }
            accepted += len;
            for (int i = off; i < off + len; i++) {
                lines += b[i] == '\n' ? 1 : 0;
            }
        }
    }

    /** Counts the flushes that reach it. */
    private static final class FlushCounter extends Writer {
        private int flushes;

        @Override
        public void write(final char[] cbuf, final int off, final int len) {
            // only the flushes matter
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
