package io.chum.protocol;

import io.chum.model.Hash;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid messages of every type, for round-trip and fuzz tests. */
final class TestMessages {
    /** The frame types of protocol version 1. */
    static final byte[] KNOWN_TYPES = {
        MessageType.HELLO, MessageType.ERROR, MessageType.FIN, MessageType.PING, MessageType.PONG,
        MessageType.OFFER, MessageType.DATA, MessageType.DATA_PACK, MessageType.BATCH_END, MessageType.FULL_SYNC, MessageType.PROGRESS,
        MessageType.WANT, MessageType.ACK, MessageType.FULL_SYNC_ACK,
    };

    private static final EntryKind[] KINDS = EntryKind.values();
    private static final String CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    private TestMessages() {
    }

    static Hash hash(final Random rnd) {
        return Hash.of(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }

    static IdHash idHash(final Random rnd) {
        return IdHash.of(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }

    static Sha256Value hashFor(final EntryKind kind, final Random rnd) {
        return kind == EntryKind.ID_OBJECT ? idHash(rnd) : hash(rnd);
    }

    static EntryKind kind(final Random rnd) {
        return KINDS[rnd.nextInt(KINDS.length)];
    }

    /** A value skewed towards the edges: 0, 1, max, and random in between. */
    static long nonNegative(final Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0: return 0;
            case 1: return 1;
            case 2: return Long.MAX_VALUE;
            case 3: return rnd.nextInt(1 << 16);
            default: return rnd.nextLong() & Long.MAX_VALUE;
        }
    }

    static long batchId(final Random rnd) {
        return Math.max(1, nonNegative(rnd));
    }

    static int count(final Random rnd, final int max) {
        switch (rnd.nextInt(5)) {
            case 0: return 0;
            case 1: return max;
            case 2: return rnd.nextInt(max + 1);
            default: return rnd.nextInt(Math.min(max, 40) + 1);
        }
    }

    /** A random string of at most maxBytes UTF-8 bytes mixing 1-, 2-, 3- and 4-byte characters. */
    static String string(final Random rnd, final int maxBytes) {
        final int budget = rnd.nextInt(4) == 0 ? maxBytes : rnd.nextInt(Math.min(maxBytes, 48) + 1);
        final StringBuilder sb = new StringBuilder();
        int bytes = 0;
        while (true) {
            final int cp;
            switch (rnd.nextInt(4)) {
                case 0: cp = 0x20 + rnd.nextInt(0x5F); break;
                case 1: cp = 0x80 + rnd.nextInt(0x800 - 0x80); break;
                case 2: cp = 0xE000 + rnd.nextInt(0x1000); break;
                default: cp = 0x10000 + rnd.nextInt(0x100000 - 0x10000); break;
            }
            final int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                return sb.toString();
            }
            sb.appendCodePoint(cp);
            bytes += size;
        }
    }

