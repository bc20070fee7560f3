package io.chum.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The help texts: of the {@code chum} command itself (its commands with their summaries) and of each command (usage
 * line, description, options, parameters, examples), wrapped to 80 columns. Stateless.
 */
final class HelpText {
    private static final int WIDTH = 80;
    /** The description column of the option lists never starts further right than this. */
    private static final int MAX_LABEL_COLUMN = 32;

    private HelpText() {
    }

    /** The main help: usage, what chum is, its own options and every command's summary. */
    static String root(final String summary, final Map<String, String> commandSummaries) {
        final StringBuilder s = new StringBuilder();
        s.append("Usage: chum [-hV] [COMMAND]\n");
        wrap(s, summary, 0, 0);
        table(s, List.of(
            new String[] {"  -h, --help", CommandDef.HELP.description()},
            new String[] {"  -V, --version", "Print version information and exit."}));
        s.append("Commands:\n");
        final List<String[]> rows = new ArrayList<>();
        for (final Map.Entry<String, String> e : commandSummaries.entrySet()) {
            rows.add(new String[] {"  " + e.getKey(), e.getValue()});
        }
        table(s, rows);
        return s.toString();
    }

    /** One command's help. */
    static String command(final CommandDef command) {
        final StringBuilder s = new StringBuilder();
        usage(s, command);
        for (final String line : command.description()) {
            wrap(s, line, 0, 0);
        }
        final List<String[]> rows = new ArrayList<>();
        for (final OptionDef o : command.options()) {
            final String names = (o == CommandDef.HELP ? "  -h, " : "      ") + o.synopsis();
            final String text = o.defaultValue() == null ? o.description()
                : o.description().replace("${DEFAULT-VALUE}", o.defaultValue());
            rows.add(new String[] {names, text + (o.repeatable() ? " Repeatable." : "")});
        }
        for (final CommandDef.Parameter p : command.parameters()) {
            rows.add(new String[] {"      " + p.label(), p.description()});
        }
        table(s, rows);
        for (final String line : command.footer()) {
            s.append(line).append('\n');
        }
        return s.toString();
    }

    /** A group as the usage line and its errors show it, e.g. {@code (--object=H | --id=IDH)}. */
    static String group(final CommandDef command, final CommandDef.OneOf group) {
        final List<String> parts = new ArrayList<>();
        for (final String n : group.names()) {
            parts.add(command.option(n).orElseThrow().synopsis());
        }
        return (group.required() ? "(" : "[") + String.join(" | ", parts) + (group.required() ? ")" : "]");
    }

    private static void usage(final StringBuilder s, final CommandDef command) {
        final String start = "Usage: chum " + command.name();
        final List<String> words = new ArrayList<>();
        words.add("[-h]");
        final List<CommandDef.OneOf> shown = new ArrayList<>();
        for (final OptionDef o : command.options()) {
            if (o == CommandDef.HELP) {
                continue;
            }
            final CommandDef.OneOf group = command.groupOf(o.name()).orElse(null);
            if (group != null) {
                if (!shown.contains(group)) {
                    shown.add(group);
                    words.add(group(command, group));
                }
            } else if (o.required()) {
                words.add(o.synopsis());
            } else {
                words.add("[" + o.synopsis() + "]" + (o.repeatable() ? "..." : ""));
            }
        }
        for (final CommandDef.Parameter p : command.parameters()) {
            words.add(p.label());
        }
        wrap(s, start + " " + String.join(" ", words), 0, start.length() + 1);
    }

    /** Two columns: the first as given, the second wrapped beside it (below it when the first is too wide). */
    private static void table(final StringBuilder s, final List<String[]> rows) {
        int column = 0;
        for (final String[] r : rows) {
            column = Math.max(column, r[0].length() + 3);
        }
        column = Math.min(column, MAX_LABEL_COLUMN);
        for (final String[] r : rows) {
            if (r[0].length() + 2 > column) {
                s.append(r[0]).append('\n');
                wrap(s, r[1], column, column);
            } else {
                s.append(r[0]).append(" ".repeat(column - r[0].length()));
                wrap(s, r[1], 0, column);
            }
        }
    }

    /**
     * Appends {@code text} in lines of at most {@link #WIDTH} columns, breaking at spaces: the first line after
     * {@code firstIndent} spaces (0 where the caller has already started the line), the others after
     * {@code indent}; a word longer than a line stays whole.
     */
    private static void wrap(final StringBuilder s, final String text, final int firstIndent, final int indent) {
        int lineStart = s.length() - columnOf(s);
        s.append(" ".repeat(firstIndent));
        boolean lineEmpty = true;
        for (final String word : text.split(" ", -1)) {
            if (!lineEmpty && s.length() - lineStart + 1 + word.length() > WIDTH) {
                s.append('\n');
                lineStart = s.length();
                s.append(" ".repeat(indent));
                lineEmpty = true;
            }
            if (!lineEmpty) {
                s.append(' ');
            }
            s.append(word);
            lineEmpty = false;
        }
        s.append('\n');
    }

    private static int columnOf(final StringBuilder s) {
        final int newline = s.lastIndexOf("\n");
        return s.length() - (newline + 1);
    }
}
