package io.chum.microdata;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.nio.charset.StandardCharsets;

/** A read position in microdata for {@link MicrodataParser}. Not thread-safe; one per parse. */
final class Cursor {
    final byte[] md;
    /** Told of every reference as it is read, or null. */
    final ReferenceVisitor references;
    int pos;

    Cursor(final byte[] md, final int pos, final ReferenceVisitor references) {
        this.md = md;
        this.pos = pos;
        this.references = references;
    }

    boolean startsWith(final Tag literal) {
        return Bytes.startsWith(md, pos, literal);
    }

    /** Consumes {@code literal} if it is next. */
    boolean skip(final Tag literal) {
        if (startsWith(literal)) {
            pos += literal.length();
            return true;
        }
        return false;
    }

    void expect(final Tag literal) {
        if (!skip(literal)) {
            throw bad("expected " + literal);
        }
    }

    void expectEnd() {
        if (pos != md.length) {
            throw bad("trailing bytes");
        }
    }

    /**
     * The text up to the next {@code <}, decoded and unescaped. Only {@code &amp; &lt; &gt;} are entities;
     * any other {@code &} is refused. Invalid UTF-8 decodes to U+FFFD and fails the canonical re-render.
     */
    String text() {
        final int lt = Bytes.indexOf(md, (byte) '<', pos);
        if (lt < 0) {
            throw bad("text not followed by a tag");
        }
        final String raw = new String(md, pos, lt - pos, StandardCharsets.UTF_8);
        final String text = raw.indexOf('&') < 0 ? raw : unescape(raw);
        pos = lt;
        return text;
    }

    private String unescape(final String raw) {
        final StringBuilder sb = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            final char c = raw.charAt(i);
            if (c != '&') {
                sb.append(c);
                i++;
            } else if (raw.startsWith("&amp;", i)) {
                sb.append('&');
                i += 5;
            } else if (raw.startsWith("&lt;", i)) {
                sb.append('<');
                i += 4;
            } else if (raw.startsWith("&gt;", i)) {
                sb.append('>');
                i += 4;
            } else {
                throw bad("'&' that is not &amp;, &lt; or &gt;");
            }
        }
        return sb.toString();
    }

    ChumException bad(final String message) {
        return bad(message, null);
    }

    ChumException bad(final String message, final Throwable cause) {
        return new ChumException(ErrorCode.BAD_MICRODATA, message + " at byte " + pos, cause);
    }
}
