package io.chum.protocol;

import java.util.Objects;

/**
 * Argument checks shared by the message records: what the wire format can represent. A failed check is a
 * local programming error ({@code IllegalArgumentException} / {@code NullPointerException}); the decoder
 * checks every field before it builds a record, so peers never reach these. Stateless.
 */
final class Require {
    /** u64 fields hold 0..2^63-1. */
    static long nonNegative(final long value, final String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    static int nonNegative(final int value, final String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /** Batch ids start at 1. */
    static long batchId(final long value) {
        if (value < 1) {
            throw new IllegalArgumentException("batchId must be at least 1: " + value);
        }
        return value;
    }

    /** Non-null, well-formed UTF-16 and at most 65535 UTF-8 bytes (the u16 length prefix). */
    static String string(final String value, final String name) {
        Objects.requireNonNull(value, name);
        final int length = Utf8.encodedLength(value);
        if (length < 0) {
            throw new IllegalArgumentException(name + " has an unpaired surrogate");
        }
        if (length > 0xFFFF) {
            throw new IllegalArgumentException(name + " has " + length + " UTF-8 bytes; at most 65535 fit");
        }
        return value;
    }

    private Require() {
    }
}
