package io.chum.microdata;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number-to-text conversion exactly as JavaScript's {@code Number.prototype.toString()} (ECMAScript
 * Number::toString with radix 10), which is what one.core writes into microdata and JSON.
 *
 * <p>The digits are the shortest that read back as the same double; when several such digit strings exist
 * the one closest to the exact value wins (ties: even last digit). JDK 17's {@link Double#toString} is not
 * always shortest (JDK-4511638), so the digits are computed here. Stateless and thread-safe.
 */
public final class JsNumbers {
    /** {@code Number.MAX_SAFE_INTEGER} = 2^53 − 1. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final double TWO_POW_53 = 9007199254740992.0;
    private static final int MAX_SIGNIFICANT_DIGITS = 17;
    /** Up to this many digits a normal double has at most one shortest decimal. */
    private static final int UNIQUE_DIGITS = 15;

    private JsNumbers() {
    }

    /** A safe integer as JavaScript prints it: plain decimal. */
    public static String format(final long value) {
        return Long.toString(value);
    }

    /** {@code String(value)} in JavaScript: {@code 0.1}, {@code 1e+21}, {@code 1.5e-7}, {@code -0} → {@code 0}. */
    public static String format(final double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) <= TWO_POW_53) {
            // Every integer up to 2^53 is exact and is its own shortest representation; -0.0 casts to 0.
            return Long.toString((long) value);
        }
        final String body = shortest(Math.abs(value)).layout();
        return value < 0 ? "-" + body : body;
    }

    /** {@link #format(double)} computed only with the slow exact reference algorithm; for tests. */
    static String formatExactly(final double value) {
        if (!Double.isFinite(value) || value == 0) {
            return format(value);
        }
        final String body = exactShortest(Math.abs(value)).layout();
        return value < 0 ? "-" + body : body;
    }

    /**
     * The shortest decimal reading back as {@code x} (positive, finite), closest to {@code x} among those.
     *
     * <p>Fast path: JDK 17's {@code Double.toString} gives a decimal D that reads back as x, only sometimes with
     * a digit too many. Whether some p-digit decimal reads back as x can be decided from D's p-digit neighbours
     * instead of x's (a grid point between x and D lies in the rounding interval too), so the length search
     * needs no exact arithmetic. For normal doubles with at most 15 digits the rounding interval (narrower than
     * one ulp, ≤ 2.3e-15 × 10^e) holds at most one such decimal, so it is the answer. Longer results and
     * subnormals pick the closest candidate with the exact value.
     */
    private static Decimal shortest(final double x) {
        final String jdk = Double.toString(x);
        if (x < Double.MIN_NORMAL || Double.parseDouble(jdk) != x) {
            return exactShortest(x);
        }
        final Decimal d = Decimal.parseJava(jdk);
        Decimal best = d;
        for (int p = d.digits.length() - 1; p >= 1; p--) {
            final Decimal shorter = neighbourReadingBackAs(d, x, p);
            if (shorter == null) {
                break;
            }
            best = shorter;
        }
        return best.digits.length() <= UNIQUE_DIGITS ? best : closest(new BigDecimal(x), x, best.digits.length());
    }

    /** floor or ceiling of {@code d} at p < its length digits, if it reads back as {@code x}; else null. */
    private static Decimal neighbourReadingBackAs(final Decimal d, final double x, final int p) {
        final Decimal down = d.floor(p);
        if (down.readsBackAs(x)) {
            return down;
        }
        final Decimal up = d.ceiling(p);
        return up.readsBackAs(x) ? up : null;
    }

    /**
     * The slow, simple reference with exact arithmetic: binary search over the precision (having p digits is
     * monotonic: a p-digit answer is also a (p+1)-digit one).
     */
    private static Decimal exactShortest(final double x) {
        final BigDecimal exact = new BigDecimal(x);
        int lo = 1;
        int hi = MAX_SIGNIFICANT_DIGITS;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (closest(exact, x, mid) != null) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return closest(exact, x, lo);
    }

    /**
     * The p-digit decimal closest to {@code exact} that reads back as {@code x}, or null. Both neighbours are
     * tried because the rounding interval of a power of two is asymmetric: the nearer neighbour may fall
     * outside it while the farther one is inside.
     */
    private static Decimal closest(final BigDecimal exact, final double x, final int p) {
        final BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
        final BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
        final boolean downOk = Double.parseDouble(down.toString()) == x;
        final boolean upOk = Double.parseDouble(up.toString()) == x;
        final BigDecimal chosen;
        if (downOk && upOk) {
            final int c = exact.subtract(down).compareTo(up.subtract(exact));
            chosen = c < 0 || c == 0 && !down.unscaledValue().testBit(0) ? down : up;
        } else {
            chosen = downOk ? down : upOk ? up : null;
        }
        return chosen == null ? null : Decimal.of(chosen);
    }

    /**
     * A positive decimal {@code 0.DIGITS × 10^n} with no leading or trailing zero digits: the s and n of
     * ECMAScript Number::toString (value = s × 10^(n−k)).
     */
    private record Decimal(String digits, int n) {

        static Decimal of(final BigDecimal value) {
            final BigDecimal v = value.stripTrailingZeros();
            final String s = v.unscaledValue().toString();
            return new Decimal(s, s.length() - v.scale());
        }

        /** From JDK output: {@code 123.45}, {@code 0.00123}, {@code 1.0E-5}, {@code 1.2345E10}. */
        static Decimal parseJava(final String text) {
            final int e = text.indexOf('E');
            final String mantissa = e < 0 ? text : text.substring(0, e);
            final int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
            final int point = mantissa.indexOf('.');
            final String all = mantissa.substring(0, point) + mantissa.substring(point + 1);
            int lead = 0;
            while (all.charAt(lead) == '0') {
                lead++;
            }
            int end = all.length();
            while (all.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(all.substring(lead, end), point - lead + exponent);
        }

        /** The first p < k digits: the p-digit neighbour towards zero. */
        Decimal floor(final int p) {
            return stripped(digits.substring(0, p), n);
        }

        /** The first p < k digits plus one unit in the last of them: the p-digit neighbour away from zero. */
        Decimal ceiling(final int p) {
            final char[] c = digits.substring(0, p).toCharArray();
            int i = p - 1;
            while (i >= 0 && c[i] == '9') {
                c[i--] = '0';
            }
            if (i < 0) {
                return new Decimal("1", n + 1);
            }
            c[i]++;
            return stripped(new String(c), n);
        }

        boolean readsBackAs(final double x) {
            return Double.parseDouble("0." + digits + "E" + n) == x;
        }

        private static Decimal stripped(final String s, final int n) {
            int end = s.length();
            while (end > 1 && s.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(s.substring(0, end), n);
        }

        /** ECMAScript Number::toString steps 6–12. */
        String layout() {
            final int k = digits.length();
            if (k <= n && n <= 21) {
                return digits + "0".repeat(n - k);
            }
            if (0 < n && n <= 21) {
                return digits.substring(0, n) + "." + digits.substring(n);
            }
            if (-6 < n && n <= 0) {
                return "0." + "0".repeat(-n) + digits;
            }
            final int e = n - 1;
            final String exponent = (e < 0 ? "e-" : "e+") + Math.abs(e);
            return k == 1 ? digits + exponent : digits.charAt(0) + "." + digits.substring(1) + exponent;
        }
    }
}
