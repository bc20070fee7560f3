package io.chum.protocol;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;

import java.util.List;
import java.util.Objects;

/**
 * Maps a {@link Message} to its frame type byte and payload bytes, and back. Framing (length prefix, type
 * byte on the wire, size cap) is the transport's; this class only sees payloads.
 *
 * <p>All integers are big-endian; u64 fields hold 0..2^63-1; strings are a u16 byte length and strict UTF-8.
 * Layouts are documented in {@code docs/protocol.md}.
 *
 * <p>Decoding is strict and safe against a malicious peer: every length and count is checked against
 * {@link ProtocolLimits} and against the bytes actually present before anything is allocated from it, every
 * enumerated value and reserved bit is checked, and trailing bytes are refused. Whatever the bytes, decode
 * returns a message or throws {@link ChumException} with {@link ErrorCode#PROTOCOL} naming the message and
 * field. Stateless and thread-safe.
 */
public final class MessageCodec {
    /** Payload bytes of DATA before the chunk: batchId, kind, hash, totalSize, offset. */
    public static final int DATA_HEADER_BYTES = 8 + 1 + Sha256Value.BYTES + 8 + 8;

    /** Payload bytes of OFFER before the entries: batchId, flags, entry count. */
    public static final int OFFER_HEADER_BYTES = 8 + 1 + 4;

    /** OFFER flag bit 0: answer have/want only, no data follows. */
    public static final int OFFER_FLAG_PROBE = 0x01;

    /** OFFER flag bit 1: the data of every entry follows without a WANT. */
    public static final int OFFER_FLAG_PUSH = 0x02;

    /** HELLO flag bit 0: the sender asks to keep the chum running. */
    public static final int HELLO_FLAG_KEEP_RUNNING = 0x01;

    private static final int HELLO_FIXED_BYTES = 4 + Sha256Value.BYTES + 2 + 2 + 1 + 4 + 8 + 8 + 2;
    private static final int ERROR_FIXED_BYTES = 2 + 2 + 1;
    private static final int WANT_HEADER_BYTES = 8 + 4;

    private MessageCodec() {
    }

    /** The frame type byte of {@code message}. */
    public static byte type(final Message message) {
        return message.frameType();
    }

    /** The payload of {@code message} in a new array of exactly its length. */
    public static byte[] encode(final Message message) {
        final byte[] out = new byte[encodedLength(message)];
        encode(message, out, 0);
        return out;
    }

    /**
     * Writes the payload of {@code message} into {@code dst} at {@code offset}, which must have room for
     * {@link #encodedLength(Message)} bytes ({@code IndexOutOfBoundsException} otherwise).
     *
     * @return the number of bytes written
     */
    public static int encode(final Message message, final byte[] dst, final int offset) {
        final int length = encodedLength(message);
        Objects.checkFromIndexSize(offset, length, dst.length);
        final PayloadWriter w = new PayloadWriter(dst, offset);
        switch (message.frameType()) {
            case MessageType.HELLO:
                if (message instanceof ForeignHello) {
                    w.u32(((ForeignHello) message).protocolVersion());
                } else {
                    writeHello((Hello) message, w);
                }
                break;
            case MessageType.ERROR: {
                final ErrorMessage e = (ErrorMessage) message;
                w.string(e.code(), e.code().length()).string(e.message(), Utf8.encodedLength(e.message()))
                    .bool(e.fatal());
                break;
            }
            case MessageType.FIN:
                w.u8(((Fin) message).reason().code());
                break;
            case MessageType.PING:
                w.i64(((Ping) message).payload());
                break;
            case MessageType.PONG:
                w.i64(((Pong) message).payload());
                break;
            case MessageType.OFFER:
                writeOffer((Offer) message, w);
                break;
            case MessageType.DATA: {
                final DataChunk d = (DataChunk) message;
                writeDataHeader(d, w).bytes(d.buffer(), d.bufferOffset(), d.length());
                break;
            }
            case MessageType.DATA_PACK: {
                final DataPack p = (DataPack) message;
                w.i64(p.batchId()).u32(p.entryCount()).bytes(p.buffer(), p.offset(), p.length());
                break;
            }
            case MessageType.BATCH_END: {
                final BatchEnd b = (BatchEnd) message;
                w.i64(b.batchId()).u32(b.entriesSent());
                break;
            }
            case MessageType.FULL_SYNC: {
                final FullSync f = (FullSync) message;
                w.i64(f.snapshotTimestampMs()).i64(f.lastBatchId());
                break;
            }
            case MessageType.PROGRESS: {
                final Progress p = (Progress) message;
                w.i64(p.totalObjects()).i64(p.totalBytes());
                break;
            }
            case MessageType.WANT: {
                final Want want = (Want) message;
                w.i64(want.batchId()).u32(want.entryCount()).want(want);
                break;
            }
            case MessageType.ACK: {
                final Ack a = (Ack) message;
                w.i64(a.batchId()).u32(a.stored()).u32(a.alreadyPresent());
                break;
            }
            case MessageType.FULL_SYNC_ACK:
                w.i64(((FullSyncAck) message).snapshotTimestampMs());
                break;
            default:
                throw new IllegalStateException("no encoder for " + message.getClass().getName());
        }
        return length;
    }

