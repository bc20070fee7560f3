package io.chum.transport;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.InstanceKeys;
import io.chum.identity.PeerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class InProcessTransportTest {
    private final PeerKey keyA = InstanceKeys.generate().peerKey();
    private final PeerKey keyB = InstanceKeys.generate().peerKey();
    private final Connection[] pair = InProcessTransport.pair(keyA, keyB);
    private final Connection a = pair[0];
    private final Connection b = pair[1];

    @Test
    void shouldCarryFramesBothWaysInOrder() {
        for (int i = 1; i <= 100; i++) {
            a.send(Frame.of(i, new byte[] {(byte) i}));
            b.send(Frame.of(i, new byte[i]));
        }
        for (int i = 1; i <= 100; i++) {
            final Frame fromA = b.receive(1, TimeUnit.SECONDS);
            assertEquals(i, fromA.type());
            assertArrayEquals(new byte[] {(byte) i}, fromA.payloadBytes());
            assertEquals(i, a.receive(1, TimeUnit.SECONDS).payloadLength());
        }
        assertEquals(100, a.framesSent());
        assertEquals(100, b.framesReceived());
        assertEquals(100 * 6, a.bytesSent());
        assertEquals(a.bytesSent(), b.bytesReceived());
        assertEquals(0, a.queuedBytes());
    }

    @Test
    void shouldIdentifyThePeers() {
        assertEquals(keyB, a.peerKey());
        assertEquals(keyA, b.peerKey());
        assertEquals("in-process", a.protocol());
        assertTrue(a.isOpen());
        assertTrue(a.closeCause().isEmpty());
    }

    @Test
    void shouldReturnNullOnTimeoutAndCountQueuedBytes() {
        assertNull(a.receive(10, TimeUnit.MILLISECONDS));
        assertNull(a.receive(0, TimeUnit.MILLISECONDS));
        a.send(Frame.of(1, new byte[95]));
        assertEquals(100, a.queuedBytes());
        b.receive(1, TimeUnit.SECONDS);
        assertEquals(0, a.queuedBytes());
    }

    @Test
    void shouldPropagateCloseAfterDeliveringWhatWasSent() {
        a.send(Frame.of(1, new byte[] {1}));
        a.send(Frame.of(2, new byte[] {2}));
        a.close("done");
        a.close("again");
        assertFalse(a.isOpen());
        assertFalse(b.isOpen());
        assertEquals(1, b.receive(1, TimeUnit.SECONDS).type());
        assertEquals(2, b.receive(1, TimeUnit.SECONDS).type());
        final ChumException atB = assertThrows(ChumException.class, () -> b.receive(1, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CONNECTION_CLOSED, atB.errorCode());
        assertTrue(atB.getMessage().contains("done"), atB.getMessage());
        final ChumException atA = assertThrows(ChumException.class, () -> a.receive(1, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CONNECTION_CLOSED, atA.errorCode());
        assertEquals(ErrorCode.CONNECTION_CLOSED, assertThrows(ChumException.class,
                () -> b.send(Frame.empty(1))).errorCode());
        assertEquals(ErrorCode.CONNECTION_CLOSED, assertThrows(ChumException.class,
                () -> a.send(Frame.empty(1))).errorCode());
        assertEquals(ErrorCode.CONNECTION_CLOSED, b.closeCause().orElseThrow().errorCode());
    }

    @Test
    void shouldWakeABlockedReceiverWhenThePeerCloses() throws Exception {
        final CompletableFuture<ChumException> woken = new CompletableFuture<>();
        final Thread receiver = new Thread(() -> {
            try {
                b.receive(1, TimeUnit.MINUTES);
            } catch (final ChumException e) {
                woken.complete(e);
            }
        });
        receiver.start();
        Thread.sleep(50);
        a.close("bye");
        assertEquals(ErrorCode.CONNECTION_CLOSED, woken.get(10, TimeUnit.SECONDS).errorCode());
        receiver.join(10_000);
    }

    @Test
    void shouldRefuseReservedAndOversizedFrames() {
        assertEquals(ErrorCode.PROTOCOL, assertThrows(ChumException.class,
                () -> a.send(Frame.empty(Frame.TYPE_KEEPALIVE))).errorCode());
        assertEquals(ErrorCode.PROTOCOL, assertThrows(ChumException.class,
                () -> a.send(Frame.wrap(1, new byte[FrameDecoder.DEFAULT_MAX_FRAME_LENGTH]))).errorCode());
        assertTrue(a.isOpen());
        final Frame largest = Frame.wrap(1, new byte[FrameDecoder.DEFAULT_MAX_FRAME_LENGTH - 1]);
        a.send(largest);
        assertSame(largest, b.receive(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldReportAnInterruptedReceiveAndKeepTheInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            final ChumException e = assertThrows(ChumException.class, () -> a.receive(1, TimeUnit.SECONDS));
            assertEquals(ErrorCode.INTERRUPTED, e.errorCode());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertTrue(a.isOpen());
    }
}
