package io.chum.sync;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.protocol.ErrorMessage;
import io.chum.protocol.MessageCodec;
import io.chum.store.OneStore;
import io.chum.store.TrustEntry;
import io.chum.transport.Connection;
import io.chum.transport.ConnectionHandler;
import io.chum.transport.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs one chum per accepted connection, e.g. as the {@link ConnectionHandler} of a
 * {@link io.chum.transport.TcpServer}. The peer's authenticated key decides who it is: it must be trusted in the
 * store ({@link OneStore#trustedKey}), whose trust entry names the remote person; an untrusted peer gets a fatal
 * {@code CS-UNTRUSTED} ERROR and nothing else. The chum name and the remote instance name are taken from the peer.
 *
 * <p><b>Isolation.</b> Each chum has its own session, threads and state; a chum that fails (or whose result
 * listener throws) ends alone, and its error goes to the error handler. {@link #handle} blocks the server's
 * connection thread until its chum has ended.
 *
 * <p>Thread-safe: {@link #handle} runs concurrently for many connections; {@link #stopAll} from any thread.
 */
public final class ChumServer implements ConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChumServer.class);
    private static final long REFUSAL_READ_MILLIS = 10_000;

    private final OneStore store;
    private final LocalIdentity identity;
    private final UnaryOperator<ChumSyncOptions.Builder> customize;
    private final Consumer<ChumResult> onResult;
    private final Consumer<Throwable> errorHandler;
    private final Set<ChumApi> running = ConcurrentHashMap.newKeySet();

    /**
     * @param store        the store to serve
     * @param identity     the store owner (local person and instance)
     * @param customize    sets the remaining options of each chum (keepRunning, maxNotificationDelay, …) on a builder
     *                     that has store, connection, identity and remote person already
     * @param onResult     receives the result of every chum that wrote a Chum object
     * @param errorHandler receives chums that failed before writing one, and failures of {@code onResult}
     */
    public ChumServer(final OneStore store, final LocalIdentity identity,
                      final UnaryOperator<ChumSyncOptions.Builder> customize, final Consumer<ChumResult> onResult,
                      final Consumer<Throwable> errorHandler) {
        this.store = Objects.requireNonNull(store, "store");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.customize = Objects.requireNonNull(customize, "customize");
        this.onResult = Objects.requireNonNull(onResult, "onResult");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
    }

    @Override
    public void handle(final Connection connection) {
        final Optional<TrustEntry> trust = store.trustedKey(connection.peerKey().raw());
        if (trust.isEmpty()) {
            refuse(connection);
            return;
        }
        final ChumSyncOptions options = customize.apply(ChumSyncOptions.builder()
                .store(store)
                .connection(connection)
                .identity(identity)
                .remotePersonId(trust.get().person())
                .errorHandler(errorHandler))
            .build();
        final ChumApi chum = ChumSync.createChum(options);
        running.add(chum);
        try {
            final ChumResult result = chum.result().join();
            onResult.accept(result);
        } catch (final CompletionException e) {
            errorHandler.accept(e.getCause() != null ? e.getCause() : e);
        } catch (final RuntimeException e) {
            errorHandler.accept(e);
        } finally {
            running.remove(chum);
        }
        LOG.debug("chum with {} ended", connection.remoteAddress());
    }

    /**
     * Tells an untrusted peer why it gets nothing. Its HELLO is read first (waiting at most
     * {@value #REFUSAL_READ_MILLIS} ms), so that closing does not reset the connection over unread data and lose the
     * ERROR on its way.
     */
    private void refuse(final Connection connection) {
        final ChumException refused = new ChumException(ErrorCode.UNTRUSTED_PEER, "the key "
            + connection.peerKey().hex() + " of " + connection.remoteAddress() + " is not trusted by this store");
        try {
            connection.receive(REFUSAL_READ_MILLIS, TimeUnit.MILLISECONDS);
            final ErrorMessage error = ErrorMessage.of(refused, true);
            connection.send(Frame.wrap(error.frameType(), MessageCodec.encode(error)));
        } catch (final ChumException e) {
            refused.addSuppressed(e);
        }
        connection.close("untrusted peer");
        errorHandler.accept(refused);
    }

    /** Stops every running chum (keepRunning chums end cleanly, the others end by themselves). */
    public void stopAll() {
        for (final ChumApi chum : running) {
            chum.stop();
        }
    }

    /** Chums running now. */
    public int runningChums() {
        return running.size();
    }
}
