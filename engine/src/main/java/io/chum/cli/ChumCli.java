package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.EventLog;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code chum} command line: finds the command, parses its arguments ({@link ArgumentParser}) and runs it.
 *
 * <p>Contract (design.md §7): machine output with {@code --json} is one JSON object per line on stdout;
 * an error is one line on stderr starting {@code chum: } with exit code 1; a usage error exits 2; a listing or a
 * BLOB copy whose stdout is closed stops quietly with exit code 141. Both streams are UTF-8.
 * Each invocation runs on the calling thread; commands that start background work wait for it.
 */
public final class ChumCli {
    /** Exit code of a successful command. */
    public static final int EXIT_OK = 0;
    /** Exit code of a failed command (the error is on stderr). */
    public static final int EXIT_ERROR = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when stdout was closed before the command had written everything: 128 + SIGPIPE, as a C tool's. */
    public static final int EXIT_OUTPUT_CLOSED = 141;

    private static final String SUMMARY =
        "Synchronises ONE object stores: each side transfers every object the other's person may access.";
    private static final String HELP_SUMMARY = "Display help information about the specified command.";

    /** A command: what it accepts, and how to make one run of it from its parsed arguments. */
    private record Entry(CommandDef definition, Function<CommonOptions, Runnable> create) {
    }

    /** The commands in help order. */
    private static final Map<String, Entry> COMMANDS = commands();

    private ChumCli() {
    }

    private static Map<String, Entry> commands() {
        final Map<String, Entry> m = new LinkedHashMap<>();
        add(m, InitCommand.DEFINITION, InitCommand::new);
        add(m, IdCommand.DEFINITION, IdCommand::new);
        add(m, HashCommand.DEFINITION, HashCommand::new);
        add(m, PutCommand.DEFINITION, PutCommand::new);
        add(m, GetCommand.DEFINITION, GetCommand::new);
        add(m, HasCommand.DEFINITION, HasCommand::new);
        add(m, LsCommand.DEFINITION, LsCommand::new);
        add(m, RecipeCommand.DEFINITION, RecipeCommand::new);
        add(m, GrantCommand.DEFINITION, GrantCommand::new);
        add(m, GroupCommand.DEFINITION, GroupCommand::new);
        add(m, TrustCommand.DEFINITION, TrustCommand::new);
        add(m, ServeCommand.DEFINITION, ServeCommand::new);
        add(m, SyncCommand.DEFINITION, SyncCommand::new);
        add(m, ChumsCommand.DEFINITION, ChumsCommand::new);
        add(m, LogCommand.DEFINITION, LogCommand::new);
        add(m, VerifyCommand.DEFINITION, VerifyCommand::new);
        add(m, DemoCommand.DEFINITION, DemoCommand::new);
        return Collections.unmodifiableMap(m);
    }

    private static void add(final Map<String, Entry> m, final CommandDef definition,
                            final Function<CommonOptions, Runnable> create) {
        m.put(definition.name(), new Entry(definition, create));
    }

