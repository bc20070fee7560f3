package io.chum.bench;

/** A full sync into an empty store: before each iteration Bob is replaced by a new, empty store. */
public class FullSyncBenchmark extends SyncBenchmark {
    @Override
    void afterBuild() {
        // every iteration starts from an empty Bob
    }

    @Override
    void beforeIteration() {
        fixture.newBob();
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(FullSyncBenchmark.class, args);
    }
}
