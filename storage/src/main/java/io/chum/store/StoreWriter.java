package io.chum.store;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.Durability;
import io.chum.log.EventLog;
import io.chum.log.LogAppender;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.log.PayloadWriter;
import io.chum.model.RecipeRegistry;
import io.chum.projection.Checkpoint;
import io.chum.projection.Projections;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The single writer thread of a store ({@code chum-store-writer}): it owns the log appender and it alone applies
 * log events to the projections, in log order.
 *
 * <p>Callers hand it {@link WriteTask}s through a lock-free queue and wait on a future. The thread drains up to
 * {@value #MAX_BATCH} tasks at a time and runs them one after the other. Each append is followed at once by
 * applying the log up to it, in log order: any event another process appended in between is read and applied
 * first; when there is none, the appended event is applied as written, without reading it back. So a task sees
 * the projections as of its own last write, and a finished task's writes are visible to its caller
 * (read-your-writes). With {@link io.chum.log.Durability#GROUP_COMMIT} the drained batch is forced to disk once,
 * after its last task and before any of its futures completes; BLOB chunk tasks do not ask for a force, the
 * BLOB's commit does. While idle the thread keeps tailing (Agrona {@link BackoffIdleStrategy}, parking up to
 * {@link StoreConfig#maxIdlePark()} while an append watcher is registered, so other processes' writes show within
 * about a millisecond, and up to {@link StoreConfig#quietIdlePark()} otherwise), and it writes checkpoints when
 * due. A submitted task, a new append watcher and {@link #wake()} unpark it. After applying
 * new events (its own or another process's) it runs the append watchers, so tailers can wait without polling. Each
 * event it applies also goes to the origin watches of its origin ({@link OneStore#watchOrigin}), which are added
 * and removed by tasks, so only this thread touches their list.
 *
 * <p>On close it runs the tasks already queued, writes a final checkpoint if anything changed, and ends; tasks
 * submitted after that fail with {@code CS-CLOSED}. Errors no caller can receive (tailing a damaged record while
 * idle, a failed checkpoint) go to {@link StoreConfig#errorHandler()}, each distinct message once.
 */
final class StoreWriter {
    static final int MAX_BATCH = 256;
    private static final String THREAD_NAME = "chum-store-writer";

    private final EventLog log;
    private final StoreDirectory dir;
    private final StoreConfig config;
    private final RecipeRegistry registry;
    private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    /** Run after new events were applied ({@link OneStore#watchAppends}); registered from any thread. */
    private final List<Runnable> appendWatchers = new CopyOnWriteArrayList<>();
    /** Writer thread only: added and removed by tasks ({@link #watchOrigin}). */
    private final List<OriginListener> originWatches = new ArrayList<>();
    private final CompletableFuture<Projections> started = new CompletableFuture<>();
    private final Thread thread;
    /** Set by {@link #close()} (any thread), read by the writer loop and by submitters. */
    private volatile boolean closing;
    /** Set by the writer thread when it ends, read by submitters and BLOB uploads waiting for buffers. */
    private volatile boolean stopped;

    // ---- writer thread only ----
    private final List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
    private Projections projections;
    private LogTailer tailer;
    private LogAppender appender;
    private StoreReader reader;
    private Writes writes;
    private long appendCount;
    private long eventsAtCheckpoint;
    private long lastCheckpointNanos;
    /** The position the last checkpoint (written or loaded) covered, and whether records were read since. */
    private long positionAtCheckpoint;
    private boolean readSinceCheckpoint;
    private String lastReportedError;

    StoreWriter(final EventLog log, final StoreDirectory dir, final StoreConfig config,
                final RecipeRegistry registry) {
        this.log = log;
        this.dir = dir;
        this.config = config;
        this.registry = registry;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /** Starts the thread and waits until it has loaded the checkpoint and replayed the log; returns the projections. */
    Projections start() {
        thread.start();
        return join(started);
    }

    /** Runs {@code task} on the writer thread and returns its result; rethrows its {@link ChumException}. */
    <T> T call(final WriteTask<T> task, final boolean durable) {
        return join(submit(task, durable));
    }

    /** Queues {@code task}; the future completes after it ran and, if {@code durable}, its batch was forced. */
    <T> CompletableFuture<T> submit(final WriteTask<T> task, final boolean durable) {
        if (Thread.currentThread() == thread) {
            throw new ChumException(ErrorCode.INTERNAL, "a store write was called from the store's writer thread");
        }
        final Pending<T> p = new Pending<>(task, durable);
        if (closing) {
            p.future.completeExceptionally(closed());
            return p.future;
        }
        queue.add(p);
        LockSupport.unpark(thread);
        if (stopped) {
            failQueued();
        }
        return p.future;
    }

    void watchAppends(final Runnable watcher) {
        appendWatchers.add(watcher);
        wake();
    }

    /** Ends the writer's idle park now, so that it looks at the log (and at the append watchers) at once. */
    void wake() {
        LockSupport.unpark(thread);
    }

    void unwatchAppends(final Runnable watcher) {
        appendWatchers.remove(watcher);
    }

    /**
     * Registers {@code listener} for the events of {@code origin} applied from now on; returns once it is registered,
     * so it sees every such event appended after this call returns.
     */
    OneStore.OriginWatch watchOrigin(final long origin, final Consumer<LogEvent> listener) {
        final OriginListener watch = new OriginListener(origin, listener, this);
        call(writes -> originWatches.add(watch), false);
        return watch;
    }

    /** True once the thread has ended. */
    boolean isStopped() {
        return stopped;
    }

    /** Runs the queued tasks, writes a final checkpoint and ends the thread; waits for it. Idempotent. */
    void close() {
        closing = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- for tasks, on the writer thread ----

    /** Appends {@code event} and applies the log up to it; returns the event's index. */
    long append(final LogEvent event) {
        final LogAppender a = appender();
        final long index = a.append(event);
        appendCount++;
        if (tailer.position() == index) {
            // Nothing came before it since the last catch-up (no other process's record, no chunk): apply the event
            // as it was written instead of reading its bytes back, and leave looking further to the next catch-up.
            tailer.skip(index);
            apply(a.lastEvent());
            projections.advanceTo(tailer.position());
        } else {
            catchUp();
            if (tailer.position() <= index) {
                // Readers stop before the new record (Chronicle appended past a damaged stretch, as it does when a
                // cycle file was cut short behind its back): the write would succeed and never be read.
                throw new ChumException(ErrorCode.CORRUPT_RECORD, "log record 0x" + Long.toHexString(index)
                    + " was appended, but the log cannot be read past 0x" + Long.toHexString(tailer.position())
                    + " (a cycle file cut short?): nothing written to this store can be read until its log is"
                    + " restored from a backup");
            }
        }
        return index;
    }

    /** Starts a chunked payload (BLOB bytes). */
    PayloadWriter newPayload() {
        return appender().newPayload(-1);
    }

    /** Number of events this writer appended; tasks compare it before and after to tell NEW from EXISTS. */
    long appendCount() {
        return appendCount;
    }

    Projections projections() {
        return projections;
    }

    StoreReader reader() {
        return reader;
    }

    Writes writes() {
        return writes;
    }

    /**
     * Writes a checkpoint now; {@code CS-IO} if that fails. With group commit the log is forced first up to the
     * checkpoint's position, this process's appends and any records it read, so that the checkpoint never counts a
     * record a machine crash could take back: a log found shorter later was damaged (Checkpoint).
     */
    void checkpoint() {
        final boolean logForced = config.log().durability() == Durability.GROUP_COMMIT;
        if (logForced) {
            log.force();
            if (readSinceCheckpoint) {
                log.forceRecords(positionAtCheckpoint, projections.position());
            }
        }
        Checkpoint.write(dir.projections(), projections, log, logForced);
        eventsAtCheckpoint = projections.eventsApplied();
        lastCheckpointNanos = System.nanoTime();
        positionAtCheckpoint = projections.position();
        readSinceCheckpoint = false;
    }

    // ---- the thread ----

    private void run() {
        try {
            Checkpoint.deleteOrphans(dir.projections());
            projections = Checkpoint.load(dir.projections(), log, registry, config.errorHandler())
                .orElseGet(() -> Projections.empty(registry, config.errorHandler()));
            positionAtCheckpoint = projections.position();
            tailer = log.tailer(projections.position());
            reader = new StoreReader(log, projections.index(), log.reader());
            catchUp();
            writes = new Writes(this, registry, config.log().clock());
            lastCheckpointNanos = System.nanoTime();
            eventsAtCheckpoint = 0;
        } catch (final Throwable t) {
            stopped = true;
            closeResources();
            started.completeExceptionally(t);
            failQueued();
            return;
        }
        started.complete(projections);
        try {
            loop();
        } catch (final Throwable t) {
            config.errorHandler().onError(t);
        } finally {
            stopped = true;
            failQueued();
            closeResources();
        }
    }

    private void loop() {
        final IdleStrategy watched = idleStrategy(config.maxIdlePark());
        final IdleStrategy quiet = idleStrategy(config.quietIdlePark());
        IdleStrategy idle = quiet;
        while (true) {
            int work = runBatch();
            work += tailWhileIdle();
            maybeCheckpoint();
            if (closing && queue.isEmpty()) {
                break;
            }
            // Short parks only while a thread waits for new events: other processes' writes then show within about
            // maxIdlePark. Otherwise nobody needs them that soon, and the wake-ups are most of an idle server's CPU.
            final IdleStrategy next = appendWatchers.isEmpty() ? quiet : watched;
            if (next != idle) {
                next.reset();
                idle = next;
            }
            idle.idle(work);
        }
        if (projections.eventsApplied() > eventsAtCheckpoint) {
            try {
                checkpoint();
            } catch (final ChumException e) {
                config.errorHandler().onError(e);
            }
        }
    }

    /** Spins, yields, then parks from 1 µs doubling up to {@code maxPark}. */
    private static IdleStrategy idleStrategy(final Duration maxPark) {
        final long nanos = maxPark.toNanos();
        return new BackoffIdleStrategy(10, 10, Math.min(1_000, nanos), nanos);
    }

    private int runBatch() {
        batch.clear();
        for (Pending<?> p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        boolean force = false;
        final long applied = projections.eventsApplied();
        for (final Pending<?> p : batch) {
            p.run(this);
            force |= p.durable && p.failure == null;
        }
        // Before the force: a tailer may read the new records now, and waiting for the disk would add its latency.
        notifyIfApplied(applied);
        if (force) {
            try {
                appender().commitBatch();
            } catch (final RuntimeException e) {
                for (final Pending<?> p : batch) {
                    if (p.durable && p.failure == null) {
                        p.failure = e;
                    }
                }
            }
        }
        for (final Pending<?> p : batch) {
            p.complete();
        }
        return batch.size();
    }

    /** Applies every event now in the log. */
    void catchUp() {
        int applied = 0;
        for (LogEvent e = tailer.next(); e != null; e = tailer.next()) {
            apply(e);
            applied++;
        }
        if (applied > 0 || projections.position() != tailer.position()) {
            projections.advanceTo(tailer.position());
        }
        readSinceCheckpoint |= applied > 0;
    }

    private void apply(final LogEvent e) {
        projections.apply(e);
        for (int i = 0; i < originWatches.size(); i++) {
            originWatches.get(i).offer(e, config.errorHandler());
        }
    }

    private int tailWhileIdle() {
        final long before = projections.eventsApplied();
        try {
            catchUp();
            lastReportedError = null;
        } catch (final RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastReportedError)) {
                lastReportedError = String.valueOf(e.getMessage());
                config.errorHandler().onError(e);
            }
        }
        notifyIfApplied(before);
        return (int) Math.min(Integer.MAX_VALUE, projections.eventsApplied() - before);
    }

    private void notifyIfApplied(final long eventsBefore) {
        if (projections.eventsApplied() == eventsBefore) {
            return;
        }
        for (final Runnable w : appendWatchers) {
            try {
                w.run();
            } catch (final RuntimeException e) {
                config.errorHandler().onError(e);
            }
        }
    }

    private void maybeCheckpoint() {
        final long since = projections.eventsApplied() - eventsAtCheckpoint;
        if (since == 0 || since < config.checkpointEvents()
            && System.nanoTime() - lastCheckpointNanos < config.checkpointInterval().toNanos()) {
            return;
        }
        try {
            checkpoint();
        } catch (final ChumException e) {
            // retried when the next interval or event count is reached
            eventsAtCheckpoint = projections.eventsApplied();
            lastCheckpointNanos = System.nanoTime();
            config.errorHandler().onError(e);
        }
    }

    private LogAppender appender() {
        if (appender == null) {
            appender = log.appender();
        }
        return appender;
    }

    private void failQueued() {
        for (Pending<?> p = queue.poll(); p != null; p = queue.poll()) {
            p.future.completeExceptionally(closed());
        }
    }

    private void closeResources() {
        if (tailer != null) {
            tailer.close();
        }
        if (reader != null) {
            reader.close();
        }
    }

    private ChumException closed() {
        return new ChumException(ErrorCode.CLOSED, "the store in " + dir.root() + " is closed");
    }

    /** Waits for {@code future}; rethrows a {@link ChumException} as is, anything else as {@code CS-INTERNAL}. */
    static <T> T join(final CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (final CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    static RuntimeException rethrow(final Throwable cause) {
        if (cause instanceof ChumException c) {
            // a fresh exception keeps the caller's stack; the writer thread's is the cause
            return new ChumException(c.errorCode(), c.reason(), c);
        }
        if (cause instanceof ExecutionException || cause instanceof CompletionException) {
            return rethrow(cause.getCause());
        }
        return new ChumException(ErrorCode.INTERNAL, "store writer failed: " + cause, cause);
    }

    /**
     * An {@link OneStore.OriginWatch}. The writer thread calls {@link #offer}; {@link #close} may come from any thread
     * and removes it with a task, so once it returns the listener has finished and will not be called again.
     */
    private static final class OriginListener implements OneStore.OriginWatch {
        private final long origin;
        private final Consumer<LogEvent> listener;
        private final StoreWriter writer;
        /** Set by close (any thread); the writer skips a closed watch until the removal task runs. */
        private volatile boolean closed;
        /** Set on the writer thread when the listener threw: it missed that event. */
        private volatile boolean failed;

        OriginListener(final long origin, final Consumer<LogEvent> listener, final StoreWriter writer) {
            this.origin = origin;
            this.listener = listener;
            this.writer = writer;
        }

        void offer(final LogEvent e, final ErrorHandler errorHandler) {
            if (e.origin() != origin || closed || failed) {
                return;
            }
            try {
                listener.accept(e);
            } catch (final RuntimeException ex) {
                failed = true;
                errorHandler.onError(ex);
            }
        }

        @Override
        public boolean intact() {
            return !failed;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                writer.call(writes -> writer.originWatches.remove(this), false);
            } catch (final ChumException e) {
                // A closed store's writer has run its last task: it applies nothing more, so there is nothing to remove.
                if (e.errorCode() != ErrorCode.CLOSED) {
                    throw e;
                }
            }
        }
    }

    /** A queued task with its future and, once run, its outcome. */
    private static final class Pending<T> {
        final WriteTask<T> task;
        final boolean durable;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        Throwable failure;

        Pending(final WriteTask<T> task, final boolean durable) {
            this.task = task;
            this.durable = durable;
        }

        void run(final StoreWriter writer) {
            try {
                writer.catchUp();
                result = task.run(writer.writes());
            } catch (final Throwable t) {
                failure = t;
            }
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }
}
