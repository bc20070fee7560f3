package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed command line of one command: the values of its options and its positional parameters. Immutable.
 * Reading a value the definition gives a default for returns the default when the option was not given; a value that
 * is not of the asked type is a usage error ({@code CS-USAGE}), as a misspelt option is.
 */
final class Arguments {
    private final CommandDef command;
    private final Map<String, List<String>> values;
    private final List<String> parameters;

    Arguments(final CommandDef command, final Map<String, List<String>> values, final List<String> parameters) {
        this.command = command;
        final Map<String, List<String>> copy = new HashMap<>();
        for (final Map.Entry<String, List<String>> e : values.entrySet()) {
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        this.values = Map.copyOf(copy);
        this.parameters = List.copyOf(parameters);
    }

    CommandDef command() {
        return command;
    }

    /** Whether the option was given (a flag: whether it is set). */
    boolean has(final String option) {
        return values.containsKey(declared(option).name());
    }

    /** The option's value, its default if it was not given, or {@code null} without a default. */
    String value(final String option) {
        final OptionDef def = declared(option);
        final List<String> given = values.get(def.name());
        return given == null ? def.defaultValue() : given.get(given.size() - 1);
    }

    /** The option's value (it must have one), and a usage error if it is empty: an email or a name. */
    String nonEmptyValue(final String option) {
        final String v = value(option);
        if (v == null || v.isEmpty()) {
            throw new ChumException(ErrorCode.USAGE, "invalid value for " + option + ": empty");
        }
        return v;
    }

    /** Every value of a repeatable option, in command-line order; empty if it was not given. */
    List<String> values(final String option) {
        return values.getOrDefault(declared(option).name(), List.of());
    }

    /** The value as a path, or {@code null}; a usage error if it cannot be one. */
    Path path(final String option) {
        final String v = value(option);
        if (v == null) {
            return null;
        }
        try {
            return Path.of(v);
        } catch (final InvalidPathException e) {
            throw new ChumException(ErrorCode.USAGE, "invalid value for " + option + ": not a path (" + e.getReason()
                + ")");
        }
    }

    /** The value as an int (the option must have a value or a default); a usage error if it is not one. */
    int intValue(final String option) {
        final Long v = longValue(option);
        if (v == null) {
            throw new IllegalArgumentException(option + " has neither a value nor a default");
        }
        if (v != v.intValue()) {
            throw new ChumException(ErrorCode.USAGE, "invalid value for " + option + ": '" + value(option)
                + "' is not a whole number in the int range");
        }
        return v.intValue();
    }

    /**
     * The value (the option must have one or a default) as a name the chum protocol carries: a usage error if it is
     * longer than {@code maxBytes} in UTF-8, which a peer would refuse, or holds a control character, which would
     * break the one line per chum that {@code sync}, {@code serve} and {@code chums} print.
     */
    String nameValue(final String option, final int maxBytes) {
        final String v = value(option);
        final int bytes = v.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new ChumException(ErrorCode.USAGE, "invalid value for " + option + ": " + bytes
                + " bytes in UTF-8, more than the " + maxBytes + " a chum can carry");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new ChumException(ErrorCode.USAGE, "invalid value for " + option + ": a control character or a"
                + " line break in a name");
        }
        return v;
    }

    /** {@link #intValue}, and a usage error below {@code min}: a value the command could only fail on later. */
    int intValueAtLeast(final String option, final int min) {
        final int v = intValue(option);
        if (v < min) {
            throw new ChumException(ErrorCode.USAGE, "invalid value for " + option + ": " + v + " is less than " + min);
        }
        return v;
    }

    /** The value as a long, or {@code null} if it has neither value nor default; a usage error if it is not one. */
    Long longValue(final String option) {
        final String v = value(option);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (final NumberFormatException e) {
            throw new ChumException(ErrorCode.USAGE, "invalid value for " + option + ": '" + v
                + "' is not a whole number");
        }
    }

    /** The positional parameter at {@code index} (every declared one is present once parsed). */
    String parameter(final int index) {
        return parameters.get(index);
    }

    private OptionDef declared(final String option) {
        // A typo here is a programming error, not the user's: fail loudly rather than read "not given".
        return command.option(option).orElseThrow(() -> new IllegalArgumentException(
            "'" + command.name() + "' declares no option " + option));
    }
}
