package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

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
    description = "Synchronises ONE object stores: each side transfers every object the other's person may access.",
    subcommands = {
        CommandLine.HelpCommand.class,
        InitCommand.class,
        IdCommand.class,
        HashCommand.class,
        PutCommand.class,
        GetCommand.class,
        HasCommand.class,
        LsCommand.class,
        RecipeCommand.class,
        GrantCommand.class,
        GroupCommand.class,
        TrustCommand.class,
        ServeCommand.class,
        SyncCommand.class,
        ChumsCommand.class,
        LogCommand.class,
        VerifyCommand.class,
        DemoCommand.class,
    })
public final class ChumCli implements Runnable {
    /** Exit code of a successful command. */
    public static final int EXIT_OK = 0;
    /** Exit code of a failed command (the error is on stderr). */
    public static final int EXIT_ERROR = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        final int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs one command line with the given streams and returns its exit code (used by tests too). */
    public static int run(final String[] args, final PrintWriter out, final PrintWriter err) {
        final CommandLine cli = new CommandLine(new ChumCli());
        for (final CommandLine sub : cli.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
            }
        }
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
