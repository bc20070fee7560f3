package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentParserTest {
    private static final CommandDef COMMAND = CommandDef.named("try")
        .description("A command to parse against.")
        .flag("--json", "Machine output.")
        .option("--store", "DIR", "The store.")
        .required("--email", "EMAIL", "Whose.")
        .option("--count", "N", 7, "How many (default ${DEFAULT-VALUE}).")
        .repeatable("--person", "P", "A person.")
        .option("--object", "H", "An object.")
        .option("--id", "IDH", "An ID.")
        .oneOf(false, "--object", "--id")
        .parameter("HASH", "A hash.")
        .build();

    private static final CommandDef EXACTLY_ONE = CommandDef.named("one")
        .description("Needs one of two.")
        .option("--data", "JSON", "Inline.")
        .option("--data-file", "FILE", "From a file.")
        .oneOf(true, "--data", "--data-file")
        .build();

    private static Arguments parse(final CommandDef command, final String... args) {
        return ArgumentParser.parse(command, List.of(args));
    }

    private static String usageError(final CommandDef command, final String... args) {
        final ChumException e = assertThrows(ChumException.class, () -> parse(command, args));
        assertEquals(ErrorCode.USAGE, e.errorCode());
        return e.reason();
    }

    @Test
    void shouldReadValuesFlagsDefaultsAndParametersInEitherSpelling() {
        final Arguments a = parse(COMMAND, "--store", "/tmp/s", "--email=a@b.c", "--json", "HASH1", "--person", "p1",
            "--person=p2", "--object", "-5");
        assertEquals(Path.of("/tmp/s"), a.path("--store"));
        assertEquals("a@b.c", a.value("--email"));
        assertTrue(a.has("--json"));
        assertEquals("HASH1", a.parameter(0));
        assertEquals(List.of("p1", "p2"), a.values("--person"));
        assertEquals(7, a.intValue("--count"));
        assertEquals("-5", a.value("--object"), "a value may start with a dash when it is no option");
        assertNull(a.value("--id"));
        assertFalse(a.has("--id"));
        assertEquals(List.of(), parse(COMMAND, "--email", "e", "H").values("--person"));
    }

    @Test
    void shouldTakeEverythingAfterTwoDashesAsParameters() {
        assertEquals("--json", parse(COMMAND, "--email", "e", "--", "--json").parameter(0));
        assertEquals("-", parse(COMMAND, "--email", "e", "-").parameter(0));
        assertEquals("a=b", parse(COMMAND, "--email", "e", "a=b").parameter(0));
    }

    @Test
    void shouldRefuseEveryMalformedCommandLineWithAUsageError() {
        assertEquals("unknown option '--bogus'", usageError(COMMAND, "--email", "e", "H", "--bogus"));
        assertEquals("unknown option '-x'", usageError(COMMAND, "-x"));
        assertEquals("missing required option '--email=EMAIL'", usageError(COMMAND, "H"));
        assertEquals("missing parameter HASH", usageError(COMMAND, "--email", "e"));
        assertEquals("unexpected argument 'H2'", usageError(COMMAND, "--email", "e", "H", "H2"));
        assertEquals("option '--store=DIR' needs a value", usageError(COMMAND, "--email", "e", "H", "--store"));
        assertEquals("option '--store=DIR' needs a value", usageError(COMMAND, "--store", "--json", "--email", "e"));
        assertEquals("option '--json' takes no value", usageError(COMMAND, "--json=true", "--email", "e", "H"));
        assertEquals("option '--store' is given more than once",
            usageError(COMMAND, "--store", "a", "--store=b", "--email", "e", "H"));
        assertEquals("--object and --id exclude each other: give one of them",
            usageError(COMMAND, "--email", "e", "H", "--object", "o", "--id", "i"));
        assertEquals("give one of (--data=JSON | --data-file=FILE)", usageError(EXACTLY_ONE));
    }

    @Test
    void shouldRefuseANumberThatIsNoneWhenTheCommandReadsIt() {
        // The parser keeps text; a command reads its numbers while it is made, which the CLI reports as usage errors.
        final Arguments many = parse(COMMAND, "--count", "many", "--email", "e", "H");
        final ChumException e = assertThrows(ChumException.class, () -> many.intValue("--count"));
        assertEquals(ErrorCode.USAGE, e.errorCode());
        assertEquals("invalid value for --count: 'many' is not a whole number", e.reason());
        final Arguments tooBig = parse(COMMAND, "--count", "3000000000", "--email", "e", "H");
        assertEquals(ErrorCode.USAGE, assertThrows(ChumException.class, () -> tooBig.intValue("--count")).errorCode());
        final CliRunner.Result cli = CliRunner.run("serve", "--store", "x", "--listen", "127.0.0.1:0",
            "--max-connections", "lots");
        assertEquals(2, cli.exitCode(), cli::toString);
        assertEquals("chum: usage: invalid value for --max-connections: 'lots' is not a whole number\n"
            + "chum: try 'chum serve --help'\n", cli.err());
    }

    @Test
    void shouldRefuseAValueBelowWhatTheCommandCanRunWithBeforeItStarts() {
        final CliRunner.Result delay = CliRunner.run("serve", "--store", "x", "--listen", "127.0.0.1:0",
            "--max-notification-delay", "0");
        assertEquals(2, delay.exitCode(), delay::toString);
        assertEquals("chum: usage: invalid value for --max-notification-delay: 0 is less than 1\n"
            + "chum: try 'chum serve --help'\n", delay.err());
        final CliRunner.Result negative = CliRunner.run("sync", "--store", "x", "--connect", "127.0.0.1:1",
            "--max-notification-delay", "-5");
        assertEquals(2, negative.exitCode(), negative::toString);
        assertTrue(negative.err().startsWith("chum: usage: invalid value for --max-notification-delay: -5 is less"),
            negative::toString);
        final CliRunner.Result connections = CliRunner.run("serve", "--store", "x", "--listen", "127.0.0.1:0",
            "--max-connections", "0");
        assertEquals(2, connections.exitCode(), connections::toString);
        assertTrue(connections.err().startsWith("chum: usage: invalid value for --max-connections: 0 is less than 1"),
            connections::toString);
        // names HELLO carries, which a peer refuses over 1 KiB: refused before a store or a chum could keep them
        final CliRunner.Result instance = CliRunner.run("init", "--store", "x", "--email", "a@b.c", "--instance",
            "é".repeat(513));
        assertEquals(2, instance.exitCode(), instance::toString);
        assertTrue(instance.err().startsWith("chum: usage: invalid value for --instance: 1026 bytes in UTF-8, more "
            + "than the 1024 a chum can carry"), instance::toString);
        final CliRunner.Result name = CliRunner.run("sync", "--store", "x", "--connect", "127.0.0.1:1", "--name",
            "n".repeat(1025));
        assertEquals(2, name.exitCode(), name::toString);
        final CliRunner.Result twoLines = CliRunner.run("sync", "--store", "x", "--connect", "127.0.0.1:1", "--name",
            "a\nb");
        assertEquals(2, twoLines.exitCode(), twoLines::toString);
        assertTrue(twoLines.err().startsWith("chum: usage: invalid value for --name: a control character"),
            twoLines::toString);
        assertEquals(2, CliRunner.run("init", "--store", "x", "--email", "a@b.c", "--instance", "a\u2028b").exitCode(),
            "a Unicode line separator breaks a line too");
        assertEquals(2, CliRunner.run("init", "--store", "x", "--email", "a\nb@c.d", "--instance", "i").exitCode());
    }

    @Test
    void shouldKeepParsedValuesImmutable() {
        final Arguments a = parse(COMMAND, "--email", "e", "H", "--person", "p1");
        assertThrows(UnsupportedOperationException.class, () -> a.values("--person").add("p2"));
        assertEquals(List.of("p1"), a.values("--person"));
    }

    @Test
    void shouldReportAValueThatIsNoPathAsAUsageError() {
        final CliRunner.Result cli = CliRunner.run("id", "--store", "a\u0000b");
        assertEquals(2, cli.exitCode(), cli::toString);
        assertTrue(cli.err().startsWith("chum: usage: invalid value for --store: not a path"), cli::toString);
        assertEquals("", cli.out(), cli::toString);
    }

    @Test
    void shouldFindTheHelpOptionBeforeTwoDashesOnly() {
        assertTrue(ArgumentParser.asksForHelp(List.of("--store", "x", "-h")));
        assertTrue(ArgumentParser.asksForHelp(List.of("--help")));
        assertFalse(ArgumentParser.asksForHelp(List.of("--", "--help")));
        assertFalse(ArgumentParser.asksForHelp(List.of("--store", "x")));
    }

    @Test
    void shouldRefuseAReadOfAnUndeclaredOptionAsAProgrammingError() {
        final Arguments a = parse(EXACTLY_ONE, "--data", "{}");
        assertThrows(IllegalArgumentException.class, () -> a.value("--dta"));
    }

    @Test
    void shouldShowGroupsDefaultsAndRepeatableOptionsInTheHelp() {
        final String help = HelpText.command(COMMAND);
        assertTrue(help.startsWith("Usage: chum try [-h] [--count=N] --email=EMAIL [--object=H | --id=IDH] [--json]"),
            help);
        assertTrue(help.contains("[--person=P]..."), help);
        assertTrue(help.contains("How many (default 7)."), help);
        assertTrue(help.contains("A person. Repeatable."), help);
        assertTrue(help.contains("  -h, --help"), help);
        assertTrue(HelpText.command(EXACTLY_ONE).contains("(--data=JSON | --data-file=FILE)"));
    }
}
