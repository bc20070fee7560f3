package io.chum.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress display on stderr for long work (sync, verify, bulk put, demo): items and bytes,
 * totals where known, rate and elapsed time, redrawn at most ten times a second.
 *
 * <p>Shown only when stderr is a terminal (or {@code CHUM_PROGRESS=always}; {@code never} hides it), so
 * scripts and logs never see it. Thread-safe: updates may come from any thread.
 */
final class Progress implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private long items;
    private long itemsTotal = -1;
    private long bytes;
    private long bytesTotal = -1;
    private boolean drawn;

    private Progress(final PrintWriter err, final String label, final boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    /** A display labelled {@code label}, shown only if stderr is a terminal. */
    static Progress onStderr(final PrintWriter err, final String label) {
        return new Progress(err, label, stderrIsTerminal());
    }

    /** A display that is drawn whatever stderr is (for tests). */
    static Progress always(final PrintWriter err, final String label) {
        return new Progress(err, label, true);
    }

    /** True if progress would be drawn. */
    boolean enabled() {
        return enabled;
    }

    synchronized void totals(final long items, final long bytes) {
        this.itemsTotal = items;
        this.bytesTotal = bytes;
        maybeDraw(false);
    }

    synchronized void update(final long items, final long bytes) {
        this.items = items;
        this.bytes = bytes;
        maybeDraw(false);
    }

    synchronized void add(final long items, final long bytes) {
        this.items += items;
        this.bytes += bytes;
        maybeDraw(false);
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void close() {
        if (enabled && drawn) {
            maybeDraw(true);
            err.print('\n');
            err.flush();
        }
    }

    private void maybeDraw(final boolean force) {
        if (!enabled) {
            return;
        }
        final long now = System.nanoTime();
        if (!force && drawn && now - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        lastDrawNanos = now;
        drawn = true;
        final double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        final StringBuilder line = new StringBuilder("\r\033[K").append(label).append(": ").append(items);
        if (itemsTotal >= 0) {
            line.append('/').append(itemsTotal);
        }
        line.append(" objects");
        if (bytes > 0 || bytesTotal > 0) {
            final Unit unit = Unit.of(Math.max(bytes, bytesTotal));
            line.append(", ").append(unit.format(bytes));
            if (bytesTotal >= 0) {
                line.append('/').append(unit.format(bytesTotal));
            }
            line.append(' ').append(unit.name);
        }
        line.append(String.format(Locale.ROOT, ", %.0f/s", items / seconds));
        if (bytes > 0) {
            final long perSecond = (long) (bytes / seconds);
            final Unit unit = Unit.of(perSecond);
            line.append(" (").append(unit.format(perSecond)).append(' ').append(unit.name).append("/s)");
        }
        line.append(String.format(Locale.ROOT, ", %.1f s", seconds));
        err.print(line);
        err.flush();
    }

    /** A byte unit that keeps small and large amounts readable with one decimal. */
    private enum Unit {
        KIB("KiB", 1L << 10), MIB("MiB", 1L << 20), GIB("GiB", 1L << 30);

        private final String name;
        private final long size;

        Unit(final String name, final long size) {
            this.name = name;
            this.size = size;
        }

        static Unit of(final long largest) {
            return largest < MIB.size ? KIB : largest < GIB.size ? MIB : GIB;
        }

        String format(final long bytes) {
            return String.format(Locale.ROOT, "%.1f", bytes / (double) size);
        }
    }

    private static boolean stderrIsTerminal() {
        final String setting = System.getenv("CHUM_PROGRESS");
        if ("always".equals(setting)) {
            return true;
        }
        if ("never".equals(setting)) {
            return false;
        }
        try {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (final Exception e) {
            // Not Linux, or no /proc: no way to tell, so stay quiet.
            return false;
        }
    }
}
