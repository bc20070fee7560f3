package io.chum.model;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A recipe's {@code regexp} as ONE reads it: the source of a JavaScript {@code RegExp} without flags, tested with
 * {@code RegExp.test} (a search). Java's regular expressions differ in the details, so the source is translated:
 *
 * <ul>
 *   <li>{@code $} matches only at the end of the string ({@code \z}), not also before a final line break;</li>
 *   <li>{@code .} is any character but the four JavaScript line terminators ({@code \n \r \u2028 \u2029});</li>
 *   <li>{@code \s} and {@code \S} use JavaScript's white space, which includes {@code \u00a0} and {@code \ufeff};</li>
 *   <li>{@code \v} is the vertical tab, {@code \0} NUL, and {@code \b} in a class a backspace;</li>
 *   <li>{@code [^]} is any character, {@code []} none; {@code [} and {@code &} in a class are plain characters;</li>
 *   <li>a {@code {} that starts no quantifier is a plain character;</li>
 *   <li>other escaped letters are those letters ({@code \A} matches {@code A}), as in JavaScript without the
 *       {@code u} flag.</li>
 * </ul>
 *
 * Java-only syntax that JavaScript refuses (inline flags such as {@code (?i)}, atomic groups, possessive
 * quantifiers) is refused, and so are JavaScript's legacy octal escapes ({@code \01}): {@link PatternSyntaxException}. One difference remains: JavaScript without the
 * {@code u} flag sees a character outside the Basic Multilingual Plane as two code units, Java as one code point,
 * so {@code ^.$} matches an emoji here and not in JavaScript.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsRegExp {
    /** JavaScript's {@code \s}: WhiteSpace and LineTerminator of ECMA-262, without the brackets. */
    private static final String WHITE_SPACE =
        "\\t\\n\\x0B\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
    private static final String ESCAPES_KEPT = "dDwWfnrtcxuk123456789";

    private JsRegExp() {
    }

    /** The JavaScript regexp {@code source} as a Java pattern with the same matches (see the class comment). */
    public static Pattern compile(final String source) {
        return Pattern.compile(toJava(source));
    }

    /** The Java form of {@code source}; {@link PatternSyntaxException} for what JavaScript would refuse. */
    static String toJava(final String source) {
        final StringBuilder out = new StringBuilder(source.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            final char c = source.charAt(i);
            if (c == '\\') {
                if (i + 1 == source.length()) {
                    throw new PatternSyntaxException("\\ at end of pattern", source, i);
                }
                i = escape(source, i + 1, inClass, out);
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                    out.append(c);
                } else {
                    out.append(c == '[' || c == '&' ? "\\" + c : String.valueOf(c));
                }
            } else if (c == '[') {
                if (source.startsWith("[^]", i)) {
                    out.append("[\\s\\S]");
                    i += 2;
                } else if (source.startsWith("[]", i)) {
                    out.append("(?!)");
                    i += 1;
                } else {
                    inClass = true;
                    out.append(c);
                    if (i + 1 < source.length() && source.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                }
            } else if (c == '$') {
                out.append("\\z");
            } else if (c == '.') {
                out.append("[^\\n\\r\\u2028\\u2029]");
            } else if (c == '(' && source.startsWith("(?", i)) {
                requireJsGroup(source, i);
                out.append(c);
            } else if (c == '{') {
                out.append(isQuantifier(source, i) ? "{" : "\\{");
            } else if ((c == '+' || c == '?' || c == '*' || c == '}') && i + 1 < source.length()
                && source.charAt(i + 1) == '+' && (c != '}' || isQuantifierEnd(source, i))) {
                throw new PatternSyntaxException("possessive quantifiers are not JavaScript", source, i + 1);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends the escape at {@code source[i]} (the char after the backslash); returns the index of its last char. */
    private static int escape(final String source, final int i, final boolean inClass, final StringBuilder out) {
        final char e = source.charAt(i);
        switch (e) {
            case 's' -> out.append(inClass ? WHITE_SPACE : "[" + WHITE_SPACE + "]");
            case 'S' -> out.append("[^" + WHITE_SPACE + "]");
            case 'v' -> out.append("\\x0B");
            case 'b' -> out.append(inClass ? "\\x08" : "\\b");
            case 'B' -> out.append(inClass ? "B" : "\\B");
            case '0' -> {
                if (i + 1 < source.length() && Character.isDigit(source.charAt(i + 1))) {
                    throw new PatternSyntaxException("octal escapes are not supported", source, i);
                }
                out.append("\\x00");
            }
            default -> {
                if (ESCAPES_KEPT.indexOf(e) >= 0 || !Character.isLetterOrDigit(e)) {
                    out.append('\\').append(e);
                } else {
                    out.append(e); // an identity escape: \A is A
                }
            }
        }
        return i;
    }

    /** JavaScript's groups: {@code (?:}, lookarounds and named groups; anything else is a Java extension. */
    private static void requireJsGroup(final String source, final int i) {
        if (source.startsWith("(?:", i) || source.startsWith("(?=", i) || source.startsWith("(?!", i)
            || source.startsWith("(?<=", i) || source.startsWith("(?<!", i)
            || (source.startsWith("(?<", i) && i + 3 < source.length() && Character.isLetter(source.charAt(i + 3)))) {
            return;
        }
        throw new PatternSyntaxException("not a JavaScript group (inline flags, atomic groups and comments are "
            + "Java's)", source, i);
    }

    /** True if the {@code {} at {@code i} starts {@code {n}}, {@code {n,}} or {@code {n,m}}. */
    private static boolean isQuantifier(final String source, final int i) {
        int j = i + 1;
        final int digits = j;
        while (j < source.length() && Character.isDigit(source.charAt(j))) {
            j++;
        }
        if (j == digits || j == source.length()) {
            return false;
        }
        if (source.charAt(j) == ',') {
            j++;
            while (j < source.length() && Character.isDigit(source.charAt(j))) {
                j++;
            }
        }
        return j < source.length() && source.charAt(j) == '}';
    }

    /** True if the {@code }} at {@code i} closes a quantifier. */
    private static boolean isQuantifierEnd(final String source, final int i) {
        final int open = source.lastIndexOf('{', i);
        return open >= 0 && isQuantifier(source, open);
    }
}
