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
 *   <li>{@code \v} is the vertical tab, and {@code \b} in a class a backspace;</li>
 *   <li>{@code [^]} is any character, {@code []} none; {@code [} and {@code &} in a class are plain characters;</li>
 *   <li>a {@code {} that starts no quantifier is a plain character;</li>
 *   <li>{@code \b} and {@code \B} know only ASCII word characters, as {@code \w} does;</li>
 *   <li>{@code \1} is a backreference only if the pattern has that group, else a character code (octal) or the
 *       digit itself; {@code \x} and <code>&#92;u</code> without their hex digits, {@code \c} without a letter
 *       and {@code \k} without named groups are plain characters;</li>
 *   <li>other escaped letters are those letters ({@code \A} matches {@code A}), as in JavaScript without the
 *       {@code u} flag.</li>
 * </ul>
 *
 * Java-only syntax that JavaScript refuses (inline flags such as {@code (?i)}, atomic groups, possessive
 * quantifiers) is refused: {@link PatternSyntaxException}.
 * Two differences remain: JavaScript without the {@code u} flag sees a character outside the Basic Multilingual
 * Plane as two code units, Java as one code point, so {@code ^.$} matches an emoji here and not in JavaScript; and a
 * backreference to a group that took no part in the match matches the empty string in JavaScript, nothing in Java
 * (one to a later group, always empty in JavaScript, is refused).
 *
 * <p>Stateless and thread-safe.
 */
public final class JsRegExp {
    /** JavaScript's {@code \s}: WhiteSpace and LineTerminator of ECMA-262, without the brackets. */
    private static final String WHITE_SPACE =
        "\\t\\n\\x0B\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
    private static final String ESCAPES_KEPT = "dDwWfnrt";
    /** JavaScript's {@code \b}: between an ASCII word character and anything else (Java's counts {@code é}). */
    private static final String WORD_BOUNDARY = "(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))";
    private static final String NOT_WORD_BOUNDARY = "(?:(?<=\\w)(?=\\w)|(?<!\\w)(?!\\w))";

    private JsRegExp() {
    }

    /** The JavaScript regexp {@code source} as a Java pattern with the same matches (see the class comment). */
    public static Pattern compile(final String source) {
        return Pattern.compile(toJava(source));
    }

    /** The Java form of {@code source}; {@link PatternSyntaxException} for what JavaScript would refuse. */
    static String toJava(final String source) {
        final int groups = captureGroups(source);
        final boolean named = hasNamedGroup(source);
        final StringBuilder out = new StringBuilder(source.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            final char c = source.charAt(i);
            if (c == '\\') {
                if (i + 1 == source.length()) {
                    throw new PatternSyntaxException("\\ at end of pattern", source, i);
                }
                i = escape(source, i + 1, inClass, groups, named, out);
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
    private static int escape(final String source, final int i, final boolean inClass, final int groups,
                              final boolean named, final StringBuilder out) {
        final char e = source.charAt(i);
        switch (e) {
            case 's' -> out.append(inClass ? WHITE_SPACE : "[" + WHITE_SPACE + "]");
            case 'S' -> out.append("[^" + WHITE_SPACE + "]");
            case 'v' -> out.append("\\x0B");
            case 'b' -> out.append(inClass ? "\\x08" : WORD_BOUNDARY);
            case 'B' -> out.append(inClass ? "B" : NOT_WORD_BOUNDARY);
            case 'c' -> {
                if (i + 1 < source.length() && isAsciiLetter(source.charAt(i + 1))) {
                    out.append("\\c").append(source.charAt(i + 1));
                    return i + 1;
                }
                out.append("\\\\c"); // no control letter: a backslash and a c, as JavaScript reads it
            }
            case 'x' -> {
                return hexEscape(source, i, 2, out);
            }
            case 'u' -> {
                return hexEscape(source, i, 4, out);
            }
            case 'k' -> {
                if (!named) {
                    out.append('k'); // without named groups, \k is a k
                    return i;
                }
                out.append("\\k");
            }
            default -> {
                if (e >= '0' && e <= '9') {
                    return number(source, i, inClass, groups, out);
                }
                if (ESCAPES_KEPT.indexOf(e) >= 0 || !Character.isLetterOrDigit(e)) {
                    out.append('\\').append(e);
                } else {
                    out.append(e); // an identity escape: \A is A
                }
            }
        }
        return i;
    }

    /** {@code \xHH} or <code>&#92;uHHHH</code>; with fewer hex digits, the letter itself ({@code \x4} is x4). */
    private static int hexEscape(final String source, final int i, final int digits, final StringBuilder out) {
        boolean hex = i + digits < source.length();
        for (int k = 1; hex && k <= digits; k++) {
            hex = Character.digit(source.charAt(i + k), 16) >= 0;
        }
        if (hex) {
            out.append('\\').append(source, i, i + digits + 1);
            return i + digits;
        }
        out.append(source.charAt(i));
        return i;
    }

    /**
     * {@code \0} and {@code \N}: a backreference where the pattern has group N (refused when the group comes later,
     * which JavaScript matches as empty), else JavaScript's legacy reading: octal digits are a character code, 8 and
     * 9 themselves.
     */
    private static int number(final String source, final int i, final boolean inClass, final int groups,
                              final StringBuilder out) {
        int end = i;
        while (end + 1 < source.length() && Character.isDigit(source.charAt(end + 1))) {
            end++;
        }
        final int n = Integer.parseInt(source.substring(i, end + 1));
        if (!inClass && n >= 1 && n <= groups) {
            if (captureGroups(source.substring(0, i)) < n) {
                throw new PatternSyntaxException("a backreference to a later group (JavaScript matches it as empty)",
                    source, i);
            }
            out.append('\\').append(n);
            return end;
        }
        int octalEnd = i;
        int code = 0;
        while (octalEnd <= end && source.charAt(octalEnd) <= '7'
            && code * 8 + source.charAt(octalEnd) - '0' <= 0377) {
            code = code * 8 + source.charAt(octalEnd) - '0';
            octalEnd++;
        }
        if (octalEnd == i) {
            out.append(source.charAt(i)); // \8 and \9 are the digits themselves
            return i;
        }
        out.append(String.format("\\x{%x}", code));
        return octalEnd - 1;
    }

    private static boolean isAsciiLetter(final char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The capture groups of {@code source}: its {@code (}s that are not escaped, in no class, and not {@code (?}. */
    private static int captureGroups(final String source) {
        int count = 0;
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            final char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(' && (!source.startsWith("(?", i) || isNamedGroup(source, i))) {
                count++;
            }
        }
        return count;
    }

    private static boolean hasNamedGroup(final String source) {
        for (int i = source.indexOf("(?<"); i >= 0; i = source.indexOf("(?<", i + 1)) {
            if (isNamedGroup(source, i)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code source} has {@code (?<name>} at {@code i}, not a lookbehind. */
    private static boolean isNamedGroup(final String source, final int i) {
        return source.startsWith("(?<", i) && i + 3 < source.length() && Character.isLetter(source.charAt(i + 3));
    }

    /** JavaScript's groups: {@code (?:}, lookarounds and named groups; anything else is a Java extension. */
    private static void requireJsGroup(final String source, final int i) {
        if (source.startsWith("(?:", i) || source.startsWith("(?=", i) || source.startsWith("(?!", i)
            || source.startsWith("(?<=", i) || source.startsWith("(?<!", i) || isNamedGroup(source, i)) {
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
