package io.chum.cli.demo;

/**
 * Receives what a demo run does as it goes: a human-readable line per finished step, and the progress of long
 * phases (writing, syncing, keepRunning writes, verifying). Progress calls may come from several threads at once;
 * an implementation must be thread-safe. Steps come from the thread running the demo.
 */
public interface DemoListener {
    /** A step finished; {@code line} says what happened, in a few words. */
    void step(String line);

    /** A long phase starts: {@code itemsTotal} items and {@code bytesTotal} bytes, -1 where unknown. */
    void progressStart(String label, long itemsTotal, long bytesTotal);

    /** New totals of the current phase, -1 where unknown (a chum learns its totals as it goes). */
    void progressTotals(long itemsTotal, long bytesTotal);

    /** Items and bytes done so far in the current phase (absolute, not increments). */
    void progress(long items, long bytes);

    /** The current phase ended. */
    void progressEnd();

    /** A listener that ignores everything. */
    DemoListener NONE = new DemoListener() {
        @Override
        public void step(final String line) {
        }

        @Override
        public void progressStart(final String label, final long itemsTotal, final long bytesTotal) {
        }

        @Override
        public void progressTotals(final long itemsTotal, final long bytesTotal) {
        }

        @Override
        public void progress(final long items, final long bytes) {
        }

        @Override
        public void progressEnd() {
        }
    };
}
