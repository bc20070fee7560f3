package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.PeerKey;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What both transports share: the inbound queue and its terminal state, the open flag, the counters,
 * and the checks on outgoing frames. Thread-safe (atomics and the thread-safe {@link FrameQueue}).
 */
abstract class AbstractConnection implements Connection {
    protected final FrameQueue inbound = new FrameQueue();
    protected final AtomicBoolean open = new AtomicBoolean(true);
    protected final AtomicLong framesSent = new AtomicLong();
    protected final AtomicLong framesReceived = new AtomicLong();
    protected final AtomicLong bytesSent = new AtomicLong();
    protected final AtomicLong bytesReceived = new AtomicLong();
    private final PeerKey peerKey;
    private final String protocol;
    private final String remoteAddress;
    private final FrameEncoder limits;

    AbstractConnection(final PeerKey peerKey, final String protocol, final String remoteAddress,
                       final int maxFrameLength) {
        this.peerKey = peerKey;
        this.protocol = protocol;
        this.remoteAddress = remoteAddress;
        this.limits = new FrameEncoder(maxFrameLength);
    }

    @Override
    public final Frame receive(final long timeout, final TimeUnit unit) {
        try {
            return inbound.poll(unit.toNanos(timeout));
        } catch (final ChumException terminal) {
            // A fresh exception per call: its stack shows the caller, the cause shows the failure.
            throw new ChumException(terminal.errorCode(), terminal.reason(), terminal);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChumException(ErrorCode.INTERRUPTED, "interrupted while waiting for a frame from "
                    + remoteAddress, e);
        }
    }

    @Override
    public final boolean isOpen() {
        return open.get();
    }

    @Override
    public final Optional<ChumException> closeCause() {
        return Optional.ofNullable(inbound.terminal());
    }

    @Override
    public final PeerKey peerKey() {
        return peerKey;
    }

    @Override
    public final String protocol() {
        return protocol;
    }

    @Override
    public final String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public final long framesSent() {
        return framesSent.get();
    }

    @Override
    public final long framesReceived() {
        return framesReceived.get();
    }

    @Override
    public final long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public final long bytesReceived() {
        return bytesReceived.get();
    }

    /** Throws unless {@code frame} may be sent now. */
    protected final void checkSendable(final Frame frame) {
        if (frame.type() == Frame.TYPE_KEEPALIVE) {
            throw new ChumException(ErrorCode.PROTOCOL, "frame type 0 is reserved for transport keep-alives");
        }
        limits.check(frame);
        if (!open.get()) {
            throw closedForSending();
        }
    }

    /** The exception for a send on a closed connection, naming why it closed. */
    protected final ChumException closedForSending() {
        final ChumException cause = inbound.terminal();
        return new ChumException(ErrorCode.CONNECTION_CLOSED, "cannot send to " + remoteAddress
                + ": connection closed" + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }

    /** Counts a frame that arrived from the peer. */
    protected final void countReceived(final Frame frame) {
        framesReceived.incrementAndGet();
        bytesReceived.addAndGet(frame.encodedLength());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + protocol + " " + remoteAddress + " " + peerKey.shortHex()
                + (isOpen() ? ", open" : ", closed") + "]";
    }
}
