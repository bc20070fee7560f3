package io.chum.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class HelpTest {
    /** Every command of design.md §7: the help must list them all. */
    private static final List<String> COMMANDS = List.of("init", "id", "hash", "put", "recipe", "get", "has", "ls",
        "grant", "group", "trust", "serve", "sync", "log", "chums", "verify", "demo");

    @Test
    void shouldListEverySubcommandInTheMainHelp() {
        final CliRunner.Result help = CliRunner.run("--help");
        assertEquals(0, help.exitCode(), help::toString);
        final Set<String> registered = ChumCli.definitions().keySet();
        assertTrue(registered.containsAll(COMMANDS), registered::toString);
        for (final String command : registered) {
            assertTrue(help.out().contains("\n  " + command + " "), () -> command + " missing in\n" + help.out());
        }
        assertEquals(help.out(), CliRunner.run("-h").out());
        assertEquals(0, CliRunner.run("--version").exitCode());
    }

    @Test
    void shouldDescribeEveryOptionOfEverySubcommand() {
        final Map<String, CommandDef> definitions = ChumCli.definitions();
        for (final String command : COMMANDS) {
            final CliRunner.Result help = CliRunner.run(command, "--help");
            assertEquals(0, help.exitCode(), () -> command + " --help\n" + help);
            assertEquals("", help.err(), () -> command + " --help\n" + help);
            assertTrue(help.out().startsWith("Usage: chum " + command), help::toString);
            assertTrue(help.out().contains("-h, --help"), help::toString);
            for (final OptionDef option : definitions.get(command).options()) {
                assertTrue(help.out().contains(option.name()),
                    () -> command + " --help does not list " + option.name() + "\n" + help.out());
                assertFalse(option.description().isBlank(), () -> command + " " + option.name() + " has no description");
            }
            final int footerLines = definitions.get(command).footer().size();
            final List<String> lines = help.out().lines().toList();
            for (final String line : lines.subList(0, lines.size() - footerLines)) {
                assertTrue(line.length() <= 80, () -> command + " --help has a line over 80 columns: " + line);
            }
            assertEquals(help.out(), CliRunner.run(command, "-h").out(), command);
            assertEquals(help.out(), CliRunner.run("help", command).out(), command);
        }
    }

    @Test
    void shouldExitTwoWithAHintOnUsageErrors() {
        for (final String[] args : List.of(new String[0], new String[] {"bogus"}, new String[] {"ls", "--bogus"},
            new String[] {"init", "--store", "x"}, new String[] {"help", "bogus"})) {
            final CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exitCode(), () -> String.join(" ", args) + "\n" + r);
            assertTrue(r.err().startsWith("chum: "), r::toString);
            assertEquals("", r.out(), r::toString);
        }
        final CliRunner.Result option = CliRunner.run("ls", "--bogus");
        assertTrue(option.err().contains("chum: try 'chum ls --help'"), option::toString);
    }
}
