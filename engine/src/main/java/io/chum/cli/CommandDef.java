package io.chum.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code chum} command accepts and how its help describes it: options, positional parameters, groups of
 * options that exclude each other, description and examples. Declared once per command as a constant; immutable
 * and so safe to share.
 */
final class CommandDef {
    /** The help option every command has; the parser answers it before anything else. */
    static final OptionDef HELP = new OptionDef("--help", null, "Show this help message and exit.", null, false, false);

    private final String name;
    private final List<String> description;
    private final List<OptionDef> options;
    private final List<Parameter> parameters;
    private final List<OneOf> groups;
    private final List<String> footer;

    /** A positional parameter; every one is required. */
    record Parameter(String label, String description) {
    }

    /** Options of which at most one may be given, or exactly one if {@code required}. */
    record OneOf(List<String> names, boolean required) {
    }

    private CommandDef(final Builder b) {
        this.name = b.name;
        this.description = List.copyOf(b.description);
        final List<OptionDef> sorted = new ArrayList<>(b.options);
        sorted.add(HELP);
        sorted.sort((a, c) -> a.name().compareTo(c.name()));
        this.options = List.copyOf(sorted);
        this.parameters = List.copyOf(b.parameters);
        this.groups = List.copyOf(b.groups);
        this.footer = List.copyOf(b.footer);
    }

    /** Starts the definition of the command {@code name}. */
    static Builder named(final String name) {
        return new Builder(name);
    }

    String name() {
        return name;
    }

    /** The first line is the summary the main help lists; the others follow it in the command's help. */
    List<String> description() {
        return description;
    }

    /** Every option, {@code --help} included, in name order. */
    List<OptionDef> options() {
        return options;
    }

    List<Parameter> parameters() {
        return parameters;
    }

    List<OneOf> groups() {
        return groups;
    }

    List<String> footer() {
        return footer;
    }

    Optional<OptionDef> option(final String optionName) {
        for (final OptionDef o : options) {
            if (o.name().equals(optionName)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The group {@code optionName} belongs to, if any. */
    Optional<OneOf> groupOf(final String optionName) {
        for (final OneOf g : groups) {
            if (g.names().contains(optionName)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** Collects a command's definition. Not thread-safe; used once per command while its class initialises. */
    static final class Builder {
        private final String name;
        private final List<String> description = new ArrayList<>();
        private final List<OptionDef> options = new ArrayList<>();
        private final List<Parameter> parameters = new ArrayList<>();
        private final List<OneOf> groups = new ArrayList<>();
        private final List<String> footer = new ArrayList<>();

        private Builder(final String name) {
            this.name = name;
        }

        Builder description(final String... lines) {
            description.addAll(List.of(lines));
            return this;
        }

        /** An option without a value: present or not. */
        Builder flag(final String option, final String text) {
            return add(new OptionDef(option, null, text, null, false, false));
        }

        /** An optional option with a value; its value is {@code null} when not given. */
        Builder option(final String option, final String label, final String text) {
            return add(new OptionDef(option, label, text, null, false, false));
        }

        /** An optional option with a value and a default ({@code ${DEFAULT-VALUE}} in the text names it). */
        Builder option(final String option, final String label, final Object defaultValue, final String text) {
            return add(new OptionDef(option, label, text, String.valueOf(defaultValue), false, false));
        }

        /** An option the command line must give. */
        Builder required(final String option, final String label, final String text) {
            return add(new OptionDef(option, label, text, null, true, false));
        }

        /** An option that may be given any number of times. */
        Builder repeatable(final String option, final String label, final String text) {
            return add(new OptionDef(option, label, text, null, false, true));
        }

        /** The next positional parameter (required). */
        Builder parameter(final String label, final String text) {
            parameters.add(new Parameter(label, text));
            return this;
        }

        /** Declared options of which at most one, or exactly one if {@code required}, may be given. */
        Builder oneOf(final boolean required, final String... names) {
            for (final String n : names) {
                if (indexOf(n) < 0) {
                    throw new IllegalArgumentException("declare " + n + " before its group");
                }
            }
            groups.add(new OneOf(List.of(names), required));
            return this;
        }

        Builder footer(final String... lines) {
            footer.addAll(List.of(lines));
            return this;
        }

        CommandDef build() {
            if (description.isEmpty()) {
                throw new IllegalStateException("command " + name + " needs a description");
            }
            return new CommandDef(this);
        }

        /** An option defined elsewhere, shared by several commands. */
        Builder add(final OptionDef option) {
            if (indexOf(option.name()) >= 0) {
                throw new IllegalArgumentException("option declared twice: " + option.name());
            }
            options.add(option);
            return this;
        }

        private int indexOf(final String option) {
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i).name().equals(option)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
