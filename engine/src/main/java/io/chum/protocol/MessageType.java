package io.chum.protocol;

/**
 * The frame type bytes of the chum protocol, their names and which role sends each.
 *
 * <p>The high nibble tells the sender: {@code 0x0_} the session (either side, connection level),
 * {@code 0x1_} an exporter (received by the peer's importer), {@code 0x2_} an importer (received by the
 * peer's exporter). Type 0 and every byte not listed are invalid. HELLO ({@code 0x01}) and ERROR
 * ({@code 0x02}) keep their type bytes and layouts in every protocol version. Constants only; thread-safe.
 */
public final class MessageType {
    /** Session: first message of each side; carries the protocol version first. */
    public static final byte HELLO = 0x01;
    /** Session: an error report, fatal or not. */
    public static final byte ERROR = 0x02;
    /** Session: this side will offer nothing more (done, or stopping the chum). */
    public static final byte FIN = 0x03;
    /** Session: heartbeat request. */
    public static final byte PING = 0x04;
    /** Session: heartbeat answer, echoing the PING payload. */
    public static final byte PONG = 0x05;

    /** Exporter to importer: a batch of entries (kind, hash, size) in dependency order. */
    public static final byte OFFER = 0x10;
    /** Exporter to importer: bytes of one wanted entry, possibly one chunk of several. */
    public static final byte DATA = 0x11;
    /** Exporter to importer: all wanted entries of a batch have been sent. */
    public static final byte BATCH_END = 0x12;
    /** Exporter to importer: everything of the start snapshot has been offered. */
    public static final byte FULL_SYNC = 0x13;
    /** Exporter to importer: totals known so far, for progress display. */
    public static final byte PROGRESS = 0x14;
    /** Exporter to importer: several whole wanted entries of a batch in one frame. */
    public static final byte DATA_PACK = 0x15;

    /** Importer to exporter: which entries of an offered batch the importer lacks. */
    public static final byte WANT = 0x20;
    /** Importer to exporter: a batch is verified and committed. */
    public static final byte ACK = 0x21;
    /** Importer to exporter: every batch up to the FULL_SYNC mark is committed. */
    public static final byte FULL_SYNC_ACK = 0x22;

    /** Which role sends a message type. */
    public enum Sender {
        /** Either side, about the connection as a whole (HELLO, ERROR, FIN, PING, PONG). */
        SESSION,
        /** The exporter of one side; the peer's importer handles it. */
        EXPORTER,
        /** The importer of one side; the peer's exporter handles it. */
        IMPORTER
    }

    private static final String HEX = "0123456789abcdef";
    private static final String[] NAMES = new String[256];

    static {
        NAMES[HELLO] = "HELLO";
        NAMES[ERROR] = "ERROR";
        NAMES[FIN] = "FIN";
        NAMES[PING] = "PING";
        NAMES[PONG] = "PONG";
        NAMES[OFFER] = "OFFER";
        NAMES[DATA] = "DATA";
        NAMES[BATCH_END] = "BATCH_END";
        NAMES[FULL_SYNC] = "FULL_SYNC";
        NAMES[PROGRESS] = "PROGRESS";
        NAMES[DATA_PACK] = "DATA_PACK";
        NAMES[WANT] = "WANT";
        NAMES[ACK] = "ACK";
        NAMES[FULL_SYNC_ACK] = "FULL_SYNC_ACK";
    }

    private MessageType() {
    }

    /** True if {@code type} is a frame type of this protocol version. */
    public static boolean isKnown(final byte type) {
        return NAMES[type & 0xFF] != null;
    }

    /** The name of a frame type, e.g. {@code OFFER}, or {@code 0x7f} style hex for an unknown one. */
    public static String name(final byte type) {
        final String name = NAMES[type & 0xFF];
        return name != null ? name : "0x" + HEX.charAt((type >> 4) & 0xF) + HEX.charAt(type & 0xF);
    }

    /** The role that sends a known frame type; {@code IllegalArgumentException} for an unknown one. */
    public static Sender sender(final byte type) {
        if (!isKnown(type)) {
            throw new IllegalArgumentException("unknown frame type " + name(type));
        }
        switch (type & 0xF0) {
            case 0x10: return Sender.EXPORTER;
            case 0x20: return Sender.IMPORTER;
            default: return Sender.SESSION;
        }
    }
}