    /**
     * Writes only the DATA header ({@link #DATA_HEADER_BYTES} bytes) into {@code dst} at {@code offset}, so
     * that a transport can send header and chunk with one gathering write instead of copying the chunk.
     *
     * @return the number of bytes written, {@link #DATA_HEADER_BYTES}
     */
    public static int encodeDataHeader(final DataChunk data, final byte[] dst, final int offset) {
        Objects.checkFromIndexSize(offset, DATA_HEADER_BYTES, dst.length);
        writeDataHeader(data, new PayloadWriter(dst, offset));
        return DATA_HEADER_BYTES;
    }

    /** The payload length of {@code message} in bytes. */
    public static int encodedLength(final Message message) {
        switch (message.frameType()) {
            case MessageType.HELLO:
                if (message instanceof ForeignHello) {
                    return 4;
                }
                final Hello h = (Hello) message;
                return HELLO_FIXED_BYTES + Utf8.encodedLength(h.instanceName()) + Utf8.encodedLength(h.chumName())
                    + Utf8.encodedLength(h.softwareVersion());
            case MessageType.ERROR: {
                final ErrorMessage e = (ErrorMessage) message;
                return ERROR_FIXED_BYTES + e.code().length() + Utf8.encodedLength(e.message());
            }
            case MessageType.FIN:
                return 1;
            case MessageType.PING:
            case MessageType.PONG:
            case MessageType.FULL_SYNC_ACK:
                return 8;
            case MessageType.OFFER:
                // The Offer constructor keeps the entry count small enough for this to fit an int.
                return (int) offerLength(((Offer) message).entries().size());
            case MessageType.DATA:
                return DATA_HEADER_BYTES + ((DataChunk) message).length();
            case MessageType.DATA_PACK:
                return DataPack.HEADER_BYTES + ((DataPack) message).length();
            case MessageType.BATCH_END:
                return 8 + 4;
            case MessageType.FULL_SYNC:
            case MessageType.PROGRESS:
            case MessageType.ACK:
                return 16;
            case MessageType.WANT:
                return WANT_HEADER_BYTES + Want.bitmapLength(((Want) message).entryCount());
            default:
                throw new IllegalStateException("no encoder for " + message.getClass().getName());
        }
    }

    /** Decodes a payload with the {@link ProtocolLimits#DEFAULT} limits; see the five-argument overload. */
    public static Message decode(final byte type, final byte[] payload, final int offset, final int length) {
        return decode(type, payload, offset, length, ProtocolLimits.DEFAULT);
    }

