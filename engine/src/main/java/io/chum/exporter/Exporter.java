package io.chum.exporter;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.access.AccessWatcher;
import io.chum.access.ClosureEntry;
import io.chum.access.ClosureWalker;
import io.chum.access.NodeSet;
import io.chum.access.RemoteAccess;
import io.chum.access.Root;
import io.chum.log.BlobWritten;
import io.chum.log.IdObjectWritten;
import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import io.chum.log.ObjectWritten;
import io.chum.model.CoreRecipes;
import io.chum.model.Sha256Value;
import io.chum.protocol.Ack;
import io.chum.protocol.ChumProtocol;
import io.chum.protocol.EntryKind;
import io.chum.protocol.Fin;
import io.chum.protocol.FinReason;
import io.chum.protocol.FullSync;
import io.chum.protocol.FullSyncAck;
import io.chum.protocol.Message;
import io.chum.protocol.MessageSink;
import io.chum.protocol.Offer;
import io.chum.protocol.OfferEntry;
import io.chum.protocol.Progress;
import io.chum.protocol.Want;
import io.chum.store.OneStore;
import io.chum.store.StoreReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The exporter of one chum (docs/protocol.md §6, §8, §9). {@link #run()} is the body of the chum's exporter thread:
 *
 * <ol>
 *   <li>snapshot S of the log and its timestamp; the roots: all accessible ones, or with a cursor those that
 *       became accessible since (an incremental chum);</li>
 *   <li>probe waves: the roots are offered as PROBEs; the children of what the importer lacks are probed in turn
 *       while it lacks a minority (one round trip per level), minus what lies in the closures of entries it has
 *       and, outside keepRunning's tail, minus BLOBs and CLOBs (their data batch's WANT asks the same);
 *       then the closures of the lacking roots are walked post-order and offered in data batches, skipping
 *       whatever the importer has;</li>
 *   <li>up to {@link ExporterSettings#windowBatches()} batches are outstanding at once, so round trips grow with
 *       the number of batches and levels, never with the number of objects; a WANT is answered at once with the
 *       data (see {@link DataSender});</li>
 *   <li>FULL_SYNC; then either (keepRunning) tail the log from S and offer what becomes accessible, flushed after
 *       the peer's notification delay or at once past {@link ChumProtocol#NOTIFICATION_FLUSH_ENTRIES}, small batches
 *       pushed with their data (no WANT), until a stop is requested — after catching up with everything written
 *       before it — or wait for FULL_SYNC_ACK;</li>
 *   <li>FIN, wait for the last acknowledgements (batches and FULL_SYNC), done.</li>
 * </ol>
 *
 * <p><b>Threading.</b> Everything runs on the exporter thread. The session's reader thread hands over WANT, ACK and
 * FULL_SYNC_ACK with {@link #deliver}; {@link #requestStop}, {@link #inputEnded} and {@link #abort} may be called from
 * any thread. They all go through one blocking queue (the inbox), which is the only state shared with other threads
 * besides two volatile flags. Every wait is a poll of the inbox with a timeout, so a stop or abort always wakes it.
 */
public final class Exporter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * keepRunning sleeps until the store says it applied new events ({@link OneStore#watchAppends}); this is only the
     * longest sleep, a safety net.
     */
    private static final long TAIL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int TAIL_EVENTS_PER_ROUND = 4096;
    /** At most this many fresh entries are remembered; then the set starts over (costing probes, never data). */
    private static final int MAX_FRESH = 100_000;

    private enum Signal { STOP, INPUT_ENDED, ABORT, APPENDED }

    private final OneStore store;
    private final MessageSink sink;
    private final RemoteAccess access;
    private final ExporterSettings settings;
    private final ExporterListener listener;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private volatile boolean stopRequested;
    private volatile boolean aborted;
    /** Set with {@link Signal#INPUT_ENDED}, for waits that do not read the inbox (backpressure). */
    private volatile boolean inputEnded;
    /** True while an {@link Signal#APPENDED} is in the inbox: the store's writer thread adds at most one. */
    private final AtomicBoolean appendSignalled = new AtomicBoolean();

    // ---- exporter thread only ----
    private ClosureWalker walker;
    /** Entries written after the snapshot (keepRunning): taken as lacking at the importer without a probe. */
    private NodeSet fresh = new NodeSet();
    private DataSender sender;
    private long nextBatchId = 1;
    private final ArrayDeque<OutgoingBatch> awaitingWant = new ArrayDeque<>();
    private final ArrayDeque<OutgoingBatch> awaitingAck = new ArrayDeque<>();
    private final List<OfferEntry> pendingEntries = new ArrayList<>();
    private final List<byte[]> pendingContents = new ArrayList<>();
    private long pendingBytes;
    private long snapshotTimestamp;
    private long fullSyncBatch = -1;
    private boolean fullSyncAcked;
    private long offeredEntries;
    private long offeredBytes;
    /**
     * Entries the importer has (a probe said so) whose references are not yet marked present: see
     * {@link #expandPresent}. Objects and ID objects only; BLOBs and CLOBs reference nothing.
     */
    private final ArrayDeque<Root> presentToExpand = new ArrayDeque<>();
    /** True once keepRunning tails the log after the full sync: small data batches are pushed ({@link #offer}). */
    private boolean tailing;
    /** When keepRunning last offered what it saw (exporter thread only). */
    private long lastFlushNanos;
    /**
     * Whether the importer is expected to lack most of what it is offered (a first sync): then a level where it lacks
     * more than half ends the probing and the rest of the closure is offered unprobed. After that (a chum with a
     * cursor, keepRunning) every level is probed: new versions of directories mostly reference entries the
     * importer has, and offering those unprobed costs a lookup and an offer entry each.
     */
    private boolean mostlyLacking;

    public Exporter(final OneStore store, final MessageSink sink, final RemoteAccess access,
                    final ExporterSettings settings, final ExporterListener listener) {
        this.store = store;
        this.sink = sink;
        this.access = access;
        this.settings = settings;
        this.listener = listener;
    }

    /** Hands over a WANT, ACK or FULL_SYNC_ACK from the peer's importer. Any thread. */
    public void deliver(final Message message) {
        if (!(message instanceof Want || message instanceof Ack || message instanceof FullSyncAck)) {
            throw new IllegalArgumentException("not a message for the exporter: " + message);
        }
        inbox.add(message);
    }

    /**
     * Asks a keepRunning exporter to end: it offers everything written to the store before this call, then sends
     * FIN(STOPPING). An exporter that does not keep running ends on its own after full sync. Any thread.
     */
    public void requestStop() {
        stopRequested = true;
        inbox.add(Signal.STOP);
    }

    /** Tells the exporter that nothing more will arrive from the peer: it ends after the messages it holds. */
    public void inputEnded() {
        inputEnded = true;
        inbox.add(Signal.INPUT_ENDED);
    }

    /** Ends the exporter as soon as possible, without sending anything more. Any thread. */
    public void abort() {
        aborted = true;
        inbox.add(Signal.ABORT);
    }

    @Override
    public void run() {
        try (StoreReader reader = store.newReader()) {
            walker = new ClosureWalker(reader, settings.maxObjectBytes());
            sender = new DataSender(reader, sink, settings.limits(), settings.maxQueuedBytes(),
                () -> aborted || inputEnded);
            export();
        } catch (final ExporterEnded e) {
            // The session is ending the chum; it records why.
        } catch (final ChumException e) {
            listener.exporterFailed(e);
        } catch (final RuntimeException | Error e) {
            listener.exporterFailed(new ChumException(ErrorCode.INTERNAL, "the exporter failed: " + e, e));
        }
    }

    private void export() {
        // The clock first: every record after the end read next is at least this old (OneStore.lastTimestamp).
        snapshotTimestamp = store.lastTimestamp();
        final long snapshot = store.logEnd();
        access.awaitProjected(snapshot);
        final long cursor = settings.cursor();
        final boolean incremental = cursor > 0 && cursor <= snapshotTimestamp;
        final List<Root> roots = incremental
            ? access.rootsBetween(store.positionAt(cursor), snapshot) : access.fullRoots();
        final AccessWatcher watcher = settings.keepRunning() ? access.watcher() : null;
        // Only a first sync expects an importer that lacks most of a tree; from then on it mostly has it.
        mostlyLacking = !incremental;
        offerRoots(roots);
        mostlyLacking = false;
        fullSyncBatch = nextBatchId - 1;
        sink.send(new FullSync(snapshotTimestamp, fullSyncBatch));
        final FinReason reason;
        if (watcher != null) {
            tail(snapshot, watcher);
            reason = FinReason.STOPPING;
        } else {
            while (!fullSyncAcked) {
                pump(POLL_NANOS);
            }
            reason = FinReason.DONE;
        }
        sink.send(reason == FinReason.DONE ? Fin.DONE : Fin.STOPPING);
        listener.finSent(reason);
        // Also FULL_SYNC_ACK (keepRunning does not wait for it earlier): the peer's last message to this exporter,
        // which must arrive before the connection may close.
        while (outstanding() > 0 || !fullSyncAcked) {
            pump(POLL_NANOS);
        }
        listener.exporterFinished();
    }

    // ---- keepRunning ----

    private void tail(final long from, final AccessWatcher watcher) {
        final long delay = TimeUnit.MILLISECONDS.toNanos(settings.notificationDelayMs());
        final Set<Root> pending = new LinkedHashSet<>();
        long due = 0;
        // The delay spaces notifications; it does not hold back the first write after a quiet spell.
        lastFlushNanos = System.nanoTime() - delay;
        tailing = true;
        try (LogTailer tailer = store.tailer(from); OneStore.AppendWatch ignored = store.watchAppends(this::appended)) {
            while (true) {
                // Read the flag before catching up: everything written before stop() is in the log by now.
                final boolean stopping = stopRequested;
                boolean caughtUp = false;
                for (int n = 0; n < TAIL_EVENTS_PER_ROUND; n++) {
                    final LogEvent e = tailer.next();
                    if (e == null) {
                        caughtUp = true;
                        break;
                    }
                    noteFresh(e);
                    final boolean wasEmpty = pending.isEmpty();
                    watcher.onEvent(e, pending);
                    if (wasEmpty && !pending.isEmpty()) {
                        // Due a delay after the last notification, or at once (after this round) if that is past.
                        due = Math.max(System.nanoTime(), lastFlushNanos + delay);
                    }
                    if (pending.size() >= ChumProtocol.NOTIFICATION_FLUSH_ENTRIES) {
                        flush(pending);
                    }
                }
                if (stopping && caughtUp) {
                    flush(pending);
                    return;
                }
                long wait = caughtUp ? TAIL_POLL_NANOS : 0;
                if (!pending.isEmpty()) {
                    final long untilDue = due - System.nanoTime();
                    if (untilDue <= 0) {
                        flush(pending);
                    } else {
                        wait = Math.min(wait, untilDue);
                    }
                }
                pump(wait);
            }
        }
    }

    /** The store applied new events: wakes the tail loop. Called on the store's writer thread; never blocks. */
    private void appended() {
        if (appendSignalled.compareAndSet(false, true)) {
            inbox.add(Signal.APPENDED);
        }
    }

    private void flush(final Set<Root> pending) {
        if (!pending.isEmpty()) {
            lastFlushNanos = System.nanoTime();
            final List<Root> roots = new ArrayList<>(pending);
            pending.clear();
            offerRoots(roots);
        }
    }

    // ---- probing and offering ----

    /**
     * Offers the closures of {@code roots} that the importer lacks. Probe waves find out what it has: first the
     * roots, then, level by level, the children of what it lacks; in a first sync only as long as it lacks no more
     * than half of a probed level (an importer that lacks most of it gets everything offered without further
     * probing), otherwise down to the leaves ({@link #mostlyLacking}). Entries written
     * to the store after the snapshot are taken as lacking without asking (the importer can hardly have them), so a
     * new write in keepRunning mode costs no probe round trip. BLOBs and CLOBs outside the tail are never probed
     * ({@link #worthProbing}): such a root is taken as lacking, and such children are left to the walk.
     * Then the closures of the lacking roots are walked and offered; whatever a probe found present is skipped with
     * its closure.
     */
    private void offerRoots(final List<Root> roots) {
        final List<Root> start = unsettled(roots, Set.of());
        List<Root> frontier = start;
        final Set<Root> lackingSeen = new LinkedHashSet<>();
        boolean first = true;
        while (!frontier.isEmpty()) {
            final List<Root> toProbe = new ArrayList<>();
            final List<Root> lacking = new ArrayList<>();
            for (final Root r : frontier) {
                (fresh.contains(r.kind(), r.hash()) || !worthProbing(r) ? lacking : toProbe).add(r);
            }
            final List<Root> probedLacking = toProbe.isEmpty() ? List.of() : probe(toProbe);
            lacking.addAll(probedLacking);
            lackingSeen.addAll(lacking);
            if (lacking.isEmpty()
                    || mostlyLacking && !first && probedLacking.size() * 2 > toProbe.size() && !toProbe.isEmpty()) {
                break;
            }
            // Children not worth probing (BLOBs and CLOBs outside the tail) reference nothing: the walk finds those
            // the importer lacks, so they need not be looked at here. In an incremental chum they are most of a
            // directory's references (a million at a million objects).
            final List<Root> children = new ArrayList<>();
            long childCount = 0;
            for (final Root r : lacking) {
                for (final Root c : walker.children(r.kind(), r.hash())) {
                    childCount++;
                    if (worthProbing(c)) {
                        children.add(c);
                    }
                }
            }
            expandPresent(2 * childCount);
            frontier = unsettled(children, lackingSeen);
            first = false;
        }
        for (final Root root : start) {
            if (lackingSeen.contains(root)) {
                walker.walk(root, this::addToBatch);
            }
        }
        flushBatch();
    }

    /**
     * False for a BLOB or CLOB outside keepRunning's tail: a probe finds out whether the importer has an entry so that
     * its closure need not be walked, and a BLOB has none. Its data batch waits for a WANT all the same, which asks
     * the importer the same question, so a probe would only cost a round trip (in an incremental chum, the one for
     * the new leaves). While tailing, small batches are pushed with their data unasked, so there a BLOB is probed.
     */
    private boolean worthProbing(final Root r) {
        return tailing || r.kind() == EntryKind.OBJECT || r.kind() == EntryKind.ID_OBJECT;
    }

    /** Notes an entry written after the snapshot (keepRunning), bounded: it only spares probes. */
    private void noteFresh(final LogEvent e) {
        final EntryKind kind;
        final Sha256Value hash;
        if (e instanceof ObjectWritten o) {
            kind = EntryKind.OBJECT;
            hash = o.hash();
        } else if (e instanceof IdObjectWritten i) {
            kind = EntryKind.ID_OBJECT;
            hash = i.idHash();
        } else if (e instanceof BlobWritten b) {
            kind = EntryKind.BLOB;
            hash = b.hash();
        } else {
            return;
        }
        if (fresh.size() >= MAX_FRESH) {
            fresh = new NodeSet();
        }
        fresh.add(kind, hash);
    }

    private List<Root> unsettled(final List<Root> nodes, final Set<Root> exclude) {
        final Set<Root> out = new LinkedHashSet<>();
        for (final Root r : nodes) {
            if (!exclude.contains(r) && !walker.isSettled(r.kind(), r.hash()) && mayName(r)) {
                out.add(r);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * False for an Access, IdAccess or Group object or ID object: such an entry is never offered, not even in a
     * probe (the walk skips it, and what needs it, with a warning).
     */
    private boolean mayName(final Root r) {
        if (r.kind() == EntryKind.BLOB || r.kind() == EntryKind.CLOB) {
            return true;
        }
        try {
            final String type = store.typeOf(r.hash());
            if (CoreRecipes.NEVER_IMPORTED.contains(type)) {
                LOG.warn("not offering {} {}: it is a {}, and access rights are never offered", r.kind(), r.hash(),
                    type);
                return false;
            }
            return true;
        } catch (final ChumException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            // Not in the store: the walk finds that out and skips it with a warning.
            return true;
        }
    }

    /** Probes {@code nodes} (in PROBE batches, pipelined) and returns those the importer lacks, in order. */
    private List<Root> probe(final List<Root> nodes) {
        final int max = settings.limits().maxOfferEntries();
        final List<OutgoingBatch> sent = new ArrayList<>();
        for (int from = 0; from < nodes.size(); from += max) {
            final List<OfferEntry> entries = new ArrayList<>();
            for (final Root r : nodes.subList(from, Math.min(nodes.size(), from + max))) {
                // A probe's size is not used by the importer: 0 spares reading every root.
                entries.add(new OfferEntry(r.kind(), r.hash(), 0));
            }
            sent.add(offer(true, entries, null, 0));
            listener.probeSent(entries.size());
        }
        for (final OutgoingBatch b : sent) {
            while (b.want == null) {
                pump(POLL_NANOS);
            }
        }
        final List<Root> lacking = new ArrayList<>();
        int i = 0;
        for (final OutgoingBatch b : sent) {
            for (int k = 0; k < b.size(); k++, i++) {
                final Root node = nodes.get(i);
                if (b.want.wants(k)) {
                    lacking.add(node);
                } else {
                    markPresent(node);
                }
            }
        }
        return lacking;
    }

    private void markPresent(final Root node) {
        walker.markPresent(node.kind(), node.hash());
        expandLater(node);
    }

    private void expandLater(final Root node) {
        if (node.kind() == EntryKind.OBJECT || node.kind() == EntryKind.ID_OBJECT) {
            presentToExpand.add(node);
        }
    }

    /**
     * Marks as present, breadth first, what the entries the importer has reference: a store holds an entry only with
     * its whole closure (imports are refused otherwise, CS-MISSING-REF), so the importer has those too. So the
     * unchanged leaves of a directory's new version are found among the previous version's, which the importer was
     * found to have, instead of being probed one by one (as git marks the trees a client has "uninteresting").
     * Local reads only, at most {@code budget} references per call: about the number of entries the next probe
     * wave would ask about, so an old closure is only expanded as far as probes make that worthwhile.
     */
    private void expandPresent(final long budget) {
        long left = budget;
        while (left > 0 && !presentToExpand.isEmpty()) {
            final Root p = presentToExpand.poll();
            for (final Root c : walker.children(p.kind(), p.hash())) {
                left--;
                if (walker.markPresentIfUnsettled(c.kind(), c.hash())) {
                    expandLater(c);
                }
            }
        }
    }

    private void addToBatch(final ClosureEntry e) {
        pendingEntries.add(new OfferEntry(e.kind(), e.hash(), e.size()));
        pendingContents.add(e.bytes());
        pendingBytes += e.size();
        if (pendingEntries.size() >= settings.limits().maxOfferEntries()
            || pendingBytes >= ChumProtocol.BATCH_TARGET_BYTES) {
            flushBatch();
        }
    }

    private void flushBatch() {
        if (pendingEntries.isEmpty()) {
            return;
        }
        final List<OfferEntry> entries = List.copyOf(pendingEntries);
        final byte[][] contents = pendingContents.toArray(new byte[0][]);
        final long before = offeredBytes;
        offeredEntries += entries.size();
        offeredBytes += pendingBytes;
        pendingEntries.clear();
        pendingContents.clear();
        pendingBytes = 0;
        offer(false, entries, contents, offeredBytes - before);
        listener.batchOffered(entries.size(), offeredBytes - before);
        sink.send(new Progress(offeredEntries, offeredBytes));
    }

    /**
     * Sends an OFFER once the window has room. While keepRunning tails the log, a data batch of at most
     * {@link ChumProtocol#PUSH_MAX_BYTES} goes out as a PUSH with its data right behind it, which saves the WANT round
     * trip on the way of every new write to the peer; only when no earlier offer awaits its WANT, since the data of
     * batches must not interleave. Its entries are lacking at the importer (new since the snapshot, or probed), so
     * little is sent twice.
     */
    private OutgoingBatch offer(final boolean probe, final List<OfferEntry> entries, final byte[][] contents,
                                final long bytes) {
        while (outstanding() >= settings.windowBatches()) {
            pump(POLL_NANOS);
        }
        final boolean push = !probe && tailing && awaitingWant.isEmpty() && bytes <= ChumProtocol.PUSH_MAX_BYTES;
        final OutgoingBatch batch = new OutgoingBatch(nextBatchId++, probe, entries, contents);
        sink.send(new Offer(batch.id, probe, push, entries));
        if (push) {
            batch.want = Want.all(batch.id, batch.size());
            sender.serve(batch);
            awaitingAck.add(batch);
        } else {
            awaitingWant.add(batch);
        }
        return batch;
    }

    private int outstanding() {
        return awaitingWant.size() + awaitingAck.size();
    }

    // ---- the inbox ----

    /** Handles the next inbox item, waiting up to {@code timeoutNanos} for one. */
    private void pump(final long timeoutNanos) {
        final Object item;
        try {
            item = inbox.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChumException(ErrorCode.INTERRUPTED, "the exporter thread was interrupted", e);
        }
        if (item == Signal.APPENDED) {
            // Cleared before the caller reads the log, so an append after this point signals again.
            appendSignalled.set(false);
            return;
        }
        if (item == null || item == Signal.STOP) {
            return;
        }
        if (item instanceof Signal) {
            throw new ExporterEnded();
        }
        if (item instanceof Want w) {
            onWant(w);
        } else if (item instanceof Ack a) {
            onAck(a);
        } else {
            onFullSyncAck((FullSyncAck) item);
        }
    }

    private void onWant(final Want want) {
        final OutgoingBatch batch = awaitingWant.peekFirst();
        if (batch == null || want.batchId() != batch.id) {
            final long oldest = batch == null ? nextBatchId : batch.id;
            if (want.batchId() >= nextBatchId || want.batchId() < oldest) {
                throw new ChumException(ErrorCode.NOT_OFFERED, "WANT for batch " + want.batchId() + ", which "
                    + (want.batchId() >= nextBatchId ? "was never offered" : "was answered already"));
            }
            throw new ChumException(ErrorCode.PROTOCOL, "WANT for batch " + want.batchId() + " before batch "
                + oldest + " was answered");
        }
        if (want.entryCount() != batch.size()) {
            throw new ChumException(ErrorCode.PROTOCOL, "WANT for batch " + batch.id + " has " + want.entryCount()
                + " entries, the offer had " + batch.size());
        }
        awaitingWant.poll();
        batch.want = want;
        if (!batch.probe) {
            sender.serve(batch);
            awaitingAck.add(batch);
        }
    }

    private void onAck(final Ack ack) {
        final OutgoingBatch batch = awaitingAck.peekFirst();
        if (batch == null || ack.batchId() != batch.id) {
            throw new ChumException(ErrorCode.PROTOCOL, "ACK for batch " + ack.batchId() + ", expected "
                + (batch == null ? "none" : "batch " + batch.id));
        }
        final int wanted = batch.want.wantedCount();
        if (ack.stored() + ack.alreadyPresent() != batch.size() || ack.stored() > wanted) {
            throw new ChumException(ErrorCode.PROTOCOL, "ACK for batch " + batch.id + " counts " + ack.stored()
                + " stored and " + ack.alreadyPresent() + " present, but the batch has " + batch.size()
                + " entries of which " + wanted + " were sent");
        }
        awaitingAck.poll();
        final List<OfferEntry> sent = new ArrayList<>(wanted);
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.want.wants(i)) {
                sent.add(batch.entries.get(i));
                bytes += batch.entries.get(i).size();
            }
        }
        listener.batchSent(new SentBatch(batch.id, sent, bytes));
    }

    private void onFullSyncAck(final FullSyncAck ack) {
        if (fullSyncBatch < 0 || fullSyncAcked) {
            throw new ChumException(ErrorCode.PROTOCOL, "FULL_SYNC_ACK " + (fullSyncAcked ? "twice" : "before "
                + "FULL_SYNC"));
        }
        if (ack.snapshotTimestampMs() != snapshotTimestamp) {
            throw new ChumException(ErrorCode.PROTOCOL, "FULL_SYNC_ACK for timestamp " + ack.snapshotTimestampMs()
                + ", FULL_SYNC said " + snapshotTimestamp);
        }
        for (final OutgoingBatch b : awaitingAck) {
            if (b.id <= fullSyncBatch) {
                throw new ChumException(ErrorCode.PROTOCOL, "FULL_SYNC_ACK before the ACK of batch " + b.id);
            }
        }
        for (final OutgoingBatch b : awaitingWant) {
            if (b.id <= fullSyncBatch) {
                throw new ChumException(ErrorCode.PROTOCOL, "FULL_SYNC_ACK before batch " + b.id + " was answered");
            }
        }
        fullSyncAcked = true;
        listener.exporterFullSync(snapshotTimestamp);
    }
}
