package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.InstanceKeys;
import io.chum.identity.LocalIdentity;
import io.chum.identity.TlsConfig;
import io.chum.protocol.ErrorMessage;
import io.chum.protocol.MessageCodec;
import io.chum.protocol.ProtocolLimits;
import io.chum.store.OneStore;
import io.chum.store.TrustEntry;
import io.chum.sync.ChumApi;
import io.chum.sync.ChumError;
import io.chum.sync.ChumLog;
import io.chum.sync.ChumResult;
import io.chum.sync.ChumSync;
import io.chum.sync.ChumSyncOptions;
import io.chum.transport.Connection;
import io.chum.transport.Frame;
import io.chum.transport.TcpTransport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code chum sync}: runs one chum with a peer's {@code chum serve}. */
final class SyncCommand implements Runnable {
    static final CommandDef DEFINITION = CommonOptions.command("sync")
        .description(
            "Runs one chum with a peer's 'chum serve' over TLS 1.3 (both directions).",
            "Each side sends the other every object the other's person may access and does not have yet, then both "
                + "write a Chum object. The peer's key must be trusted ('chum trust'). Without --keep-running it "
                + "returns after both full syncs and prints the summary; with it, new objects keep flowing until "
                + "SIGTERM/SIGINT (or the peer stops); without it, SIGTERM/SIGINT aborts the chum, which then records "
                + "CS-INTERRUPTED (what was committed stays). Progress on stderr when it is a terminal. Exit 1 if the "
                + "chum recorded an error.")
        .required("--connect", "HOST:PORT", "The peer's 'chum serve'.")
        .flag("--keep-running", "Keep the chum open: new accessible objects flow until stopped.")
        .option("--name", "CHUM", ChumSyncOptions.DEFAULT_CHUM_NAME,
            "The chum's name (part of the Chum object's ID; default ${DEFAULT-VALUE}).")
        .add(NotificationDelayOption.OPTION)
        .footer(
            "", "Example:", "  chum sync --store /tmp/alice --connect 127.0.0.1:7600 --json")
        .build();

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final CommonOptions common;
    private final String connect;
    private final boolean keepRunning;
    private final String name;
    private final int notificationDelay;

    SyncCommand(final CommonOptions common) {
        this.common = common;
        this.connect = common.args().value("--connect");
        this.keepRunning = common.args().has("--keep-running");
        this.name = common.args().nameValue("--name", ProtocolLimits.DEFAULT.maxStringBytes());
        this.notificationDelay = NotificationDelayOption.millis(common.args());
    }

    @Override
    public void run() {
        final HostPort address = HostPort.parse(connect);
        // The TLS handshake needs only the keys, and opening the store (a second or more for a large one) needs
        // nothing from the peer: both run at once, the handshake on a thread of its own.
        final CompletableFuture<Connected> connecting = startConnecting(address,
            OneStore.privateDirectoryOf(common.storeDir()));
        final ChumResult result;
        try (OneStore store = openStore(connecting)) {
            final Connected connected = awaitConnection(connecting, store);
            final Connection connection = connected.connection();
            final LocalIdentity identity;
            try {
                identity = LocalIdentity.load(store, connected.keys());
                ChumLog.recoverInterrupted(store);
            } catch (final RuntimeException e) {
                connection.close("sync failed before the chum started");
                throw e;
            }
            final TrustEntry peer = trustedPeer(store, connection);
            try (Progress progress = Progress.onStderr(common.err(), "sync")) {
                final ChumApi chum = ChumSync.createChum(ChumSyncOptions.builder()
                    .store(store)
                    .connection(connection)
                    .identity(identity)
                    .remotePersonId(peer.person())
                    .chumName(name)
                    .keepRunning(keepRunning)
                    .maxNotificationDelay(notificationDelay)
                    .progressListener(p -> {
                        progress.totals(p.offeredEntries() + p.remoteTotalEntries(),
                            p.offeredBytes() + p.remoteTotalBytes());
                        progress.update(p.sentEntries() + p.receivedEntries(), p.sentBytes() + p.receivedBytes());
                    })
                    .build());
                // keepRunning ends cleanly on a stop; a one-shot chum would run to its end, so it is aborted and logged
                Signals.onStop(keepRunning ? chum::stop : chum::abort);
                result = await(chum);
            }
        }
        common.output().emit(result.toJson(), describe(result));
        if (!result.ok()) {
            final ChumError first = result.errors().get(0);
            throw new ChumException(ErrorCode.fromCode(first.code()), "the chum ended with " + result.errors().size()
                + " error(s), first: " + first.message());
        }
    }

    /** A TLS connection to the peer and the instance keys it was made with. */
    private record Connected(InstanceKeys keys, Connection connection) {
    }

    private static CompletableFuture<Connected> startConnecting(final HostPort address, final Path privateDir) {
        return CompletableFuture.supplyAsync(() -> {
            final InstanceKeys keys = InstanceKeys.load(privateDir);
            return new Connected(keys, TcpTransport.connect(address.host(), address.port(),
                TlsConfig.forInstance(privateDir, keys), CONNECT_TIMEOUT));
        }, task -> {
            final Thread t = new Thread(task, "chum-connect");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Opens the store; if that fails, the connection is closed once it is made, and the store's error is thrown. */
    private OneStore openStore(final CompletableFuture<Connected> connecting) {
        try {
            return common.openStore();
        } catch (final RuntimeException e) {
            connecting.thenAccept(c -> c.connection().close("the local store did not open"));
            throw e;
        }
    }

    /**
     * The connection, once made. If making it failed, a store that was never initialised (and so has no keys to
     * connect with) is reported as such rather than as whatever the connection made of it.
     */
    private static Connected awaitConnection(final CompletableFuture<Connected> connecting, final OneStore store) {
        try {
            return connecting.join();
        } catch (final CompletionException e) {
            final ChumException failure = ChumException.wrap(e.getCause() != null ? e.getCause() : e, ErrorCode.IO);
            try {
                LocalIdentity.load(store);
            } catch (final ChumException identity) {
                identity.addSuppressed(failure);
                throw identity;
            }
            throw failure;
        }
    }

    /** The trust entry of the peer's key; refuses an untrusted server with a coded error before anything is sent. */
    private static TrustEntry trustedPeer(final OneStore store, final Connection connection) {
        return store.trustedKey(connection.peerKey().raw()).orElseThrow(() -> {
            final ChumException refused = new ChumException(ErrorCode.UNTRUSTED_PEER, "the key "
                + connection.peerKey().hex() + " of " + connection.remoteAddress() + " is not trusted by this store"
                + " (add it with 'chum trust')");
            final ErrorMessage error = ErrorMessage.of(refused, true);
            connection.send(Frame.wrap(error.frameType(), MessageCodec.encode(error)));
            connection.close("untrusted peer");
            return refused;
        });
    }

    private static ChumResult await(final ChumApi chum) {
        try {
            return chum.result().join();
        } catch (final CompletionException e) {
            throw ChumException.wrap(e.getCause() != null ? e.getCause() : e, ErrorCode.INTERNAL);
        }
    }

    /** A one-line human summary of a chum. */
    static String describe(final ChumResult r) {
        return "chum " + r.name() + " with " + r.remoteInstance() + ": sent " + r.sent().total() + ", received "
            + r.received().total() + ", already had " + r.exists() + ", "
            + (r.fullSync() ? "full sync" : "no full sync") + ", " + r.millis() + " ms"
            + (r.ok() ? "" : ", " + r.errors().size() + " error(s): " + r.errors().get(0).code());
    }
}