    static String code(final Random rnd) {
        final int n = 1 + rnd.nextInt(ChumProtocol.MAX_ERROR_CODE_LENGTH);
        final StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(CODE_CHARS.charAt(rnd.nextInt(CODE_CHARS.length())));
        }
        return sb.toString();
    }

    static List<OfferEntry> entries(final Random rnd, final int n) {
        final List<OfferEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final EntryKind kind = kind(rnd);
            entries.add(new OfferEntry(kind, hashFor(kind, rnd), nonNegative(rnd)));
        }
        return entries;
    }

    /** A random valid message of frame type {@code type} within {@code limits}. */
    static Message random(final byte type, final Random rnd, final ProtocolLimits limits) {
        final int maxString = limits.maxStringBytes();
        switch (type) {
            case MessageType.HELLO:
                if (rnd.nextInt(8) == 0) {
                    return new ForeignHello(rnd.nextBoolean() ? 2 : rnd.nextInt() | 2);
                }
                return new Hello(idHash(rnd), string(rnd, maxString), string(rnd, maxString), rnd.nextBoolean(),
                    rnd.nextBoolean() ? 1 + rnd.nextInt(1000) : Integer.MAX_VALUE, nonNegative(rnd),
                    nonNegative(rnd), string(rnd, maxString));
            case MessageType.ERROR:
                return new ErrorMessage(code(rnd), string(rnd, maxString), rnd.nextBoolean());
            case MessageType.FIN:
                return rnd.nextBoolean() ? Fin.DONE : Fin.STOPPING;
            case MessageType.PING:
                return new Ping(rnd.nextLong());
            case MessageType.PONG:
                return new Pong(rnd.nextLong());
            case MessageType.OFFER: {
                final int kind = rnd.nextInt(3);   // 0 data, 1 PROBE, 2 PUSH
                return new Offer(batchId(rnd), kind == 1, kind == 2,
                    entries(rnd, count(rnd, Math.min(limits.maxOfferEntries(), 300))));
            }
            case MessageType.DATA:
                return randomData(rnd, limits);
            case MessageType.DATA_PACK:
                return randomPack(rnd, limits);
            case MessageType.BATCH_END:
                return new BatchEnd(batchId(rnd), count(rnd, limits.maxOfferEntries()));
            case MessageType.FULL_SYNC:
                return new FullSync(nonNegative(rnd), nonNegative(rnd));
            case MessageType.PROGRESS:
                return new Progress(nonNegative(rnd), nonNegative(rnd));
            case MessageType.WANT: {
                final boolean[] wanted = new boolean[count(rnd, limits.maxOfferEntries())];
                for (int i = 0; i < wanted.length; i++) {
                    wanted[i] = rnd.nextBoolean();
                }
                return Want.of(batchId(rnd), wanted);
            }
            case MessageType.ACK: {
                final int stored = count(rnd, limits.maxOfferEntries());
                return new Ack(batchId(rnd), stored, count(rnd, limits.maxOfferEntries() - stored));
            }
            case MessageType.FULL_SYNC_ACK:
                return new FullSyncAck(nonNegative(rnd));
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private static DataPack randomPack(final Random rnd, final ProtocolLimits limits) {
        final int count = 1 + rnd.nextInt(Math.min(limits.maxOfferEntries(), 20));
        final int[] sizes = new int[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            sizes[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40);
            total += sizes[i];
        }
        final DataPackWriter w = new DataPackWriter(batchId(rnd), count, total, limits.maxPayloadBytes());
        for (final int size : sizes) {
            final byte[] b = new byte[size + 2];
            rnd.nextBytes(b);
            w.add(b, 1, size);
        }
        final byte[] payload = w.finish();
        final DataPack decoded = (DataPack) MessageCodec.decode(MessageType.DATA_PACK, payload, 0, payload.length,
            limits);
        // A copy with some room around it, so that offsets are exercised too.
        final byte[] region = new byte[decoded.length() + 3];
        System.arraycopy(payload, decoded.offset(), region, 1, decoded.length());
        return new DataPack(decoded.batchId(), count, region, 1, decoded.length());
    }

    private static DataChunk randomData(final Random rnd, final ProtocolLimits limits) {
        final EntryKind kind = kind(rnd);
        final int length = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(Math.min(limits.maxDataChunkBytes(), 200));
        final byte[] buffer = new byte[length + rnd.nextInt(4)];
        rnd.nextBytes(buffer);
        final int bufferOffset = rnd.nextInt(buffer.length - length + 1);
        if (length == 0) {
            return new DataChunk(batchId(rnd), kind, hashFor(kind, rnd), 0, 0, buffer, bufferOffset, 0);
        }
        final long totalSize = Math.max(length, nonNegative(rnd));
        final long room = totalSize - length;
        final long back = rnd.nextBoolean() ? 0 : Math.min(room, (long) (rnd.nextDouble() * room));
        final long offset = rnd.nextBoolean() ? 0 : room - back;
        return new DataChunk(batchId(rnd), kind, hashFor(kind, rnd), totalSize, offset, buffer, bufferOffset,
            length);
    }
}
