package io.chum.microdata;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The opening tag of object microdata: {@code <div [data-id-object="true" ]itemscope itemtype="//refin.io/T">}.
 *
 * @param type     the type name
 * @param idObject true for ID-object microdata
 * @param end      offset just after the opening tag
 */
record Header(String type, boolean idObject, int end) {

    /** Reads the header of {@code md}; {@code CS-MICRODATA} if it has none. */
    static Header of(final byte[] md) {
        final boolean id = Bytes.startsWith(md, 0, Tags.ID_START);
        final int typeStart;
        if (id) {
            typeStart = Tags.ID_START.length();
        } else if (Bytes.startsWith(md, 0, Tags.START)) {
            typeStart = Tags.START.length();
        } else {
            throw bad("microdata does not start with a ONE object header");
        }
        final int quote = Bytes.indexOf(md, (byte) '"', typeStart);
        if (quote <= typeStart || quote + 1 >= md.length || md[quote + 1] != '>') {
            throw bad("malformed ONE object header");
        }
        for (int i = typeStart; i < quote; i++) {
            if (md[i] == '<' || md[i] == '>') {
                throw bad("malformed type name in ONE object header");
            }
        }
        return new Header(decodeStrict(md, typeStart, quote - typeStart), id, quote + 2);
    }

    private static String decodeStrict(final byte[] md, final int offset, final int length) {
        if (isAscii(md, offset, length)) {
            // the usual type name; a decoder per parse would cost more than the rest of the header
            return new String(md, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(md, offset, length)).toString();
        } catch (final CharacterCodingException e) {
            throw bad("type name is not valid UTF-8");
        }
    }

    private static boolean isAscii(final byte[] md, final int offset, final int length) {
        for (int i = offset; i < offset + length; i++) {
            if (md[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static ChumException bad(final String message) {
        return new ChumException(ErrorCode.BAD_MICRODATA, message);
    }
}
