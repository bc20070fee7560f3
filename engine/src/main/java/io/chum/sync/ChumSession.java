package io.chum.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.access.RemoteAccess;
import io.chum.exporter.Exporter;
import io.chum.exporter.ExporterListener;
import io.chum.exporter.ExporterSettings;
import io.chum.exporter.SentBatch;
import io.chum.importer.CommittedBatch;
import io.chum.importer.ImportCommitter;
import io.chum.importer.Importer;
import io.chum.importer.ImporterListener;
import io.chum.model.Json;
import io.chum.protocol.Ack;
import io.chum.protocol.BatchEnd;
import io.chum.protocol.ChumProtocol;
import io.chum.protocol.DataChunk;
import io.chum.protocol.DataPack;
import io.chum.protocol.ErrorMessage;
import io.chum.protocol.Fin;
import io.chum.protocol.FinReason;
import io.chum.protocol.ForeignHello;
import io.chum.protocol.FullSyncAck;
import io.chum.protocol.Hello;
import io.chum.protocol.Message;
import io.chum.protocol.MessageCodec;
import io.chum.protocol.MessageType;
import io.chum.protocol.Offer;
import io.chum.protocol.Ping;
import io.chum.protocol.Pong;
import io.chum.protocol.Progress;
import io.chum.protocol.ProtocolLimits;
import io.chum.protocol.Want;
import io.chum.store.OneStore;
import io.chum.transport.Connection;
import io.chum.transport.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One chum over one connection (docs/protocol.md §5, §10): the handshake, the dispatch of incoming frames to the
 * importer and the exporter, the ending, and the Chum object.
 *
 * <p><b>Threads.</b> Three per chum: the <em>reader</em> ({@code chum-reader-N}) sends HELLO, reads the peer's,
 * logs START, starts the other two, then receives every frame and dispatches it by type — session messages here,
 * {@code 0x1_} to the {@link Importer} (which runs on this thread), {@code 0x2_} to the {@link Exporter}'s inbox —
 * and when the connection has ended it waits for the others, logs END and stores the Chum object. The
 * <em>exporter</em> ({@code chum-exporter-N}) and the <em>importer's commit thread</em> ({@code chum-importer-N})
 * report through the listener methods here.
 *
 * <p><b>Shared state.</b> The flags that decide the ending and full sync are guarded by {@code lock}; the roles
 * and the session id are written once by the reader before the other threads start (volatile); counters are
 * atomic. Listeners (full sync, progress) are called outside the lock.
 *
 * <p><b>Ending.</b> Normally when FIN was sent and received, every batch the exporter offered is acknowledged and
 * every batch offered to the importer is committed: then the side closes the connection. A fatal error (local or the
 * peer's ERROR) is recorded, sent to the peer if it is local, the roles are aborted and the connection closed. A
 * connection that ends before the normal end is {@code CS-CONN-CLOSED} (or the transport's code). Either way the
 * reader then derives the Chum object from the log, stores it and logs END ({@link ChumLog#storeChumThenEnd}).
 */
final class ChumSession implements ChumApi, ExporterListener, ImporterListener {
    private static final Logger LOG = LoggerFactory.getLogger(ChumSession.class);
    private static final long TICK_MILLIS = 100;
    private static final long JOIN_MILLIS = 30_000;
    private static final String SOFTWARE = "chum-sync 0.1.0";
    private static final AtomicLong COUNTER = new AtomicLong();

    private final ChumSyncOptions options;
    private final OneStore store;
    private final Connection connection;
    private final MessageLink link;
    private final long number = COUNTER.incrementAndGet();
    private final Thread reader;
    private final CompletableFuture<ChumResult> result = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();

    private final AtomicLong sentEntries = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong offeredEntries = new AtomicLong();
    private final AtomicLong probedEntries = new AtomicLong();
    private final AtomicLong offeredBytes = new AtomicLong();
    private final AtomicLong receivedEntries = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private final AtomicLong exists = new AtomicLong();
    private final AtomicLong existsLogged = new AtomicLong();
    private final AtomicLong invalidFrames = new AtomicLong();
    private volatile long remoteTotalEntries;
    private volatile long remoteTotalBytes;

    private final Object lock = new Object();
    // ---- guarded by lock ----
    private boolean exporterFullSync;
    private boolean importerFullSync;
    private long remoteSnapshotTimestamp;
    private FullSync fullSync;
    private final List<Consumer<FullSync>> fullSyncListeners = new ArrayList<>();
    private boolean finSent;
    private boolean finReceived;
    private boolean exporterFinished;
    private boolean importerDrained;
    private boolean closing;
    private ChumException fatal;
    private boolean stopRequested;
    private long stopDeadline;
    private Exporter exporter;

    // ---- written by the reader thread before the other threads start ----
    private volatile long sessionId = -1;
    private volatile boolean keepRunning;
    private volatile ImportCommitter committer;
    private Importer importer;
    /** The received lists of the Chum object, built as the store applies this chum's imports; reader thread only. */
    private ChumLog.LiveReceived liveReceived;
    private Thread exporterThread;
    private Thread committerThread;

    ChumSession(final ChumSyncOptions options) {
        this.options = options;
        this.store = options.store();
        this.connection = options.connection();
        this.link = new MessageLink(connection);
        this.reader = new Thread(this::runReader, "chum-reader-" + number);
        this.reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    // ---- ChumApi ----

    @Override
    public CompletableFuture<ChumResult> result() {
        return result;
    }

    @Override
    public void onFullSync(final Consumer<FullSync> listener) {
        final FullSync now;
        synchronized (lock) {
            now = fullSync;
            if (now == null) {
                fullSyncListeners.add(listener);
            }
        }
        if (now != null) {
            call(listener, now);
        }
    }

    @Override
    public boolean isFullSync() {
        synchronized (lock) {
            return fullSync != null;
        }
    }

    @Override
    public void stop() {
        final Exporter e;
        synchronized (lock) {
            stopRequested = true;
            e = exporter;
        }
        if (e != null) {
            e.requestStop();
        }
    }

    @Override
    public void abort() {
        // CS-INTERRUPTED is never sent (protocol.md §11): the peer sees the connection end
        fail(new ChumException(ErrorCode.INTERRUPTED, "aborted before it was done"), false);
    }

    @Override
    public ChumProgress progress() {
        return new ChumProgress(sentEntries.get(), sentBytes.get(), offeredEntries.get(), offeredBytes.get(),
            receivedEntries.get(), receivedBytes.get(), remoteTotalEntries, remoteTotalBytes, exists.get(),
            isFullSync(), probedEntries.get());
    }

    // ---- the reader thread ----

    private void runReader() {
        ChumException connectionEnd = null;
        try {
            if (handshake()) {
                connectionEnd = receiveLoop();
            }
        } catch (final RuntimeException | Error e) {
            fail(new ChumException(ErrorCode.INTERNAL, "the chum reader failed: " + e, e), true);
        } finally {
            finish(connectionEnd);
        }
    }

    /** Exchanges HELLOs and starts the roles; false if the chum failed (already recorded). */
    private boolean handshake() {
        final long cursor;
        try {
            cursor = ChumLog.cursorFor(store, options.remotePersonId(), connection.peerKey().hex());
            link.send(new Hello(options.localPersonId(), options.localInstanceName(), options.chumName(),
                options.keepRunning(), options.maxNotificationDelay(), cursor, System.currentTimeMillis(),
                SOFTWARE));
        } catch (final ChumException e) {
            fail(e, false);
            return false;
        }
        final long deadline = System.nanoTime() + options.handshakeTimeout().toNanos();
        while (true) {
            final Frame frame;
            try {
                frame = connection.receive(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (final ChumException e) {
                fail(connectionEnded(e), false);
                return false;
            }
            if (frame == null) {
                if (System.nanoTime() - deadline >= 0) {
                    fail(new ChumException(ErrorCode.TIMEOUT, "no HELLO from " + connection.remoteAddress()
                        + " within " + options.handshakeTimeout().toMillis() + " ms"), true);
                    return false;
                }
                continue;
            }
            try {
                final Message m = decode(frame);
                if (m instanceof ErrorMessage e) {
                    if (e.fatal()) {
                        remoteFailure(e);
                        return false;
                    }
                    recordError(new ChumError(e.code(), e.message(), true));
                    continue;
                }
                if (m instanceof ForeignHello f) {
                    throw new ChumException(ErrorCode.PROTOCOL_MISMATCH, "the peer speaks chum protocol version "
                        + f.versionText() + ", this side speaks " + ChumProtocol.PROTOCOL_VERSION);
                }
                if (!(m instanceof Hello hello)) {
                    throw new ChumException(ErrorCode.PROTOCOL, "expected HELLO first, got "
                        + MessageType.name(m.frameType()));
                }
                accept(hello, cursor);
                return true;
            } catch (final ChumException e) {
                fail(e, true);
                return false;
            }
        }
    }

    /** Checks the peer's HELLO, logs START and starts the exporter and the commit thread. */
    private void accept(final Hello hello, final long cursor) {
        if (!hello.personId().equals(options.remotePersonId())) {
            throw new ChumException(ErrorCode.IMPERSONATION, "the peer at " + connection.remoteAddress()
                + " claims person " + hello.personId() + ", but this chum is with " + options.remotePersonId());
        }
        final String ours = options.chumName();
        final String theirs = hello.chumName();
        if (!ours.isEmpty() && !theirs.isEmpty() && !ours.equals(theirs)) {
            throw new ChumException(ErrorCode.BAD_OPTIONS, "the peer names the chum \"" + theirs + "\", this side \""
                + ours + "\"");
        }
        if (options.remoteInstanceName() != null && !options.remoteInstanceName().equals(hello.instanceName())) {
            throw new ChumException(ErrorCode.BAD_OPTIONS, "the peer's instance is \"" + hello.instanceName()
                + "\", expected \"" + options.remoteInstanceName() + "\"");
        }
        final String name = !ours.isEmpty() ? ours : !theirs.isEmpty() ? theirs : ChumSyncOptions.DEFAULT_CHUM_NAME;
        keepRunning = options.keepRunning() && hello.keepRunning();
        if (options.keepRunning() && !hello.keepRunning()) {
            // Both sides must ask (protocol.md 5.2); say so, or a keepRunning sync seems to end for no reason.
            LOG.info("{} ({}) does not keep chums running: this one ends after both full syncs", hello.instanceName(),
                connection.remoteAddress());
        }
        final long id = ChumLog.appendStart(store, new ChumLog.Start(name, options.localInstanceName(),
            hello.instanceName(), options.localPersonId(), options.remotePersonId(), connection.peerKey().hex(),
            keepRunning, options.maxNotificationDelay(), cursor));
        sessionId = id;
        liveReceived = new ChumLog.LiveReceived(store, id);
        final ImportCommitter c = new ImportCommitter(store, link, this, id);
        committer = c;
        importer = new Importer(store, link, c, this, id, ExporterSettings.DEFAULT_MAX_OBJECT_BYTES);
        final Exporter e = new Exporter(store, link, RemoteAccess.atStart(store, options.remotePersonId()),
            new ExporterSettings(id, keepRunning, hello.maxNotificationDelayMs(), hello.cursor(),
                options.windowBatches(), ProtocolLimits.DEFAULT, ExporterSettings.DEFAULT_MAX_OBJECT_BYTES,
                ExporterSettings.DEFAULT_MAX_QUEUED_BYTES), this);
        committerThread = new Thread(c, "chum-importer-" + number);
        exporterThread = new Thread(e, "chum-exporter-" + number);
        committerThread.setDaemon(true);
        exporterThread.setDaemon(true);
        final boolean stop;
        synchronized (lock) {
            exporter = e;
            stop = stopRequested;
        }
        committerThread.start();
        exporterThread.start();
        if (stop) {
            e.requestStop();
        }
        LOG.debug("chum {} \"{}\" with {} ({}) started, keepRunning={}", id, name, hello.instanceName(),
            connection.remoteAddress(), keepRunning);
    }

    /** Receives and dispatches until the connection ends; returns why it ended. */
    private ChumException receiveLoop() {
        while (true) {
            final Frame frame;
            try {
                frame = connection.receive(TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (final ChumException e) {
                return e;
            }
            if (frame == null) {
                checkStopDeadline();
                continue;
            }
            if (isEnding()) {
                // After a fatal error or the normal end nothing more is handled; the rest is drained.
                continue;
            }
            final Message message;
            try {
                message = decode(frame);
            } catch (final ChumException e) {
                fail(e, true);
                continue;
            }
            try {
                dispatch(message);
            } catch (final ChumException e) {
                if (e.errorCode() == ErrorCode.PROTOCOL) {
                    // Well-formed but out of sequence: an invalid request all the same.
                    invalidFrames.incrementAndGet();
                }
                fail(e, true);
            }
        }
    }

    private Message decode(final Frame frame) {
        try {
            return MessageCodec.decode((byte) frame.type(), frame.payloadArray(), 0, frame.payloadLength());
        } catch (final ChumException e) {
            invalidFrames.incrementAndGet();
            throw e;
        }
    }

    private void dispatch(final Message m) {
        if (m instanceof Offer o) {
            importer.onOffer(o);
        } else if (m instanceof DataPack p) {
            importer.onDataPack(p);
        } else if (m instanceof DataChunk d) {
            importer.onData(d);
        } else if (m instanceof BatchEnd b) {
            importer.onBatchEnd(b);
        } else if (m instanceof io.chum.protocol.FullSync f) {
            importer.onFullSync(f);
        } else if (m instanceof Progress p) {
            importer.onProgress(p.totalObjects(), p.totalBytes());
        } else if (m instanceof Want || m instanceof Ack || m instanceof FullSyncAck) {
            exporterOrFail().deliver(m);
        } else if (m instanceof Fin f) {
            onPeerFin(f);
        } else if (m instanceof ErrorMessage e) {
            if (e.fatal()) {
                remoteFailure(e);
            } else {
                recordError(new ChumError(e.code(), e.message(), true));
            }
        } else if (m instanceof Ping p) {
            link.send(new Pong(p.payload()));
        } else if (m instanceof Hello || m instanceof ForeignHello) {
            throw new ChumException(ErrorCode.PROTOCOL, "a second HELLO");
        }
        // PONG: nothing to do (this side sends no PING; the transport keeps idle connections alive).
    }

    private Exporter exporterOrFail() {
        synchronized (lock) {
            return exporter;
        }
    }

    private void onPeerFin(final Fin fin) {
        synchronized (lock) {
            if (finReceived) {
                throw new ChumException(ErrorCode.PROTOCOL, "a second FIN");
            }
            finReceived = true;
        }
        importer.onPeerFin();
        if (fin.reason() == FinReason.STOPPING) {
            exporterOrFail().requestStop();
        }
        maybeClose();
    }

    private void checkStopDeadline() {
        final long deadline;
        synchronized (lock) {
            deadline = stopDeadline;
        }
        if (deadline != 0 && System.nanoTime() - deadline > 0 && !isEnding()) {
            fail(new ChumException(ErrorCode.TIMEOUT, "the peer did not end the chum within "
                + options.stopTimeout().toMillis() + " ms of FIN(STOPPING)"), true);
        }
    }

    // ---- ending ----

    private boolean isEnding() {
        synchronized (lock) {
            return fatal != null || closing;
        }
    }

    /** Closes the connection once both directions are done (the normal end). */
    private void maybeClose() {
        synchronized (lock) {
            if (closing || fatal != null || !(finSent && finReceived && exporterFinished && importerDrained)) {
                return;
            }
            closing = true;
        }
        connection.close("chum " + sessionId + " ended normally");
    }

    /** Ends the chum with a local error: records it, tells the peer (if {@code tell}), aborts and closes. */
    private void fail(final ChumException error, final boolean tell) {
        synchronized (lock) {
            if (fatal != null || closing) {
                LOG.debug("chum {}: after its end: {}", sessionId, error.getMessage());
                return;
            }
            fatal = error;
        }
        LOG.debug("chum {} failed: {}", sessionId, error.getMessage());
        recordError(new ChumError(error.code(), error.reason(), false));
        if (tell && connection.isOpen()) {
            try {
                link.send(ErrorMessage.of(error, true));
            } catch (final ChumException sendFailure) {
                // The connection closed meanwhile: the error is recorded; the peer sees the connection end.
                error.addSuppressed(sendFailure);
            }
        }
        abortRoles();
        connection.close("chum failed: " + error.code());
    }

    /**
     * Ends the chum with a role's failure. A send that failed because the connection has closed is left to the
     * reader: the peer may have sent its ERROR just before closing, and the reader reads that first, then the
     * connection's end, and records whichever comes first as the cause.
     */
    private void roleFailed(final ChumException error) {
        if (error.errorCode() == ErrorCode.CONNECTION_CLOSED && !connection.isOpen()) {
            LOG.debug("chum {}: a role stopped at the connection's end: {}", sessionId, error.getMessage());
            return;
        }
        fail(error, true);
    }

    /** Ends the chum with the peer's fatal ERROR. */
    private void remoteFailure(final ErrorMessage e) {
        final ErrorCode code = ErrorCode.fromCode(e.code());
        final ChumException error = new ChumException(code == ErrorCode.INTERNAL && !e.code().equals(
            ErrorCode.INTERNAL.code()) ? ErrorCode.REMOTE : code, "the peer ended the chum: " + e.code() + ": "
            + e.message());
        synchronized (lock) {
            if (fatal != null || closing) {
                return;
            }
            fatal = error;
        }
        recordError(new ChumError(e.code(), e.message(), true));
        abortRoles();
        connection.close("the peer ended the chum: " + e.code());
    }

    private void abortRoles() {
        final Exporter e;
        synchronized (lock) {
            e = exporter;
        }
        if (e != null) {
            e.abort();
        }
        final ImportCommitter c = committer;
        if (c != null) {
            c.abort();
        }
    }

    private static ChumException connectionEnded(final ChumException e) {
        return new ChumException(e.errorCode(), "the connection ended before the chum did: " + e.reason(), e);
    }

    /** Waits for the roles, decides how the chum ended, logs END and stores the Chum object. Reader thread. */
    private void finish(final ChumException connectionEnd) {
        final Exporter e;
        synchronized (lock) {
            e = exporter;
        }
        if (e != null) {
            e.inputEnded();
        }
        final ImportCommitter c = committer;
        if (c != null) {
            c.inputEnded();
        }
        join(exporterThread);
        join(committerThread);
        if (importer != null) {
            importer.abortUploads();
        }
        final ChumException failure;
        boolean record = false;
        synchronized (lock) {
            if (fatal == null && !(finSent && finReceived && exporterFinished && importerDrained)) {
                fatal = connectionEnd != null ? connectionEnded(connectionEnd)
                    : new ChumException(ErrorCode.CONNECTION_CLOSED, "the chum ended before it was done");
                record = true;
            }
            failure = fatal;
        }
        if (record) {
            recordError(new ChumError(failure.code(), failure.reason(), false));
        }
        connection.close(failure == null ? "chum ended" : "chum failed: " + failure.code());
        final long id = sessionId;
        if (id < 0) {
            result.completeExceptionally(failure != null ? failure
                : new ChumException(ErrorCode.INTERNAL, "the chum ended without a handshake"));
            return;
        }
        try {
            logExists();
            final ObjectNode stats = Json.object();
            stats.put("requestsSentTotal", connection.framesSent());
            stats.put("requestsReceivedTotal", connection.framesReceived());
            stats.put("requestsReceivedInvalid", invalidFrames.get());
            result.complete(ChumLog.storeChumThenEnd(store, id, failure != null ? "error" : keepRunning ? "stopped"
                : "done", millis(), stats, liveReceived));
        } catch (final RuntimeException | Error ex) {
            result.completeExceptionally(ChumException.wrap(ex, ErrorCode.IO));
        } finally {
            if (liveReceived != null) {
                liveReceived.close();
            }
            ChumLog.ended(store, id);
        }
    }

    private void join(final Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                fail(new ChumException(ErrorCode.INTERNAL, thread.getName() + " did not end within " + JOIN_MILLIS
                    + " ms of the connection's end"), false);
                abortRoles();
                thread.join(JOIN_MILLIS);
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            fail(new ChumException(ErrorCode.INTERRUPTED, "interrupted while waiting for " + thread.getName(), ex),
                false);
        }
    }

    private long millis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    // ---- errors and background failures ----

    private void recordError(final ChumError error) {
        final long id = sessionId;
        if (id >= 0) {
            ChumLog.appendError(store, id, error).whenComplete((index, t) -> {
                if (t != null) {
                    background(t);
                }
            });
        }
    }

    private void background(final Throwable t) {
        try {
            options.errorHandler().accept(t);
        } catch (final RuntimeException e) {
            e.addSuppressed(t);
            LOG.warn("the chum's error handler failed: {}", e.toString(), e);
        }
    }

    private void call(final Consumer<FullSync> listener, final FullSync event) {
        try {
            listener.accept(event);
        } catch (final RuntimeException e) {
            background(e);
        }
    }

    private void reportProgress() {
        try {
            options.progressListener().accept(progress());
        } catch (final RuntimeException e) {
            background(e);
        }
    }

    private void logExists() {
        final long total = exists.get();
        final long before = existsLogged.getAndSet(total);
        if (total > before) {
            ChumLog.appendExists(store, sessionId, total - before).whenComplete((index, t) -> {
                if (t != null) {
                    background(t);
                }
            });
        }
    }

    private void maybeFireFullSync() {
        final FullSync event;
        final List<Consumer<FullSync>> listeners;
        synchronized (lock) {
            if (fullSync != null || !exporterFullSync || !importerFullSync) {
                return;
            }
            fullSync = new FullSync(remoteSnapshotTimestamp, millis());
            event = fullSync;
            listeners = new ArrayList<>(fullSyncListeners);
            fullSyncListeners.clear();
        }
        for (final Consumer<FullSync> l : listeners) {
            call(l, event);
        }
    }

    // ---- ExporterListener (exporter thread) ----

    @Override
    public void exporterFullSync(final long snapshotTimestamp) {
        synchronized (lock) {
            exporterFullSync = true;
        }
        maybeFireFullSync();
    }

    @Override
    public void batchSent(final SentBatch batch) {
        sentEntries.addAndGet(batch.entries().size());
        sentBytes.addAndGet(batch.bytes());
        ChumLog.appendSent(store, sessionId, batch.entries()).whenComplete((index, t) -> {
            if (t != null) {
                background(t);
            }
        });
        reportProgress();
    }

    @Override
    public void probeSent(final int entries) {
        probedEntries.addAndGet(entries);
    }

    @Override
    public void batchOffered(final int entries, final long bytes) {
        offeredEntries.addAndGet(entries);
        offeredBytes.addAndGet(bytes);
    }

    @Override
    public void finSent(final FinReason reason) {
        synchronized (lock) {
            finSent = true;
            if (reason == FinReason.STOPPING) {
                stopDeadline = System.nanoTime() + options.stopTimeout().toNanos();
            }
        }
    }

    @Override
    public void exporterFinished() {
        synchronized (lock) {
            exporterFinished = true;
        }
        maybeClose();
    }

    @Override
    public void exporterFailed(final ChumException error) {
        roleFailed(error);
    }

    // ---- ImporterListener ----

    @Override
    public void entriesPresent(final int count) {
        exists.addAndGet(count);
    }

    @Override
    public void remoteProgress(final long totalEntries, final long totalBytes) {
        remoteTotalEntries = totalEntries;
        remoteTotalBytes = totalBytes;
    }

    @Override
    public void batchCommitted(final CommittedBatch batch) {
        receivedEntries.addAndGet(batch.stored());
        receivedBytes.addAndGet(batch.bytes());
        reportProgress();
    }

    @Override
    public void importerFullSync(final long snapshotTimestamp) {
        // In the log before FULL_SYNC_ACK tells the peer: the cursor of the next chum is read from it.
        ChumLog.appendFullSync(store, sessionId, snapshotTimestamp);
        logExists();
        synchronized (lock) {
            importerFullSync = true;
            remoteSnapshotTimestamp = snapshotTimestamp;
        }
        maybeFireFullSync();
    }

    @Override
    public void importerDrained() {
        synchronized (lock) {
            importerDrained = true;
        }
        maybeClose();
    }

    @Override
    public void importerFailed(final ChumException error) {
        roleFailed(error);
    }
}
