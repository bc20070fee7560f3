package io.chum.microdata;

/** The fixed markup of canonical microdata (one-spec §1.2). Constants only. */
final class Tags {
    static final String START_TEXT = "<div itemscope itemtype=\"//refin.io/";
    static final String ID_START_TEXT = "<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/";

    static final Tag START = Tag.of(START_TEXT);
    static final Tag ID_START = Tag.of(ID_START_TEXT);
    /** What an ID object puts before the part after {@code <div } of the original opening tag. */
    static final Tag ID_ATTRIBUTE = Tag.of("<div data-id-object=\"true\" ");
    static final Tag DIV_OPEN = Tag.of("<div ");
    static final Tag DIV_CLOSE = Tag.of("</div>");
    static final Tag LI = Tag.of("<li>");
    static final Tag LI_CLOSE = Tag.of("</li>");
    static final Tag DT = Tag.of("<dt>");
    static final Tag DT_CLOSE_DD = Tag.of("</dt><dd>");
    static final Tag DD_CLOSE = Tag.of("</dd>");
    static final Tag TRUE = Tag.of("true");
    static final Tag FALSE = Tag.of("false");
    static final Tag ITEMPROP = Tag.of(" itemprop=\"");
    static final Tag DATA_TYPE = Tag.of(" data-type=\"");
    static final Tag A_CLOSE = Tag.of("</a>");
    static final Tag EMPTY = Tag.of("");

    private Tags() {
    }
}
