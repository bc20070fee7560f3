package io.chum.bench;

import org.openjdk.jmh.Main;

import java.util.regex.Pattern;

/**
 * The {@code main()} of each benchmark class: JMH's own command line, restricted to that class (so
 * {@code -l}, {@code -lp}, {@code -p}, {@code -prof}, … work as usual). The forked JVMs inherit this JVM's
 * arguments, so start it with the project argfile:
 * {@code java @config/jvm.args -cp bench/target/benchmarks.jar io.chum.bench.HashBenchmark -p size=1024}.
 */
final class BenchRunner {
    private BenchRunner() {
    }

    static void run(final Class<?> benchmarks, final String[] args) throws Exception {
        final String[] withInclude = new String[args.length + 1];
        withInclude[0] = "^" + Pattern.quote(benchmarks.getName()) + "\\.";
        System.arraycopy(args, 0, withInclude, 1, args.length);
        Main.main(withInclude);
    }
}
