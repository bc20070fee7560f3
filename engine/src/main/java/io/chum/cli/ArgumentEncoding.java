package io.chum.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds command-line arguments that the JVM could not read. The JVM decodes its arguments in the locale's charset
 * ({@code sun.jnu.encoding}), which a C or POSIX locale makes ASCII: every byte of a non-ASCII character then
 * becomes {@code ?}, so {@code chum put --data '{"text":"Grüße"}'} would store {@code "Gr????e"} and name it by that.
 * {@code bin/chum} runs the JVM in C.UTF-8 instead of such a locale; this is for a JVM started otherwise, or where no
 * C.UTF-8 locale exists. The raw bytes are in {@code /proc/self/cmdline} (Linux): the arguments are its last
 * entries. Elsewhere nothing is checked. Stateless and thread-safe.
 */
final class ArgumentEncoding {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private ArgumentEncoding() {
    }

    /**
     * Why the arguments cannot be used, or null if they can: only when the JVM reads arguments as ASCII and one of
     * them has a byte outside ASCII.
     */
    static String unreadable(final String[] args) {
        final String charset = System.getProperty("sun.jnu.encoding", "");
        if (args.length == 0 || !readsAsAscii(charset)) {
            return null;
        }
        final List<byte[]> raw;
        try {
            raw = split(Files.readAllBytes(CMDLINE));
        } catch (final IOException | SecurityException e) {
            return null;
        }
        return unreadable(args.length, raw, charset);
    }

    /** {@link #unreadable(String[])} for the raw command line {@code raw}, the JVM's arguments included. */
    static String unreadable(final int argCount, final List<byte[]> raw, final String charset) {
        if (raw.size() < argCount) {
            return null;
        }
        for (int i = 0; i < argCount; i++) {
            for (final byte b : raw.get(raw.size() - argCount + i)) {
                if (b < 0) {
                    return "argument " + (i + 1) + " is not ASCII, and this JVM reads its arguments as " + charset
                        + " (the locale's charset: LC_ALL, LC_CTYPE or LANG is C or POSIX), which would turn every "
                        + "non-ASCII character into '?'; run with a UTF-8 locale (LC_ALL=C.UTF-8, as bin/chum does)";
                }
            }
        }
        return null;
    }

    private static boolean readsAsAscii(final String charset) {
        try {
            return Charset.forName(charset).equals(StandardCharsets.US_ASCII);
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }

    /** The NUL-terminated entries of a {@code /proc/PID/cmdline}. */
    static List<byte[]> split(final byte[] cmdline) {
        final List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            entries.add(Arrays.copyOfRange(cmdline, start, cmdline.length));
        }
        return entries;
    }
}
