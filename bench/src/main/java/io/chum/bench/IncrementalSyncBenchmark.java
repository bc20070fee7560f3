package io.chum.bench;

/**
 * An incremental sync of +1 %: Bob is in sync with Alice; before each iteration Alice imports 1 % more leaves in new
 * folders and publishes a new root version.
 */
public class IncrementalSyncBenchmark extends SyncBenchmark {
    @Override
    void afterBuild() throws Exception {
        fixture.sync();
        fixture.checkInSync();
    }

    @Override
    void beforeIteration() {
        fixture.grow(objects / 100);
    }

    public static void main(final String[] args) throws Exception {
        BenchRunner.run(IncrementalSyncBenchmark.class, args);
    }
}
