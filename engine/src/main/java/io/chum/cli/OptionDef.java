package io.chum.cli;

/**
 * One option of a command, as the parser reads it and the help text describes it. Immutable.
 *
 * @param name         the option's name with its dashes, e.g. {@code --store}
 * @param label        what its value is called in the help, e.g. {@code DIR}; {@code null} for a flag
 * @param description  one sentence or more; the help wraps it
 * @param defaultValue the value when the option is not given, or {@code null}
 * @param required     whether the command line must give it
 * @param repeatable   whether it may be given more than once (each value is kept)
 */
record OptionDef(String name, String label, String description, String defaultValue, boolean required,
                 boolean repeatable) {
    OptionDef {
        if (!name.startsWith("--") || description.isBlank()) {
            throw new IllegalArgumentException("an option needs a --name and a description: " + name);
        }
    }

    boolean isFlag() {
        return label == null;
    }

    /** How the usage line and the errors name it: {@code --store=DIR}, or {@code --json} for a flag. */
    String synopsis() {
        return isFlag() ? name : name + "=" + label;
    }
}
