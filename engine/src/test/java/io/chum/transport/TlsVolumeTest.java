package io.chum.transport;

import io.chum.identity.InstanceKeys;
import io.chum.identity.TlsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pushes 64 KiB frames through one TLS connection in both directions at once: nothing may deadlock,
 * every frame must arrive intact and in order. Prints the throughput (informational only).
 */
class TlsVolumeTest {
    private static final int FRAME_PAYLOAD = 64 * 1024;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldMove8MiBEachWayAtOnceWithoutThrottlingThroughSmallInboundBuffers() throws Exception {
        // Nothing waits for the send queues, and the receive buffers hold only 1 MiB, so both readers
        // stall on full buffers again and again while both writers keep writing.
        run(8L * 1024 * 1024, Long.MAX_VALUE, ConnectionOptions.defaults().withMaxInboundBytes(1024 * 1024));
    }

    @Test
    @Tag("slow")
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldMove200MBEachWayAtOnce() throws Exception {
        run(200L * 1000 * 1000, 16L * 1024 * 1024, ConnectionOptions.defaults());
    }

    private static void run(final long bytesEachWay, final long maxQueuedBytes, final ConnectionOptions options)
            throws Exception {
        final int frames = (int) ((bytesEachWay + FRAME_PAYLOAD - 1) / FRAME_PAYLOAD);
        final TlsConfig serverTls = TlsConfig.create(InstanceKeys.generate());
        final TlsConfig clientTls = TlsConfig.create(InstanceKeys.generate());
        final CompletableFuture<Integer> serverReceived = new CompletableFuture<>();
        try (TcpServer server = TcpServer.start("127.0.0.1", 0, serverTls, connection -> {
            try {
                serverReceived.complete(pump(connection, frames, maxQueuedBytes));
            } catch (final Throwable t) {
                serverReceived.completeExceptionally(t);
            }
        }, ServerLimits.defaults().withConnectionOptions(options), serverReceived::completeExceptionally);
             Connection client = TcpTransport.connect("127.0.0.1", server.port(), clientTls, Duration.ofSeconds(10),
                     options)) {
            final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            final long cpuStart = os.getProcessCpuTime();
            final long start = System.nanoTime();
            final int clientReceived = pump(client, frames, maxQueuedBytes);
            final int received = serverReceived.get(10, TimeUnit.MINUTES);
            final double seconds = (System.nanoTime() - start) / 1e9;
            final double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            assertEquals(frames, clientReceived);
            assertEquals(frames, received);
            assertEquals(frames, client.framesSent());
            assertEquals(frames, client.framesReceived());
            assertEquals((long) frames * (FRAME_PAYLOAD + Frame.HEADER_LENGTH), client.bytesReceived());
            final double megabytes = 2.0 * frames * FRAME_PAYLOAD / 1e6;
            System.out.printf("TLS loopback, %d x 64 KiB frames each way at once: %.2f s (%.2f s CPU, both ends in"
                    + " this JVM), %.0f MB/s and %.0f frames/s (both directions together)%n",
                    frames, seconds, cpuSeconds, megabytes / seconds, 2 * frames / seconds);
        }
    }

    /**
     * Sends {@code frames} numbered frames from a second thread while receiving as many on this one;
     * returns how many arrived intact.
     */
    private static int pump(final Connection connection, final int frames, final long maxQueuedBytes) throws Exception {
        final AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        final Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < frames; i++) {
                    while (connection.queuedBytes() > maxQueuedBytes) {
                        Thread.sleep(1);
                    }
                    connection.send(Frame.wrap(1 + (i % 255), payload(i)));
                }
            } catch (final Throwable t) {
                senderFailure.set(t);
            }
        }, "volume-sender");
        sender.start();
        int received = 0;
        for (int i = 0; i < frames; i++) {
            final Frame frame = connection.receive(60, TimeUnit.SECONDS);
            assertNotNull(frame, "frame " + i + " did not arrive within 60 s");
            assertEquals(1 + (i % 255), frame.type(), "type of frame " + i);
            assertEquals(FRAME_PAYLOAD, frame.payloadLength(), "length of frame " + i);
            final ByteBuffer payload = frame.payload();
            assertEquals(i, payload.getInt(0), "sequence number of frame " + i);
            final byte fill = (byte) i;
            assertTrue(payload.get(4) == fill && payload.get(FRAME_PAYLOAD / 2) == fill
                    && payload.get(FRAME_PAYLOAD - 1) == fill, "content of frame " + i);
            received++;
        }
        sender.join(TimeUnit.MINUTES.toMillis(5));
        if (senderFailure.get() != null) {
            throw new AssertionError("sender failed", senderFailure.get());
        }
        return received;
    }

    private static byte[] payload(final int sequence) {
        final byte[] payload = new byte[FRAME_PAYLOAD];
        Arrays.fill(payload, (byte) sequence);
        ByteBuffer.wrap(payload).putInt(0, sequence);
        return payload;
    }
}
