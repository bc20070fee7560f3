package io.chum.microdata;

import java.nio.charset.StandardCharsets;

/** The fixed byte sequences of canonical microdata (one-spec §1.2). Constants only. */
final class Tags {
    static final String START_TEXT = "<div itemscope itemtype=\"//refin.io/";
    static final String ID_START_TEXT = "<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/";

    static final byte[] START = ascii(START_TEXT);
    static final byte[] ID_START = ascii(ID_START_TEXT);
    /** What an ID object puts after {@code <div } of the original opening tag. */
    static final byte[] ID_ATTRIBUTE = ascii("<div data-id-object=\"true\" ");
    static final byte[] DIV_OPEN = ascii("<div ");
    static final byte[] HEADER_END = ascii("\">");
    static final byte[] DIV_CLOSE = ascii("</div>");
    static final byte[] LI = ascii("<li>");
    static final byte[] LI_CLOSE = ascii("</li>");
    static final byte[] DT = ascii("<dt>");
    static final byte[] DT_CLOSE_DD = ascii("</dt><dd>");
    static final byte[] DD_CLOSE = ascii("</dd>");
    static final byte[] TRUE = ascii("true");
    static final byte[] FALSE = ascii("false");
    static final byte[] ITEMPROP = ascii(" itemprop=\"");
    static final byte[] DATA_TYPE = ascii(" data-type=\"");
    static final byte[] A_CLOSE = ascii("</a>");
    static final byte[] EMPTY = new byte[0];

    private Tags() {
    }

    static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
