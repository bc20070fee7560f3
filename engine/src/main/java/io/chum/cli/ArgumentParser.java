package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a command's arguments against its {@link CommandDef}: {@code --name value} or {@code --name=value}, flags,
 * positional parameters, {@code --} before parameters that start with a dash. Every mistake is a usage error
 * ({@code CS-USAGE}) naming what is wrong. Stateless.
 *
 * <p>The CLI's own parser rather than a library's: a command line is parsed once per process, and the library used
 * before cost a quarter of a second of every command's start-up (docs/benchmarks.md §7.3).
 */
final class ArgumentParser {
    private ArgumentParser() {
    }

    /** Whether the arguments ask for the command's help ({@code -h} or {@code --help} before any {@code --}). */
    static boolean asksForHelp(final List<String> args) {
        for (final String a : args) {
            if ("--".equals(a)) {
                return false;
            }
            if ("-h".equals(a) || "--help".equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** Parses {@code args} (without the command's name); throws {@code CS-USAGE} on any mistake. */
    static Arguments parse(final CommandDef command, final List<String> args) {
        final Map<String, List<String>> values = new LinkedHashMap<>();
        final List<String> parameters = new ArrayList<>();
        boolean onlyParameters = false;
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            if (onlyParameters || !arg.startsWith("-") || "-".equals(arg)) {
                if (parameters.size() == command.parameters().size()) {
                    throw usage("unexpected argument '" + arg + "'");
                }
                parameters.add(arg);
                continue;
            }
            if ("--".equals(arg)) {
                onlyParameters = true;
                continue;
            }
            final int eq = arg.indexOf('=');
            final String name = nameOf(arg);
            final OptionDef option = command.option(name)
                .orElseThrow(() -> usage("unknown option '" + name + "'"));
            final String value;
            if (option.isFlag()) {
                if (eq > 0) {
                    throw usage("option '" + name + "' takes no value");
                }
                value = "";
            } else if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !isOption(command, args.get(i + 1))) {
                value = args.get(++i);
            } else {
                throw usage("option '" + option.synopsis() + "' needs a value");
            }
            final List<String> given = values.computeIfAbsent(name, k -> new ArrayList<>(1));
            if (!given.isEmpty() && !option.repeatable()) {
                throw usage("option '" + name + "' is given more than once");
            }
            given.add(value);
        }
        check(command, values, parameters);
        return new Arguments(command, values, parameters);
    }

    private static void check(final CommandDef command, final Map<String, List<String>> values,
                              final List<String> parameters) {
        final List<String> missing = new ArrayList<>();
        for (final OptionDef o : command.options()) {
            if (o.required() && !values.containsKey(o.name())) {
                missing.add("'" + o.synopsis() + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw usage("missing required option" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
        for (final CommandDef.OneOf group : command.groups()) {
            final List<String> given = new ArrayList<>();
            for (final String n : group.names()) {
                if (values.containsKey(n)) {
                    given.add(n);
                }
            }
            if (given.size() > 1) {
                throw usage(String.join(" and ", given) + " exclude each other: give one of them");
            }
            if (given.isEmpty() && group.required()) {
                throw usage("give one of " + HelpText.group(command, group));
            }
        }
        if (parameters.size() < command.parameters().size()) {
            throw usage("missing parameter " + command.parameters().get(parameters.size()).label());
        }
    }

    private static boolean isOption(final CommandDef command, final String arg) {
        return "-h".equals(arg) || "--".equals(arg) || command.option(nameOf(arg)).isPresent();
    }

    /** The option name in {@code --name} or {@code --name=value}. */
    private static String nameOf(final String arg) {
        final int eq = arg.indexOf('=');
        return eq > 0 ? arg.substring(0, eq) : arg;
    }

    private static ChumException usage(final String message) {
        return new ChumException(ErrorCode.USAGE, message);
    }
}