    /**
     * Decodes the payload of a frame of type {@code type}: {@code length} bytes of {@code payload} from
     * {@code offset}. A HELLO of another protocol version decodes as {@link ForeignHello} whatever follows its
     * version. A decoded {@link DataChunk} views {@code payload} without copying it.
     *
     * @throws ChumException with {@link ErrorCode#PROTOCOL} for an unknown type or a malformed payload
     * @throws IndexOutOfBoundsException if offset and length do not lie inside {@code payload} (a caller bug)
     */
    public static Message decode(final byte type, final byte[] payload, final int offset, final int length,
                                 final ProtocolLimits limits) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        final String name = MessageType.name(type);
        if (type == MessageType.HELLO && length >= 4) {
            final int version = PayloadReader.getInt(payload, offset);
            if (version != ChumProtocol.PROTOCOL_VERSION) {
                return new ForeignHello(version);
            }
        }
        if (length > limits.maxPayloadBytes()) {
            throw new ChumException(ErrorCode.PROTOCOL, "malformed " + name + " frame: payload of " + length
                + " bytes exceeds the limit of " + limits.maxPayloadBytes());
        }
        final PayloadReader r = new PayloadReader(name, payload, offset, length);
        final Message message;
        switch (type) {
            case MessageType.HELLO:
                message = readHello(r, limits);
                break;
            case MessageType.ERROR:
                message = readError(r, limits);
                break;
            case MessageType.FIN:
                message = readFin(r);
                break;
            case MessageType.PING:
                message = new Ping(r.i64("payload"));
                break;
            case MessageType.PONG:
                message = new Pong(r.i64("payload"));
                break;
            case MessageType.OFFER:
                message = readOffer(r, limits);
                break;
            case MessageType.DATA:
                message = readData(r, limits);
                break;
            case MessageType.DATA_PACK:
                message = readDataPack(r, limits);
                break;
            case MessageType.BATCH_END:
                message = new BatchEnd(r.batchId("batchId"), r.count("entriesSent", limits.maxOfferEntries()));
                break;
            case MessageType.FULL_SYNC:
                message = new FullSync(r.nonNegativeI64("snapshotTimestampMs"), r.u64("lastBatchId"));
                break;
            case MessageType.PROGRESS:
                message = new Progress(r.u64("totalObjects"), r.u64("totalBytes"));
                break;
            case MessageType.WANT:
                message = readWant(r, limits);
                break;
            case MessageType.ACK:
                message = readAck(r, limits);
                break;
            case MessageType.FULL_SYNC_ACK:
                message = new FullSyncAck(r.nonNegativeI64("snapshotTimestampMs"));
                break;
            default:
                throw new ChumException(ErrorCode.PROTOCOL, "unknown frame type " + name + " (" + length
                    + " payload bytes)");
        }
        r.expectEnd();
        return message;
    }

    /**
     * The protocol version at the start of a HELLO payload, read without parsing the rest.
     *
     * @throws ChumException with {@link ErrorCode#PROTOCOL} if fewer than 4 bytes are given
     */
    public static int helloVersion(final byte[] payload, final int offset, final int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (length < 4) {
            throw new ChumException(ErrorCode.PROTOCOL, "malformed HELLO frame: protocolVersion is truncated: "
                + "needs 4 bytes, " + length + " left");
        }
        return PayloadReader.getInt(payload, offset);
    }

    // ---- sizes (used by ProtocolLimits to check a configuration is consistent) ----

    static long helloLength(final int maxStringBytes) {
        return HELLO_FIXED_BYTES + 3L * maxStringBytes;
    }

    static long errorLength(final int maxStringBytes) {
        return ERROR_FIXED_BYTES + Math.min(maxStringBytes, ChumProtocol.MAX_ERROR_CODE_LENGTH)
            + (long) maxStringBytes;
    }

    static long offerLength(final long entries) {
        return OFFER_HEADER_BYTES + entries * OfferEntry.WIRE_BYTES;
    }

    // ---- writers ----

    private static void writeHello(final Hello h, final PayloadWriter w) {
        w.u32(ChumProtocol.PROTOCOL_VERSION)
            .hash(h.personId())
            .string(h.instanceName(), Utf8.encodedLength(h.instanceName()))
            .string(h.chumName(), Utf8.encodedLength(h.chumName()))
            .u8(h.keepRunning() ? HELLO_FLAG_KEEP_RUNNING : 0)
            .u32(h.maxNotificationDelayMs())
            .i64(h.cursor())
            .i64(h.senderTimeMs())
            .string(h.softwareVersion(), Utf8.encodedLength(h.softwareVersion()));
    }

    private static void writeOffer(final Offer offer, final PayloadWriter w) {
        final List<OfferEntry> entries = offer.entries();
        final int n = entries.size();
        final int flags = (offer.probe() ? OFFER_FLAG_PROBE : 0) | (offer.push() ? OFFER_FLAG_PUSH : 0);
        w.i64(offer.batchId()).u8(flags).u32(n);
        for (int i = 0; i < n; i++) {
            final OfferEntry e = entries.get(i);
            w.u8(e.kind().code()).hash(e.hash()).i64(e.size());
        }
    }

    private static PayloadWriter writeDataHeader(final DataChunk d, final PayloadWriter w) {
        return w.i64(d.batchId()).u8(d.kind().code()).hash(d.hash()).i64(d.totalSize()).i64(d.offset());
    }

    // ---- readers ----

    private static Hello readHello(final PayloadReader r, final ProtocolLimits limits) {
        r.skip(4, "protocolVersion");
        final IdHash personId = r.idHash("personId");
        final String instanceName = r.string("instanceName", limits.maxStringBytes());
        final String chumName = r.string("chumName", limits.maxStringBytes());
        final int flags = r.u8("flags");
        if ((flags & ~HELLO_FLAG_KEEP_RUNNING) != 0) {
            throw r.fail("flags", String.format("0x%02x has reserved bits set", flags));
        }
        final long delay = r.u32("maxNotificationDelayMs");
        if (delay < ChumProtocol.MIN_NOTIFICATION_DELAY_MS || delay > Integer.MAX_VALUE) {
            throw r.fail("maxNotificationDelayMs", delay + " is outside " + ChumProtocol.MIN_NOTIFICATION_DELAY_MS
                + ".." + Integer.MAX_VALUE);
        }
        final long cursor = r.nonNegativeI64("cursor");
        final long senderTimeMs = r.nonNegativeI64("senderTimeMs");
        final String softwareVersion = r.string("softwareVersion", limits.maxStringBytes());
        return new Hello(personId, instanceName, chumName, (flags & HELLO_FLAG_KEEP_RUNNING) != 0, (int) delay,
            cursor, senderTimeMs, softwareVersion);
    }

    private static ErrorMessage readError(final PayloadReader r, final ProtocolLimits limits) {
        final String code = r.string("code", Math.min(limits.maxStringBytes(), ChumProtocol.MAX_ERROR_CODE_LENGTH));
        if (!ErrorMessage.isValidCode(code)) {
            throw r.fail("code", "is not 1.." + ChumProtocol.MAX_ERROR_CODE_LENGTH
                + " characters of A-Z a-z 0-9 - _ .");
        }
        final String message = r.string("message", limits.maxStringBytes());
        return new ErrorMessage(code, message, r.bool("fatal"));
    }

    private static Fin readFin(final PayloadReader r) {
        final int code = r.u8("reason");
        final FinReason reason = FinReason.ofCodeOrNull(code);
        if (reason == null) {
            throw r.fail("reason", code + " is not a FIN reason (0 done, 1 stopping)");
        }
        return reason == FinReason.DONE ? Fin.DONE : Fin.STOPPING;
    }

    private static Offer readOffer(final PayloadReader r, final ProtocolLimits limits) {
        final long batchId = r.batchId("batchId");
        final int flags = r.u8("flags");
        if ((flags & ~(OFFER_FLAG_PROBE | OFFER_FLAG_PUSH)) != 0) {
            throw r.fail("flags", String.format("0x%02x has reserved bits set", flags));
        }
        if (flags == (OFFER_FLAG_PROBE | OFFER_FLAG_PUSH)) {
            throw r.fail("flags", "0x03: an OFFER cannot be both a PROBE and a PUSH");
        }
        final int count = r.count("entryCount", limits.maxOfferEntries());
        // Checked before allocating: the count must match the bytes that are really there.
        if (r.remaining() != (long) count * OfferEntry.WIRE_BYTES) {
            throw r.fail("entries", "are " + r.remaining() + " bytes, but " + count + " entries take "
                + (long) count * OfferEntry.WIRE_BYTES);
        }
        final OfferEntry[] entries = new OfferEntry[count];
        for (int i = 0; i < count; i++) {
            final int code = r.u8("entries.kind");
            final EntryKind kind = EntryKind.ofCodeOrNull(code);
            if (kind == null) {
                throw r.fail("entries[" + i + "].kind", code + " is not an entry kind (1..4)");
            }
            final Sha256Value hash = r.hash(kind, "entries.hash");
            final long size = r.i64("entries.size");
            if (size < 0) {
                throw r.fail("entries[" + i + "].size", Long.toUnsignedString(size) + " exceeds 2^63-1");
            }
            entries[i] = new OfferEntry(kind, hash, size);
        }
        return new Offer(batchId, (flags & OFFER_FLAG_PROBE) != 0, (flags & OFFER_FLAG_PUSH) != 0,
            List.of(entries));
    }

    private static DataChunk readData(final PayloadReader r, final ProtocolLimits limits) {
        final long batchId = r.batchId("batchId");
        final EntryKind kind = r.kind("kind");
        final Sha256Value hash = r.hash(kind, "hash");
        final long totalSize = r.u64("totalSize");
        final long offset = r.u64("offset");
        final int length = r.remaining();
        if (length > limits.maxDataChunkBytes()) {
            throw r.fail("chunk", "of " + length + " bytes exceeds the limit of " + limits.maxDataChunkBytes());
        }
        if (offset > totalSize || length > totalSize - offset) {
            throw r.fail("chunk", "[" + offset + ", +" + length + ") exceeds the entry's totalSize " + totalSize);
        }
        if (length == 0 && totalSize != 0) {
            throw r.fail("chunk", "is empty but the entry has " + totalSize + " bytes");
        }
        final DataChunk data = new DataChunk(batchId, kind, hash, totalSize, offset, r.buffer(), r.position(),
            length);
        r.skip(length, "chunk");
        return data;
    }

    private static DataPack readDataPack(final PayloadReader r, final ProtocolLimits limits) {
        final long batchId = r.batchId("batchId");
        final int count = r.count("entryCount", limits.maxOfferEntries());
        if (count == 0) {
            throw r.fail("entryCount", "is 0; a DATA_PACK holds at least one entry");
        }
        final int start = r.position();
        final int end = DataPack.walk(r.buffer(), start, r.remaining(), count);
        if (end < 0) {
            throw r.fail("entries", "do not hold " + count + " length-prefixed entries in " + r.remaining()
                + " bytes");
        }
        final int length = end - start;
        final DataPack pack = new DataPack(batchId, count, r.buffer(), start, length);
        r.skip(length, "entries");
        return pack;
    }

    private static Want readWant(final PayloadReader r, final ProtocolLimits limits) {
        final long batchId = r.batchId("batchId");
        final int count = r.count("entryCount", limits.maxOfferEntries());
        final int bitmapLength = Want.bitmapLength(count);
        if (r.remaining() != bitmapLength) {
            throw r.fail("bitmap", "is " + r.remaining() + " bytes, but " + count + " entries take "
                + bitmapLength);
        }
        final byte[] buf = r.buffer();
        final int start = r.position();
        final int used = count & 7;
        if (used != 0 && ((buf[start + bitmapLength - 1] & 0xFF) >>> used) != 0) {
            throw r.fail("bitmap", "has bits set beyond entry " + (count - 1));
        }
        final byte[] bitmap = new byte[bitmapLength];
        System.arraycopy(buf, start, bitmap, 0, bitmapLength);
        r.skip(bitmapLength, "bitmap");
        return new Want(batchId, count, bitmap);
    }

    private static Ack readAck(final PayloadReader r, final ProtocolLimits limits) {
        final long batchId = r.batchId("batchId");
        final int stored = r.count("stored", limits.maxOfferEntries());
        final int alreadyPresent = r.count("alreadyPresent", limits.maxOfferEntries());
        if (stored + alreadyPresent > limits.maxOfferEntries()) {
            throw r.fail("alreadyPresent", "plus stored is " + (stored + alreadyPresent)
                + ", more than a batch holds (" + limits.maxOfferEntries() + ')');
        }
        return new Ack(batchId, stored, alreadyPresent);
    }
}
