package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.log.EventLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code chum} command line: parses arguments with picocli and runs one subcommand.
 *
 * <p>Contract (design.md §7): machine output with {@code --json} is one JSON object per line on stdout;
 * an error is one line on stderr starting {@code chum: } with exit code 1; a usage error exits 2.
 * Each invocation runs on the calling thread; commands that start background work wait for it.
 */
@Command(name = "chum",
    mixinStandardHelpOptions = true,
    versionProvider = ChumCli.Version.class,
    description = "Synchronises ONE object stores: each side transfers every object the other's person may access.")
public final class ChumCli implements Runnable {
    /** Exit code of a successful command. */
    public static final int EXIT_OK = 0;
    /** Exit code of a failed command (the error is on stderr). */
    public static final int EXIT_ERROR = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;

    /**
     * The subcommands in help order. They are added to the command line on demand: picocli reads every annotation of
     * a command when it is added, and doing that for all of them cost 0.3-1 s of a process's start-up on this
     * project's 2-core machines (docs/benchmarks.md §7), where a command line names one.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private static Map<String, Supplier<Object>> subcommands() {
        final Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("help", CommandLine.HelpCommand::new);
        m.put("init", InitCommand::new);
        m.put("id", IdCommand::new);
        m.put("hash", HashCommand::new);
        m.put("put", PutCommand::new);
        m.put("get", GetCommand::new);
        m.put("has", HasCommand::new);
        m.put("ls", LsCommand::new);
        m.put("recipe", RecipeCommand::new);
        m.put("grant", GrantCommand::new);
        m.put("group", GroupCommand::new);
        m.put("trust", TrustCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("sync", SyncCommand::new);
        m.put("chums", ChumsCommand::new);
        m.put("log", LogCommand::new);
        m.put("verify", VerifyCommand::new);
        m.put("demo", DemoCommand::new);
        return Collections.unmodifiableMap(m);
    }

    public static void main(final String[] args) {
        // This process owns its JVM, and the native binding costs start-up time for nothing (see the method).
        EventLog.skipNativePosixBinding();
        final int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs one command line with the given streams and returns its exit code (used by tests too). */
    public static int run(final String[] args, final PrintWriter out, final PrintWriter err) {
        final CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("chum: usage: " + ex.getMessage());
            err.println("chum: try 'chum " + commandPath(ex.getCommandLine()) + "--help'");
            err.flush();
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            final ChumException e = ChumException.wrap(ex, ErrorCode.INTERNAL);
            err.println("chum: " + e.getMessage());
            if (e.errorCode() == ErrorCode.INTERNAL) {
                ex.printStackTrace(err);
            }
            err.flush();
            return e.errorCode() == ErrorCode.USAGE ? EXIT_USAGE : EXIT_ERROR;
        });
        final int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command line for {@code args}: the root command with the subcommand {@code args} starts with, or with all of
     * them when it starts with none (no command, a root option, help, a misspelt command: the usage text and its
     * errors list them all).
     */
    static CommandLine commandLine(final String... args) {
        final CommandLine cli = new CommandLine(new ChumCli());
        final String first = args.length > 0 ? args[0] : "";
        final boolean one = SUBCOMMANDS.containsKey(first) && !"help".equals(first);
        for (final Map.Entry<String, Supplier<Object>> e : SUBCOMMANDS.entrySet()) {
            if (one && !e.getKey().equals(first)) {
                continue;
            }
            final CommandLine sub = new CommandLine(e.getValue().get());
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
            }
            cli.addSubcommand(e.getKey(), sub);
        }
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    private static String commandPath(final CommandLine cl) {
        final StringBuilder path = new StringBuilder();
        CommandLine c = cl;
        while (c != null && c.getParent() != null) {
            path.insert(0, c.getCommandName() + " ");
            c = c.getParent();
        }
        return path.toString();
    }

    /** Prints the version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String v = ChumCli.class.getPackage().getImplementationVersion();
            return new String[] {"chum-sync " + (v == null ? "dev" : v)};
        }
    }
}
