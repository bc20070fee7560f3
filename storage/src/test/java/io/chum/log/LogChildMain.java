package io.chum.log;

import io.chum.model.Hash;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.Random;

/**
 * Child-process side of the crash, concurrency and large-BLOB tests. Modes:
 * <ul>
 *   <li>{@code loop dir}: appends small and chunked objects and BLOBs forever; prints READY after 500;</li>
 *   <li>{@code hold dir}: appends 10 objects, then opens a Chronicle document, writes half a record and
 *       sleeps holding the write lock; prints HOLDING;</li>
 *   <li>{@code append dir origin count goFile}: prints READY, waits for goFile, appends {@code count}
 *       objects with that origin whose microdata is {@code origin:i}, prints DONE;</li>
 *   <li>{@code hugeblob dir bytes}: streams a BLOB of that size through chunks and back, prints the two
 *       SHA-256 values and the peak heap use.</li>
 * </ul>
 */
final class LogChildMain {
    private LogChildMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Path dir = Paths.get(args[1]);
        switch (args[0]) {
            case "loop":
                loop(dir);
                break;
            case "hold":
                hold(dir);
                break;
            case "append":
                append(dir, Long.parseLong(args[2]), Integer.parseInt(args[3]), Paths.get(args[4]));
                break;
            case "hugeblob":
                hugeBlob(dir, Long.parseLong(args[2]));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void loop(final Path dir) {
        final Random random = new Random(42);
        final byte[] big = new byte[600 << 10];
        final byte[] blobPiece = new byte[100_000];
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withDurability(Durability.PAGE_CACHE))) {
            final LogAppender appender = log.appender();
            for (long i = 0; ; i++) {
                if (i % 97 == 0) {
                    random.nextBytes(big);
                    appender.append(new ObjectWritten(TestEvents.sha256(big), "Big", big));
                } else if (i % 89 == 0) {
                    final MessageDigest md = TestEvents.digest();
                    final PayloadWriter w = appender.newPayload(-1);
                    for (int k = 0; k < 7; k++) {
                        random.nextBytes(blobPiece);
                        md.update(blobPiece);
                        w.write(blobPiece, 0, blobPiece.length);
                    }
                    final PayloadRef ref = w.finish();
                    appender.append(new BlobWritten(Hash.ofBytes(md.digest()), false, ref.length(), ref));
                } else {
                    appender.append(TestEvents.object("<div>" + i + " " + random.nextLong() + "</div>"));
                }
                if (i == 500) {
                    System.out.println("READY");
                    System.out.flush();
                }
            }
        }
    }

    private static void hold(final Path dir) throws InterruptedException {
        final EventLog log = EventLog.open(dir, LogConfig.defaults());
        for (int i = 0; i < 10; i++) {
            log.appender().append(TestEvents.object("<div>" + i + "</div>"));
        }
        final DocumentContext dc = log.queue().createAppender().writingDocument();
        dc.wire().bytes().write(new byte[] {RecordFormat.MAGIC, RecordFormat.VERSION_1, RecordFormat.KIND_OBJECT, 0});
        dc.wire().bytes().write(new byte[5000]);
        System.out.println("HOLDING");
        System.out.flush();
        Thread.sleep(600_000);
    }

    private static void append(final Path dir, final long origin, final int count, final Path goFile)
        throws InterruptedException {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withDurability(Durability.PAGE_CACHE))) {
            final LogAppender appender = log.appender();
            System.out.println("READY");
            System.out.flush();
            while (!Files.exists(goFile)) {
                Thread.sleep(5);
            }
            for (int i = 0; i < count; i++) {
                final byte[] md = (origin + ":" + i).getBytes(StandardCharsets.UTF_8);
                appender.append(new ObjectWritten(TestEvents.sha256(md), "Seq", md).withOrigin(origin));
            }
            System.out.println("DONE");
        }
    }

    private static void hugeBlob(final Path dir, final long size) throws Exception {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withDurability(Durability.PAGE_CACHE))) {
            final LogAppender appender = log.appender();
            final MessageDigest md = TestEvents.digest();
            final byte[] block = new byte[1 << 20];
            final PayloadWriter w = appender.newPayload(size);
            for (long off = 0, i = 0; off < size; off += block.length, i++) {
                final int n = (int) Math.min(block.length, size - off);
                TestEvents.fill(block, 7, i);
                md.update(block, 0, n);
                w.write(block, 0, n);
            }
            final PayloadRef ref = w.finish();
            final Hash written = Hash.ofBytes(md.digest());
            final long index = appender.append(new BlobWritten(written, false, size, ref));
            final BlobWritten event;
            try (LogReader reader = log.reader()) {
                event = (BlobWritten) reader.read(index);
            }
            final Hash read = TestEvents.sha256(event.content().open(), 8192);
            final long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.println("WRITTEN " + written);
            System.out.println("READ " + read);
            System.out.println("PEAKHEAP " + peak);
        }
    }
}
