package io.chum.faults;

/** The seed of a randomised fault test: {@code -Dchum.faults.seed=N} repeats a run; printed either way. Stateless. */
final class Seeds {
    private Seeds() {
    }

    static long seed(final String test) {
        final Long fixed = Long.getLong("chum.faults.seed");
        final long seed = fixed != null ? fixed : System.nanoTime();
        System.out.println(test + ": seed " + seed + " (repeat with -Dchum.faults.seed=" + seed + ")");
        return seed;
    }
}
