package io.chum.store;

/**
 * Checks, block by block, that a byte stream is well-formed UTF-8 (Unicode table 3-7: no overlong forms, no
 * surrogates, nothing above U+10FFFF), with sequences split across blocks. Used for CLOBs, which are UTF-8 text.
 * Not thread-safe: one per stream.
 */
final class Utf8Validator {
    /** Continuation bytes still expected in the current sequence. */
    private int pending;
    /** Allowed range of the next continuation byte (the second byte of some sequences is restricted). */
    private int low = 0x80;
    private int high = 0xBF;
    private long offset;
    private long errorOffset = -1;

    /** Feeds {@code b[off, off + len)}; returns false once an invalid byte was seen. */
    boolean update(final byte[] b, final int off, final int len) {
        if (errorOffset >= 0) {
            return false;
        }
        for (int i = off; i < off + len; i++) {
            final int c = b[i] & 0xFF;
            if (pending > 0) {
                if (c < low || c > high) {
                    errorOffset = offset + i - off;
                    return false;
                }
                low = 0x80;
                high = 0xBF;
                pending--;
            } else if (c >= 0x80 && !startSequence(c)) {
                errorOffset = offset + i - off;
                return false;
            }
        }
        offset += len;
        return true;
    }

    private boolean startSequence(final int c) {
        if (c >= 0xC2 && c <= 0xDF) {
            pending = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            pending = 2;
            if (c == 0xE0) {
                low = 0xA0;
            } else if (c == 0xED) {
                high = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            pending = 3;
            if (c == 0xF0) {
                low = 0x90;
            } else if (c == 0xF4) {
                high = 0x8F;
            }
        } else {
            return false;
        }
        return true;
    }

    /** True if everything fed was valid and no sequence is left open. */
    boolean isComplete() {
        return errorOffset < 0 && pending == 0;
    }

    /** Offset of the first invalid byte, or the end offset for a truncated last sequence. */
    long problemOffset() {
        return errorOffset >= 0 ? errorOffset : offset;
    }
}
