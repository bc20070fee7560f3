package io.chum.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProgressTest {
    private static final Pattern LAST_LINE = Pattern.compile(
        "sync: 250/1000 objects, 1\\.5/6\\.0 MiB, \\d+/s \\([\\d.]+ [KMG]iB/s\\), [\\d.]+ s\n");

    @Test
    void shouldShowObjectsBytesTotalsRateAndElapsedTimeOnOneRedrawnLine() {
        final StringWriter err = new StringWriter();
        try (Progress p = Progress.always(new PrintWriter(err), "sync")) {
            p.totals(1000, 6L << 20);
            p.update(250, 3L << 19);
        }
        final String shown = err.toString();
        assertTrue(shown.startsWith("\r\033[K"), shown);
        final String last = shown.substring(shown.lastIndexOf("\033[K") + 3);
        assertTrue(LAST_LINE.matcher(last).matches(), last);
    }

    @Test
    void shouldShowSmallAmountsInKibAndLeaveOutUnknownTotals() {
        final StringWriter err = new StringWriter();
        try (Progress p = Progress.always(new PrintWriter(err), "put")) {
            p.add(3, 1536);
        }
        final String last = err.toString().substring(err.toString().lastIndexOf("\033[K") + 3);
        assertTrue(last.startsWith("put: 3 objects, 1.5 KiB, "), last);
    }

    @Test
    void shouldDrawNothingWhenStderrIsNotATerminal() {
        assumeTrue(System.getenv("CHUM_PROGRESS") == null, "CHUM_PROGRESS overrides the terminal check");
        final StringWriter err = new StringWriter();
        // Surefire's stderr is a pipe, never a terminal.
        final Progress p = Progress.onStderr(new PrintWriter(err), "verify");
        p.totals(10, -1);
        p.update(5, 0);
        p.close();
        assertFalse(p.enabled());
        assertEquals("", err.toString());
    }
}
