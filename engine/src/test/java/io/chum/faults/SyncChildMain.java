package io.chum.faults;

import io.chum.identity.LocalIdentity;
import io.chum.identity.TlsConfig;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import io.chum.store.TrustEntry;
import io.chum.sync.ChumApi;
import io.chum.sync.ChumLog;
import io.chum.sync.ChumResult;
import io.chum.sync.ChumSync;
import io.chum.sync.ChumSyncOptions;
import io.chum.transport.Connection;
import io.chum.transport.TcpTransport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code chum sync} with progress on stdout, in a process of its own, to be killed at a chosen moment: opens the store
 * given as first argument with the CLI's configuration, logs interrupted chums as the CLI does, connects to the
 * {@code chum serve} at the second argument ({@code HOST:PORT}) and runs one chum, printing
 * {@code PROGRESS <sent entries> <received entries>} at every acknowledged or committed batch and
 * {@code RESULT <summary JSON>} at the end. It pauses {@value #PAUSE_MILLIS} ms at every progress report (on the
 * chum's own thread): on a quiet machine a small chum would otherwise end between the progress line and the kill.
 */
public final class SyncChildMain {
    private static final long PAUSE_MILLIS = 250;

    private SyncChildMain() {
    }

    public static void main(final String[] args) throws Exception {
        final int colon = args[1].lastIndexOf(':');
        try (OneStore store = OneStore.open(Path.of(args[0]), StoreConfig.defaults())) {
            final LocalIdentity identity = LocalIdentity.load(store);
            for (final ChumResult r : ChumLog.recoverInterrupted(store)) {
                System.out.println("RECOVERED " + r.toJson());
            }
            final Connection connection = TcpTransport.connect(args[1].substring(0, colon),
                Integer.parseInt(args[1].substring(colon + 1)), TlsConfig.create(identity.keys()),
                Duration.ofSeconds(10));
            final TrustEntry peer = store.trustedKey(connection.peerKey().raw()).orElseThrow();
            final ChumApi chum = ChumSync.createChum(ChumSyncOptions.builder()
                .store(store)
                .connection(connection)
                .identity(identity)
                .remotePersonId(peer.person())
                .maxNotificationDelay(5)
                .errorHandler(t -> System.out.println("BACKGROUND " + t))
                .progressListener(p -> {
                    System.out.println("PROGRESS " + p.sentEntries() + " " + p.receivedEntries());
                    pause();
                })
                .build());
            System.out.println("STARTED");
            System.out.println("RESULT " + chum.result().join().toJson());
        }
    }

    /** Slows the chum down at every batch, so that a kill that follows a progress line finds it still running. */
    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
