/**
 * {@code chum demo}: two instances in a temporary directory, realistic sample data on both sides, grants in both
 * directions, a bidirectional chum over TLS on loopback, a keepRunning phase with measured write-to-arrival latency,
 * and checks of the outcome that do not trust the engine (what must have arrived and what must not is computed
 * from what the demo itself wrote and granted). {@link io.chum.cli.demo.Demo} runs it;
 * {@link io.chum.cli.demo.DemoReport} is its outcome.
 */
package io.chum.cli.demo;
