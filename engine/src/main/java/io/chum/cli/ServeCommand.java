package io.chum.cli;

import io.chum.identity.LocalIdentity;
import io.chum.identity.TlsConfig;
import io.chum.store.OneStore;
import io.chum.sync.ChumLog;
import io.chum.sync.ChumResult;
import io.chum.sync.ChumServer;
import io.chum.transport.ServerLimits;
import io.chum.transport.TcpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/** {@code chum serve}: accepts chums from trusted peers over TLS until SIGTERM. */
final class ServeCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("serve")
        .description(
            "Accepts chums from trusted peers (TLS 1.3, mutual authentication) until SIGTERM or SIGINT.",
            "A peer must present a key trusted with 'chum trust'; its person is the person that key is trusted for. "
                + "Prints 'chum: serving … on HOST:PORT' on stderr once listening, then one summary per finished chum "
                + "on stdout. keepRunning chums need --keep-running on both sides. On SIGTERM/SIGINT running chums are "
                + "stopped cleanly (their summaries printed) and the command exits 0.")
        .required("--listen", "HOST:PORT", "Where to listen, e.g. 127.0.0.1:7600 (port 0 picks a free port).")
        .flag("--keep-running", "Accept keepRunning chums (they run until either side stops).")
        .add(NotificationDelayOption.OPTION)
        .option("--max-connections", "N", 64, "Most connections at once; more are refused (default ${DEFAULT-VALUE}).")
        .footer(
            "", "Example:", "  chum serve --store /tmp/bob --listen 127.0.0.1:7600 --keep-running --json")
        .build();

    /** How long stopped chums get to end cleanly before the server closes their connections. */
    private static final long STOP_GRACE_NANOS = 30_000_000_000L;

    private final CommonOptions common;
    private final String listen;
    private final boolean keepRunning;
    private final int notificationDelay;
    private final int maxConnections;

    ServeCommand(final CommonOptions common) {
        this.common = common;
        this.listen = common.args().value("--listen");
        this.keepRunning = common.args().has("--keep-running");
        this.notificationDelay = NotificationDelayOption.millis(common.args());
        this.maxConnections = common.args().intValueAtLeast("--max-connections", 1);
    }

    @Override
    public void run() {
        final HostPort address = HostPort.parse(listen);
        final Output out = common.output();
        try (OneStore store = common.openStore()) {
            final LocalIdentity identity = LocalIdentity.load(store);
            for (final ChumResult recovered : ChumLog.recoverInterrupted(store)) {
                printSummary(out, recovered);
            }
            final ChumServer chums = new ChumServer(store, identity,
                b -> b.keepRunning(keepRunning).maxNotificationDelay(notificationDelay),
                result -> printSummary(out, result),
                error -> logger().warn("chum failed: {}", error.getMessage()));
            final CountDownLatch stop = new CountDownLatch(1);
            Signals.onStop(stop::countDown);
            final TlsConfig tls = TlsConfig.forInstance(store.privateDirectory(), identity.keys());
            try (TcpServer server = TcpServer.start(address.host(), address.port(), tls, chums,
                    ServerLimits.defaults().withMaxConnections(maxConnections))) {
                common.err().println("chum: serving " + store.directory() + " as " + identity.email() + " ("
                    + identity.instanceName() + ") on " + new HostPort(address.host(), server.port()));
                common.err().flush();
                awaitQuietly(stop);
                common.err().println("chum: stopping: ending " + chums.runningChums() + " running chums");
                common.err().flush();
                chums.stopAll();
                awaitIdle(chums);
            }
        }
    }

    static synchronized void printSummary(final Output out, final ChumResult result) {
        out.emit(result.toJson(), SyncCommand.describe(result));
    }

    /** Lets stopped chums end cleanly (and write their Chum objects) before the server closes. */
    private static void awaitIdle(final ChumServer chums) {
        final long deadline = System.nanoTime() + STOP_GRACE_NANOS;
        while (chums.runningChums() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Not a static field: every command's class is initialised when the command line is read, and the first logger
     * initialises the logging backend, which costs a command that never logs about 0.1 s (docs/benchmarks.md §7.3).
     */
    private static Logger logger() {
        return LoggerFactory.getLogger(ServeCommand.class);
    }
}
