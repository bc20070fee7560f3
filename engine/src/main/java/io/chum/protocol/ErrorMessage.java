package io.chum.protocol;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.util.Objects;

/**
 * ERROR: a side reports a problem to its peer. A fatal error ends the chum: the sender closes the connection
 * after sending it. Immutable; thread-safe.
 *
 * @param code    a stable error code such as {@code CS-MISMATCH}: 1..64 characters of {@code A-Z a-z 0-9 - _ .}
 * @param message a human-readable explanation
 * @param fatal   whether the sender ends the chum
 */
public record ErrorMessage(String code, String message, boolean fatal) implements Message {
    /** Checks the fields can be sent. */
    public ErrorMessage {
        Objects.requireNonNull(code, "code");
        if (!isValidCode(code)) {
            throw new IllegalArgumentException("not a valid error code: \"" + code + '"');
        }
        Require.string(message, "message");
    }

    /**
     * An ERROR for {@code errorCode}, with {@code message} cut at a character boundary so that it fits the
     * string limit of {@link ProtocolLimits#DEFAULT}.
     */
    public static ErrorMessage of(final ErrorCode errorCode, final String message, final boolean fatal) {
        return new ErrorMessage(errorCode.code(), truncate(message, ProtocolLimits.DEFAULT.maxStringBytes()),
            fatal);
    }

    /** An ERROR reporting {@code e} (its code and its message without the code prefix). */
    public static ErrorMessage of(final ChumException e, final boolean fatal) {
        return of(e.errorCode(), String.valueOf(e.reason()), fatal);
    }

    /** The matching {@link ErrorCode}, or {@link ErrorCode#INTERNAL} for a code this version does not know. */
    public ErrorCode errorCode() {
        return ErrorCode.fromCode(code);
    }

    @Override
    public byte frameType() {
        return MessageType.ERROR;
    }

    /** True if {@code code} is 1..64 characters of {@code A-Z a-z 0-9 - _ .}. */
    public static boolean isValidCode(final CharSequence code) {
        final int n = code.length();
        if (n < 1 || n > ChumProtocol.MAX_ERROR_CODE_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!isCodeChar(code.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isCodeChar(final int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_' || c == '.';
    }

    /** The longest prefix of {@code s} (whole code points, unpaired surrogates replaced) within maxBytes. */
    static String truncate(final String s, final int maxBytes) {
        final StringBuilder out = new StringBuilder(Math.min(s.length(), maxBytes));
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            final int chars = Character.charCount(cp);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                cp = 0xFFFD;
            }
            final int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += chars;
        }
        return out.toString();
    }
}