    public static void main(final String[] args) {
        // This process owns its JVM, and the native binding costs start-up time for nothing (see the method).
        EventLog.skipNativePosixBinding();
        // UTF-8 on both streams, whatever the locale: the CLI prints JSON, microdata and names (StandardOutput).
        final StandardOutput out = StandardOutput.stdout();
        final PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
            StandardCharsets.UTF_8), true);
        final String unreadable = ArgumentEncoding.unreadable(args);
        final int code;
        if (unreadable != null) {
            err.println("chum: usage: " + unreadable);
            code = EXIT_USAGE;
        } else {
            code = run(args, out, err);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given streams and returns its exit code (used by tests too). */
    public static int run(final String[] args, final PrintWriter out, final PrintWriter err) {
        try {
            return dispatch(Arrays.asList(args), out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Every command's definition, by name, in help order. */
    static Map<String, CommandDef> definitions() {
        final Map<String, CommandDef> m = new LinkedHashMap<>();
        for (final Map.Entry<String, Entry> e : COMMANDS.entrySet()) {
            m.put(e.getKey(), e.getValue().definition());
        }
        return m;
    }

    private static int dispatch(final List<String> args, final PrintWriter out, final PrintWriter err) {
        final String first = args.isEmpty() ? "" : args.get(0);
        switch (first) {
            case "":
                return usageError(err, "a command is required", "");
            case "-h", "--help":
                out.print(rootHelp());
                return EXIT_OK;
            case "-V", "--version":
                out.println(version());
                return EXIT_OK;
            case "help":
                return help(args.subList(1, args.size()), out, err);
            default:
                break;
        }
        final Entry command = COMMANDS.get(first);
        if (command == null) {
            return usageError(err, (first.startsWith("-") ? "unknown option '" : "unknown command '") + first + "'",
                "");
        }
        final List<String> rest = args.subList(1, args.size());
        if (ArgumentParser.asksForHelp(rest)) {
            out.print(HelpText.command(command.definition()));
            return EXIT_OK;
        }
        try {
            // Making the command reads its option values, so a value of the wrong kind is a usage error here too.
            command.create().apply(new CommonOptions(ArgumentParser.parse(command.definition(), rest), out, err))
                .run();
            return EXIT_OK;
        } catch (final Exception e) {
            // Exception, not RuntimeException: a library may throw a checked one unchecked (Chronicle's IOExceptions)
            if (e instanceof ChumException c && c.errorCode() == ErrorCode.USAGE) {
                return usageError(err, c.reason(), first + " ");
            }
            return failed(e, err);
        } catch (final InternalError e) {
            final ChumException fault = mappedFileFault(e);
            if (fault == null) {
                throw e;
            }
            return failed(fault, err);
        }
    }

    /**
     * The log is read and written through memory mappings: touching a page the file system cannot back (a full disk,
     * a file cut short while mapped) raises SIGBUS, which the JVM throws as this {@link InternalError} instead of an
     * IOException. As {@code CS-IO}, or null for any other InternalError.
     */
    static ChumException mappedFileFault(final InternalError e) {
        if (e.getMessage() == null || !e.getMessage().contains("unsafe memory access")) {
            return null;
        }
        return new ChumException(ErrorCode.IO, "a fault accessing the store's memory-mapped log files (is the disk"
            + " full, or was a file cut short?): " + e.getMessage(), e);
    }

    private static int help(final List<String> args, final PrintWriter out, final PrintWriter err) {
        if (args.isEmpty()) {
            out.print(rootHelp());
            return EXIT_OK;
        }
        final Entry command = COMMANDS.get(args.get(0));
        if (command == null || args.size() > 1) {
            return usageError(err, command == null ? "unknown command '" + args.get(0) + "'"
                : "help takes one command, not '" + String.join(" ", args) + "'", "");
        }
        out.print(HelpText.command(command.definition()));
        return EXIT_OK;
    }

    /**
     * Reports a command's failure as one coded line (and the stack of an internal error); returns the exit code. A
     * closed stdout is not reported: whoever closed it has left, as {@code head} does.
     */
    private static int failed(final Exception ex, final PrintWriter err) {
        final ChumException e = ex instanceof IOException io
            ? new ChumException(ErrorCode.IO, ChumException.describe(io), io)
            : ChumException.wrap(ex, ErrorCode.INTERNAL);
        if (e.errorCode() == ErrorCode.OUTPUT_CLOSED) {
            return EXIT_OUTPUT_CLOSED;
        }
        err.println("chum: " + e.getMessage());
        if (e.errorCode() == ErrorCode.INTERNAL) {
            ex.printStackTrace(err);
        }
        return e.errorCode() == ErrorCode.USAGE ? EXIT_USAGE : EXIT_ERROR;
    }

    private static int usageError(final PrintWriter err, final String message, final String commandPath) {
        err.println("chum: usage: " + message);
        err.println("chum: try 'chum " + commandPath + "--help'");
        return EXIT_USAGE;
    }

    private static String rootHelp() {
        final Map<String, String> summaries = new LinkedHashMap<>();
        summaries.put("help", HELP_SUMMARY);
        for (final Map.Entry<String, Entry> e : COMMANDS.entrySet()) {
            summaries.put(e.getKey(), e.getValue().definition().description().get(0));
        }
        return HelpText.root(SUMMARY, summaries);
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    private static String version() {
        final String v = ChumCli.class.getPackage().getImplementationVersion();
        return "chum-sync " + (v == null ? "dev" : v);
    }
}
