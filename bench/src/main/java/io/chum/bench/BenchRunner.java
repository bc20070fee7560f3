package io.chum.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.regex.Pattern;

/**
 * Runs the benchmarks of one class with JMH command-line options, for the {@code main()} of each benchmark
 * class. The forked JVMs inherit this JVM's arguments, so start it with the project argfile:
 * {@code java @config/jvm.args -cp bench/target/benchmarks.jar io.chum.bench.HashBenchmark -f 1}.
 */
final class BenchRunner {
    private BenchRunner() {
    }

    static void run(final Class<?> benchmarks, final String[] args) throws CommandLineOptionException,
        RunnerException {
        new Runner(new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include("^" + Pattern.quote(benchmarks.getName()) + "\\.")
            .build()).run();
    }
}
