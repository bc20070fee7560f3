package io.chum.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM command line {@code bin/chum} builds, for each kind of command. The real launcher runs from a copy of the
 * project's layout (its own {@code bin/chum}, {@code config/jvm.args} and directives file, an up-to-date jar so that
 * nothing is built) with {@code JAVA_HOME} naming a stand-in JDK whose {@code java} writes its arguments to a file:
 * so the flags that only the launcher adds (heap and JIT policy per command, the JDK 24+ options) are checked without
 * starting a JVM. The tests themselves run the CLI on the class path and never see these flags.
 */
@Timeout(60)
class LauncherTest {
    private static final Path PROJECT = Paths.get(System.getProperty("user.dir")).toAbsolutePath().getParent();
    private static final String NO_ADAPTIVE_SIZES = "-XX:-UseAdaptiveSizePolicy";
    private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";
    private static final String PRETOUCH = "-XX:+AlwaysPreTouch";
    private static final String X25519_ONLY = "-Djdk.tls.namedGroups=x25519";
    private static final String NO_PERF_DATA = "-XX:-UsePerfData";

    @TempDir
    Path tmp;

    private Path root;
    private Path jdk;
    private Path argsFile;

    @BeforeEach
    void copyTheLauncherAndMakeAStandInJdk() throws IOException {
        root = tmp.resolve("project");
        copy(PROJECT.resolve("bin/chum"), root.resolve("bin/chum"));
        copy(PROJECT.resolve("config/jvm.args"), root.resolve("config/jvm.args"));
        copy(PROJECT.resolve("config/c2-only-crypto.json"), root.resolve("config/c2-only-crypto.json"));
        // What the staleness check looks at, all older than the jar: the launcher must not start a build.
        for (final String pom : List.of("pom.xml", "storage/pom.xml", "engine/pom.xml")) {
            write(root.resolve(pom), "");
        }
        Files.createDirectories(root.resolve("storage/src/main"));
        Files.createDirectories(root.resolve("engine/src/main"));
        Files.createDirectories(root.resolve("engine/target/lib"));
        final Path jar = write(root.resolve("engine/target/chum-engine.jar"), "");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        jdk = tmp.resolve("jdk");
        argsFile = tmp.resolve("java-args.txt");
        write(jdk.resolve("bin/java"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$CHUM_TEST_ARGS\"\n"
            + "printf '%s' \"${LC_ALL-unset}\" > \"$CHUM_TEST_ARGS.lc_all\"\n");
        Files.setPosixFilePermissions(jdk.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        javaVersion("17.0.15");
    }

    @Test
    void shouldGiveAOneShotCommandTheCryptoOnlyC2PolicyAndFixedHeapSizes() throws Exception {
        final List<String> args = launch(Map.of(), "sync", "--store", "s", "--connect", "127.0.0.1:1");
        final String directives = "-XX:CompilerDirectivesFile=" + root.resolve("config/c2-only-crypto.json");
        assertTrue(args.contains(directives), args::toString);
        assertTrue(args.contains("-XX:Tier3InvocationThreshold=100000"), args::toString);
        assertTrue(args.contains(NO_ADAPTIVE_SIZES), args::toString);
        assertEquals(hugePagesOffered(), args.contains(HUGE_PAGES), args::toString);
        assertFalse(args.contains(PRETOUCH), args::toString);
        assertTrue(args.contains(X25519_ONLY), args::toString);
        assertTrue(args.contains(NO_PERF_DATA), args::toString);
        assertCommonFlags(args, "sync");
    }

    @Test
    void shouldGiveServeAndKeepRunningTheJvmsJitPolicyAndAPretouchedFixedSizeHeap() throws Exception {
        for (final List<String> command : List.of(List.of("serve", "--store", "s"),
                List.of("sync", "--store", "s", "--connect", "127.0.0.1:1", "--keep-running"))) {
            final List<String> args = launch(Map.of(), command.toArray(String[]::new));
            assertFalse(args.stream().anyMatch(a -> a.startsWith("-XX:CompilerDirectivesFile=")), args::toString);
            assertTrue(args.contains(NO_ADAPTIVE_SIZES), args::toString);
            assertEquals(hugePagesOffered(), args.contains(HUGE_PAGES), args::toString);
            assertTrue(args.contains(PRETOUCH), args::toString);
            assertFalse(args.contains(NO_PERF_DATA), args::toString);
            // only serve accepts connections, and it keeps the JDK's groups for any client
            assertEquals(!command.get(0).equals("serve"), args.contains(X25519_ONLY), args::toString);
            assertCommonFlags(args, command.get(0));
        }
    }

    @Test
    void shouldLetChumJitChooseThePolicyAndRefuseAnUnknownOne() throws Exception {
        final List<String> shortServe = launch(Map.of("CHUM_JIT", "short"), "serve", "--store", "s");
        assertTrue(shortServe.contains(NO_ADAPTIVE_SIZES), shortServe::toString);
        assertFalse(shortServe.contains(PRETOUCH), shortServe::toString);
        assertTrue(shortServe.stream().anyMatch(a -> a.startsWith("-XX:CompilerDirectivesFile=")),
            shortServe::toString);
        final List<String> longSync = launch(Map.of("CHUM_JIT", "long"), "sync", "--store", "s");
        assertFalse(longSync.stream().anyMatch(a -> a.startsWith("-XX:CompilerDirectivesFile=")), longSync::toString);
        assertTrue(longSync.contains(PRETOUCH), longSync::toString);

        final Run bad = run(Map.of("CHUM_JIT", "fast"), "sync", "--store", "s");
        assertEquals(2, bad.exit);
        assertTrue(bad.stderr.contains("CHUM_JIT is short or long, not 'fast'"), bad.stderr);
        assertFalse(Files.exists(argsFile), "no JVM may start");
    }

    @Test
    void shouldPutChumJavaOptsAfterTheLaunchersFlagsSoThatTheyWin() throws Exception {
        final List<String> args = launch(Map.of("CHUM_JAVA_OPTS",
            "-Xmx32m -XX:+UseAdaptiveSizePolicy -Djdk.tls.namedGroups=x25519,secp256r1"), "sync");
        final int own = args.indexOf(NO_ADAPTIVE_SIZES);
        final int user = args.indexOf("-XX:+UseAdaptiveSizePolicy");
        assertTrue(own >= 0 && user > own, args::toString);
        final int ownGroups = args.indexOf(X25519_ONLY);
        assertTrue(ownGroups >= 0 && args.indexOf("-Djdk.tls.namedGroups=x25519,secp256r1") > ownGroups,
            args::toString);
        assertTrue(args.indexOf("-Xmx32m") < args.indexOf("-cp"), args::toString);
    }

    @Test
    void shouldAddTheNativeAccessOptionsOnlyForJdk24AndLater() throws Exception {
        assertFalse(launch(Map.of(), "id").contains("--enable-native-access=ALL-UNNAMED"));
        javaVersion("25.0.3");
        final List<String> args = launch(Map.of(), "id");
        assertTrue(args.contains("--enable-native-access=ALL-UNNAMED"), args::toString);
        assertTrue(args.contains("--sun-misc-unsafe-memory-access=allow"), args::toString);
    }

    @Test
    void shouldReadTheVersionOfTheJdkWhoseJavaIsOnThePathThroughItsSymbolicLinks() throws Exception {
        // As Debian has it: /usr/bin/java -> /etc/alternatives/java -> the JDK's bin/java.
        Files.createDirectories(tmp.resolve("alternatives"));
        Files.createSymbolicLink(tmp.resolve("alternatives/java"), jdk.resolve("bin/java"));
        final Path onPath = tmp.resolve("path-bin/java");
        Files.createDirectories(onPath.getParent());
        Files.createSymbolicLink(onPath, Paths.get("../alternatives/java"));
        // Empty is unset to the launcher, which then runs the java on the PATH.
        final Map<String, String> env = Map.of("JAVA_HOME", "",
            "PATH", onPath.getParent() + ":" + System.getenv("PATH"));

        final List<String> jdk17 = launch(env, "id");
        assertCommonFlags(jdk17, "id");
        assertFalse(jdk17.contains("--enable-native-access=ALL-UNNAMED"), jdk17::toString);
        javaVersion("25.0.3");
        final List<String> jdk25 = launch(env, "id");
        assertTrue(jdk25.contains("--enable-native-access=ALL-UNNAMED"), jdk25::toString);

        // A JAVA_HOME without a release file, such as /usr: the JDK is found through its bin/java's links.
        final Path usr = tmp.resolve("usr");
        Files.createDirectories(usr.resolve("bin"));
        Files.createSymbolicLink(usr.resolve("bin/java"), Paths.get("../../alternatives/java"));
        final List<String> viaUsr = launch(Map.of("JAVA_HOME", usr.toString()), "id");
        assertCommonFlags(viaUsr, "id");
        assertTrue(viaUsr.contains("--enable-native-access=ALL-UNNAMED"), viaUsr::toString);
    }

    @Test
    void shouldRunTheJvmInCUtf8WhereTheLocaleIsCOrPosixOrNone() throws Exception {
        for (final Map<String, String> env : List.of(Map.<String, String>of(), Map.of("LANG", "C"),
                Map.of("LC_ALL", "POSIX", "LANG", "de_DE.UTF-8"), Map.of("LC_CTYPE", "C", "LANG", "de_DE.UTF-8"))) {
            launch(env, "id");
            assertEquals("C.UTF-8", Files.readString(Path.of(argsFile + ".lc_all")), env::toString);
        }
        // A real locale is the user's to choose, whichever charset it has.
        launch(Map.of("LANG", "de_DE.ISO-8859-1"), "id");
        assertEquals("unset", Files.readString(Path.of(argsFile + ".lc_all")));
        launch(Map.of("LC_ALL", "en_US.UTF-8", "LANG", "C"), "id");
        assertEquals("en_US.UTF-8", Files.readString(Path.of(argsFile + ".lc_all")));
    }

    @Test
    void shouldFindTheProjectWhenStartedThroughASymbolicLink() throws Exception {
        final Path link = tmp.resolve("home/bin/chum");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Paths.get("../../project/bin/chum"));

        assertCommonFlags(launch(link, Map.of(), "id"), "id");
    }

    /** Flags every command gets: the project's argument file first, ParallelGC, then the class path and the CLI. */
    private void assertCommonFlags(final List<String> args, final String command) {
        assertEquals("@" + root.resolve("config/jvm.args"), args.get(0), args::toString);
        assertTrue(args.contains("-XX:+UseParallelGC"), args::toString);
        final int cp = args.indexOf("-cp");
        assertTrue(cp > 0, args::toString);
        assertEquals(root.resolve("engine/target/chum-engine.jar") + ":" + root.resolve("engine/target/lib") + "/*",
            args.get(cp + 1));
        assertEquals("io.chum.cli.ChumCli", args.get(cp + 2), args::toString);
        assertEquals(command, args.get(cp + 3), args::toString);
    }

    private static boolean hugePagesOffered() throws IOException {
        final Path thp = Paths.get("/sys/kernel/mm/transparent_hugepage/enabled");
        if (!Files.isReadable(thp)) {
            return false;
        }
        final String enabled = Files.readString(thp);
        return enabled.contains("[always]") || enabled.contains("[madvise]");
    }

    private List<String> launch(final Map<String, String> env, final String... command) throws Exception {
        return launch(root.resolve("bin/chum"), env, command);
    }

    private List<String> launch(final Path launcher, final Map<String, String> env, final String... command)
            throws Exception {
        final Run run = run(launcher, env, command);
        assertEquals(0, run.exit, run.stderr);
        return Files.readAllLines(argsFile, StandardCharsets.UTF_8);
    }

    private Run run(final Map<String, String> env, final String... command) throws Exception {
        return run(root.resolve("bin/chum"), env, command);
    }

    private Run run(final Path launcher, final Map<String, String> env, final String... command) throws Exception {
        Files.deleteIfExists(argsFile);
        final List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
        cmd.addAll(List.of(command));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        final Map<String, String> e = pb.environment();
        e.remove("CHUM_JAVA_OPTS");
        e.remove("CHUM_JIT");
        for (final String locale : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            e.remove(locale);
        }
        e.put("JAVA_HOME", jdk.toString());
        e.put("CHUM_CDS", "0");
        e.put("CHUM_TEST_ARGS", argsFile.toString());
        e.putAll(env);
        final Process p = pb.start();
        final String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(p.exitValue(), stderr);
    }

    private void javaVersion(final String version) throws IOException {
        write(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    }

    private static void copy(final Path from, final Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static Path write(final Path file, final String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private record Run(int exit, String stderr) {
    }
}
