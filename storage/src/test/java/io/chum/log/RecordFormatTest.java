package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.Hash;
import io.chum.model.IdHash;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytes on disk are exactly those docs/storage-format.md describes, built here independently. */
class RecordFormatTest {
    private static final long TIME = 1_795_867_200_000L;

    @Test
    @Timeout(30)
    void shouldWriteTheDocumentedBytes(@TempDir final Path dir) {
        final byte[] microdata = new byte[1000];
        Arrays.fill(microdata, (byte) 'a');
        final Hash hash = Hash.ofHex("ab12" + "00".repeat(30));
        final IdHash id = IdHash.ofHex("01".repeat(32));
        final Hash node = Hash.ofHex("02".repeat(32));
        final Hash data = Hash.ofHex("03".repeat(32));
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withClock(() -> TIME))) {
            final LogAppender appender = log.appender();
            appender.append(new ObjectWritten(hash, "Person", microdata));
            appender.append(new HeadChanged(id, node, data, 3, TIME - 5, List.of(data, node)).withOrigin(7));
            final long stream = 0x1122334455667788L;
            final long chunkIndex = appender.appendChunk(stream, -1, new byte[] {9, 8, 7}, 0, 3);
            final PayloadRef ref = new PayloadRef(stream, chunkIndex, chunkIndex, 1, 3);
            appender.append(new BlobWritten(data, false, 3, ref));
            appender.append(new BlobWritten(node, true, 2, Payload.of(new byte[] {'h', 'i'})).withOrigin(9));

            final ByteBuffer object = record(1, 0, 0, 1046);
            object.put(hash.toBytes()).putInt(6).put("Person".getBytes(StandardCharsets.US_ASCII)).putInt(1000)
                .put(microdata);
            final ByteBuffer head = record(4, 0, 7, 180);
            head.put(id.toBytes()).put(node.toBytes()).put(data.toBytes()).putLong(3).putLong(TIME - 5).putInt(2)
                .put(data.toBytes()).put(node.toBytes());
            final ByteBuffer chunk = record(16, 0, 0, 27);
            chunk.putLong(stream).putInt(0).putLong(-1).putInt(3).put(new byte[] {9, 8, 7});
            final ByteBuffer chunkedBlob = record(1, 3, 1, 0, 81);
            chunkedBlob.put(data.toBytes()).put((byte) 0).putLong(3)
                .putLong(stream).putLong(chunkIndex).putLong(chunkIndex).putLong(1).putLong(3);
            final ByteBuffer inlineBlob = record(2, 3, 0, 9, 47);
            inlineBlob.put(node.toBytes()).put((byte) 1).putLong(2).putInt(2).put(new byte[] {'h', 'i'});

            try (ExcerptTailer t = log.queue().createTailer()) {
                assertArrayEquals(withCrc(object), next(t), "OBJECT record, 1074 bytes");
                assertArrayEquals(withCrc(head), next(t), "HEAD record");
                assertArrayEquals(withCrc(chunk), next(t), "CHUNK record");
                assertArrayEquals(withCrc(chunkedBlob), next(t), "BLOB record of format version 1, chunked");
                assertArrayEquals(withCrc(inlineBlob), next(t), "BLOB record of format version 2, inline");
            }
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseARecordOfAnUnknownFormatVersion(@TempDir final Path dir) {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withClock(() -> TIME))) {
            final ByteBuffer future = record(3, 1, 0, 0, 40);
            future.put(Hash.ofHex("cd".repeat(32)).toBytes()).putInt(0).putInt(0);
            final long index = appendRaw(log, withCrc(future));
            try (LogReader reader = log.reader()) {
                final ChumException e = assertThrows(ChumException.class, () -> reader.read(index));
                assertEquals(ErrorCode.STORE_FORMAT, e.errorCode());
                assertTrue(e.getMessage().contains("format version 3"), e.getMessage());
            }
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseAnInlineBlobWhoseSizeDisagreesWithItsBytes(@TempDir final Path dir) {
        try (EventLog log = EventLog.open(dir, LogConfig.defaults().withClock(() -> TIME))) {
            final ByteBuffer blob = record(2, 3, 0, 0, 47);
            blob.put(Hash.ofHex("ef".repeat(32)).toBytes()).put((byte) 0).putLong(3).putInt(2).put(new byte[] {1, 2});
            final long index = appendRaw(log, withCrc(blob));
            try (LogReader reader = log.reader()) {
                final ChumException e = assertThrows(ChumException.class, () -> reader.read(index));
                assertEquals(ErrorCode.CORRUPT_RECORD, e.errorCode());
                assertTrue(e.getMessage().contains("malformed BLOB body"), e.getMessage());
            }
        }
    }

    /** Appends {@code record} as a document of its own, past the appender's checks; returns its index. */
    private static long appendRaw(final EventLog log, final byte[] record) {
        try (ExcerptAppender raw = log.queue().createAppender()) {
            try (DocumentContext dc = raw.writingDocument()) {
                dc.wire().bytes().write(record);
            }
            return raw.lastIndexAppended();
        }
    }

    /** A format version 1 record buffer with the header filled in except the CRC, positioned at the body. */
    private static ByteBuffer record(final int kind, final int flags, final long origin, final int bodyLength) {
        return record(1, kind, flags, origin, bodyLength);
    }

    private static ByteBuffer record(final int version, final int kind, final int flags, final long origin,
                                     final int bodyLength) {
        final ByteBuffer b = ByteBuffer.allocate(28 + bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xC5).put((byte) version).put((byte) kind).put((byte) flags).putInt(bodyLength).putLong(TIME)
            .putLong(origin).putInt(0);
        return b;
    }

    /** CRC32C over the body, then header bytes 0..23, stored at offset 24. */
    private static byte[] withCrc(final ByteBuffer b) {
        assertEquals(b.capacity(), b.position(), "body length as documented");
        final byte[] bytes = b.array();
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 28, bytes.length - 28);
        crc.update(bytes, 0, 24);
        b.putInt(24, (int) crc.getValue());
        return bytes;
    }

    private static byte[] next(final ExcerptTailer t) {
        try (DocumentContext dc = t.readingDocument()) {
            final Bytes<?> in = dc.wire().bytes();
            final byte[] out = new byte[(int) in.readRemaining()];
            in.read(out);
            return out;
        }
    }
}
