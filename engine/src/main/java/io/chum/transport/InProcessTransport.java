package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.PeerKey;

/**
 * Pairs of connections inside one JVM, for tests, the demo and embedding.
 *
 * <p>Frames are handed over as they are (they are immutable), without encoding; the semantics are those
 * of {@link Connection}, including the maximum frame length ({@link FrameDecoder#DEFAULT_MAX_FRAME_LENGTH})
 * and close propagation: when one side closes, the other receives what was sent before and then
 * CONNECTION_CLOSED. Neither direction has an idle timeout or keep-alives. Thread-safe.
 */
public final class InProcessTransport {
    /** The value of {@link Connection#protocol()} for in-process connections. */
    public static final String PROTOCOL = "in-process";

    private InProcessTransport() {
    }

    /**
     * Two connected connections: the first is {@code a}'s end (its {@code peerKey()} is {@code b}), the
     * second is {@code b}'s end (its {@code peerKey()} is {@code a}).
     */
    public static Connection[] pair(final PeerKey a, final PeerKey b) {
        final End endOfA = new End(b, "in-process:" + b.shortHex());
        final End endOfB = new End(a, "in-process:" + a.shortHex());
        endOfA.peer = endOfB;
        endOfB.peer = endOfA;
        return new Connection[] {endOfA, endOfB};
    }

    /** One end of a pair. Its {@code peer} is set once, before the pair is published. */
    private static final class End extends AbstractConnection {
        private End peer;

        End(final PeerKey peerKey, final String remoteAddress) {
            super(peerKey, PROTOCOL, remoteAddress, FrameDecoder.DEFAULT_MAX_FRAME_LENGTH);
        }

        @Override
        public void send(final Frame frame) {
            checkSendable(frame);
            if (!peer.inbound.offer(frame)) {
                throw closedForSending();
            }
            framesSent.incrementAndGet();
            bytesSent.addAndGet(frame.encodedLength());
            peer.countReceived(frame);
        }

        @Override
        public void close(final String reason) {
            if (!open.compareAndSet(true, false)) {
                return;
            }
            inbound.close(new ChumException(ErrorCode.CONNECTION_CLOSED, "connection to " + remoteAddress()
                    + " closed: " + reason), false);
            peer.closedByPeer(reason);
        }

        private void closedByPeer(final String reason) {
            open.set(false);
            inbound.close(new ChumException(ErrorCode.CONNECTION_CLOSED, "peer " + remoteAddress()
                    + " closed the connection: " + reason), false);
        }

        @Override
        public long queuedBytes() {
            return peer.inbound.bytes();
        }
    }
}
