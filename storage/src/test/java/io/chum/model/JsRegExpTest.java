package io.chum.model;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Recipe regexps match as JavaScript's {@code new RegExp(source).test(value)} does. Every expected result was taken
 * from node (v20.20.2, 2026-11-30), not reasoned out.
 */
class JsRegExpTest {

    static Stream<Arguments> asNodeTestsThem() {
        return Stream.of(
            Arguments.of("^[a-z]+$", "abc", true),
            Arguments.of("^[a-z]+$", "abc\n", false),
            Arguments.of("^[a-z]+$", "abc\r\n", false),
            Arguments.of("^[a-z]+$", "abc\u2028", false),
            Arguments.of("^.$", "\u0085", true),
            Arguments.of("^.$", "\n", false),
            Arguments.of("^.$", "\u2028", false),
            Arguments.of("^.$", "a", true),
            Arguments.of("^\\s$", "\u00a0", true),
            Arguments.of("^\\s$", "\ufeff", true),
            Arguments.of("^\\s$", "\u0085", false),
            Arguments.of("^\\S$", "\u0085", true),
            Arguments.of("^[\\s]$", "\u3000", true),
            Arguments.of("^[^\\s]$", "\u00a0", false),
            Arguments.of("^\\v$", "\u000b", true),
            Arguments.of("^\\v$", "\n", false),
            Arguments.of("^a\\Z", "aZ", true),
            Arguments.of("^a\\Z", "a", false),
            Arguments.of("\\A", "A", true),
            Arguments.of("^[\\b]$", "\b", true),
            Arguments.of("^[^]$", "\n", true),
            Arguments.of("[]", "a", false),
            Arguments.of("^[[]$", "[", true),
            Arguments.of("^[a&&b]$", "&", true),
            Arguments.of("^a{$", "a{", true),
            Arguments.of("^a{2}$", "aa", true),
            Arguments.of("^a{,2}$", "a{,2}", true),
            Arguments.of("^\\0$", "\0", true),
            Arguments.of("^[$]$", "$", true),
            Arguments.of("^\\p{L}+$", "p{L}", true),
            Arguments.of("^\\p{L}+$", "abc", false),
            Arguments.of("^(?:ab)+$", "abab", true),
            Arguments.of("(?<=a)b", "ab", true),
            Arguments.of("^(?<x>a)\\k<x>$", "aa", true),
            Arguments.of("^[A-Za-z0-9+/]{64}$", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true),
            Arguments.of("^[A-Za-z0-9+/]{64}$", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", false),
            Arguments.of("^(undefined|[0-9a-f]{64})$", "undefined", true),
            Arguments.of("^(undefined|[0-9a-f]{64})$", "undefined\n", false),
            Arguments.of("b", "abc", true),
            Arguments.of("^\\d\\w\\W$", "1a-", true),
            Arguments.of("^\\x41\\u0042$", "AB", true),
            Arguments.of("^\\.$", ".", true),
            Arguments.of("^a|b$", "xb", true),
            Arguments.of("^a$|^b", "b\n", true),
            Arguments.of("a\\b", "a\u00e9", true),
            Arguments.of("\\Ba", "\u00e9a", false),
            Arguments.of("^\\8$", "8", true),
            Arguments.of("^\\1$", "\u0001", true),
            Arguments.of("^(a)\\2$", "a\u0002", true),
            Arguments.of("^\\c1$", "\\c1", true),
            Arguments.of("^\\cA$", "\u0001", true),
            Arguments.of("^\\x4$", "x4", true),
            Arguments.of("^\\u12$", "u12", true),
            Arguments.of("^\\u{2}$", "uu", true),
            Arguments.of("^\\k<n>$", "k<n>", true),
            Arguments.of("^(?<n>a)\\k<n>$", "aa", true),
            Arguments.of("^[\\1]$", "\u0001", true),
            Arguments.of("^\\101$", "A", true),
            Arguments.of("^(a)\\1$", "aa", true),
            Arguments.of("^\\0$", "\0", true),
            Arguments.of("^\\08$", "\08", true),
            Arguments.of("\\bfoo\\b", "a foo b", true),
            Arguments.of("^\\x41$", "A", true),
            Arguments.of("^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10$", "abcdefghijj", true),
            Arguments.of("^\\10$", "\b", true)
);
    }

    @ParameterizedTest
    @MethodSource("asNodeTestsThem")
    void shouldMatchAsJavaScriptDoes(final String source, final String value, final boolean matches) {
        assertEquals(matches, JsRegExp.compile(source).matcher(value).find(), () -> source + " → "
            + JsRegExp.toJava(source));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?i)abc", "(?>a)", "a++", "a*+", "a{2}+", "(?#c)", "(?s).", "^\\2(a)(b)$"})
    void shouldRefuseWhatJavaScriptRefuses(final String source) {
        assertThrows(PatternSyntaxException.class, () -> JsRegExp.compile(source));
        final ChumException e = assertThrows(ChumException.class, () -> RecipeJson.fromJson(
            "{\"name\":\"T\",\"rule\":[{\"itemprop\":\"a\",\"itemtype\":{\"type\":\"string\",\"regexp\":"
                + Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(source)) + "}}]}"));
        assertEquals(ErrorCode.BAD_RECIPE, e.errorCode());
    }
}
