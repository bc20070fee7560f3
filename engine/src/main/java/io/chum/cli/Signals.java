package io.chum.cli;

import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a clean stop of long-running commands (serve, sync --keep-running, demo):
 * the handler ends the work and the command then returns normally with exit code 0, instead of the JVM's
 * default of exiting at once with 143.
 */
final class Signals {
    private Signals() {
    }

    /** Runs {@code onStop} (once per signal, on the JVM's signal thread) on SIGTERM and SIGINT. */
    static void onStop(final Runnable onStop) {
        for (final String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> onStop.run());
            } catch (final IllegalArgumentException e) {
                // The platform does not have this signal (or the JVM reserves it): the default applies.
                LoggerFactory.getLogger(Signals.class).debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
