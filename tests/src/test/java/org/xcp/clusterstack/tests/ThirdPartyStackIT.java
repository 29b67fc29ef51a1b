package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack built outside this repository, as docs/packagers.md ("Building a stack outside this repository") walks a
 * packager through it: {@code bin/publish-api} puts the API into a file repository; the example stack
 * ({@code examples/filehb-stack}, copied into an empty directory) builds against it with Maven, that repository
 * named in Maven's settings; rpmbuild makes its RPM, installed with {@code rpm --root} into a scratch root; the
 * RPM's jar, behind the third-party door there, is laid out by {@code cluster-stack install --stacks-dir} (what its
 * %post runs) and passes {@code cluster-stack verify} on three hosts of this machine
 * (127.0.4.81-83), their heartbeat directory a scratch directory. The nested Maven builds need no network: every
 * plugin is in Maven's local repository once this project was built.
 */
class ThirdPartyStackIT {
    static final String STACK = "filehb";
    static final String JAR = "filehb-stack-1.0.0.jar";
    static final String ATTRIBUTE = "Cluster-Stack-API-Version";
    /** What Debian's rpm says on stderr on every install and verify: not the package's output. */
    static final String DEBIAN_RPM_NOTICE = "(?m)^rpm: (RPM should not be used directly|However assuming).*\n";
    /** The CLI under test, and the library directory beside it: the runtime the stack is installed into. */
    static final Path CLI_JAR = Path.of(System.getProperty("cluster-stack.jar",
            Cli.REPO.resolve("libexec/cli/target/cluster-stack.jar").toString())).toAbsolutePath();

    @TempDir
    static Path built;
    static Path repository;
    static Path settings;
    static Path project;
    static Path rpm;

    @TempDir
    Path scratch;

    @BeforeAll
    static void publishTheApiBuildTheStackAndItsRpm() throws IOException {
        repository = built.resolve("repository");
        String buildDir = CLI_JAR.getParent().getFileName() + "-publish"; // beside the build under test, not in it
        Cli.Result published = Cli.exec(List.of(Cli.REPO.resolve("bin/publish-api").toString(), repository.toString(),
                "-Dcs.build.dir=" + buildDir), 600);
        assertThat(published.status()).as(published.stderr()).isZero();
        assertThat(published.stdout()).contains("published org.xcp.clusterstack:cluster-stack-api:",
                "published org.xcp.clusterstack:cluster-stack-bom:", "published org.xcp.clusterstack:cluster-stack-parent:");

        settings = Fixtures.write(built.resolve("settings.xml"), mavenSettings(repository));
        project = copyTree(Cli.REPO.resolve("examples/filehb-stack"), built.resolve("filehb-stack"));
        maven("package");

        Path top = built.resolve("rpmbuild");
        Cli.Result rpmbuild = Cli.exec(List.of("rpmbuild", "-bb", "--define", "_topdir " + top, "--define",
                "_sourcedir " + project.resolve("target"), project.resolve("filehb-stack.spec").toString()), 120);
        assertThat(rpmbuild.status()).as(rpmbuild.stderr()).isZero();
        rpm = top.resolve("RPMS/noarch/filehb-stack-1.0.0-1.noarch.rpm");
        assertThat(rpm).isRegularFile();
    }

    @Test
    void theStackJarRecordsTheApiVersionItWasBuiltAgainstAndCarriesNoApiClass() throws IOException {
        String runtimeApi;
        try (Stream<Path> lib = Files.list(CLI_JAR.resolveSibling("lib"))) {
            Path api = lib.filter(p -> p.getFileName().toString().startsWith("cluster-stack-api-")).findFirst()
                    .orElseThrow();
            runtimeApi = attribute(api);
        }
        assertThat(runtimeApi).as("the runtime's API jar").matches("[0-9]+\\.[0-9]+");
        assertThat(bomApiVersion()).as("cluster-stack-bom's cluster-stack.api.version").isEqualTo(runtimeApi);
        Path jar = project.resolve("target").resolve(JAR);
        assertThat(attribute(jar)).isEqualTo(runtimeApi);
        try (JarFile j = new JarFile(jar.toFile())) {
            List<String> entries = j.stream().map(e -> e.getName()).toList();
            assertThat(entries).contains("META-INF/services/org.xcp.clusterstack.api.spi.ClusterStackProvider",
                    "META-INF/cluster-stack/filehb.xml", "org/example/filehb/FileHeartbeatStackProvider.class");
            assertThat(entries).as("the API is provided by the runtime").noneMatch(e -> e.startsWith("org/xcp/"));
        }
    }

    @Test
    void theRpmPutsTheJarBehindTheDoorAndItsPostLaysOutTheStack() {
        assertThat(Cli.exec(List.of("rpm", "-qlp", rpm.toString())).succeeded().stdout().lines())
                .containsExactly("/usr/lib/cluster-stack/stacks/filehb", "/usr/lib/cluster-stack/stacks/filehb/filehb-stack.jar");
        assertThat(Cli.exec(List.of("rpm", "-qp", "--scripts", rpm.toString())).succeeded().stdout())
                .contains("/usr/bin/cluster-stack install --stack filehb --java /usr/bin/java --no-archive")
                .contains("rm -rf /usr/libexec/xapi/cluster-stack/filehb");
    }

    @Test
    void installedFromItsRpmThroughTheDoorItPassesVerifyOnThreeHosts() throws IOException {
        Path root = scratch.resolve("root");
        Files.createDirectories(root);
        // the scriptlets would run chrooted into the root, which holds no cluster-stack: %post's install runs below
        rpm(root, "--initdb");
        rpm(root, "-i", "--nodeps", "--noscripts", rpm.toString());
        assertThat(rpm(root, "-V", "--nodeps", "filehb-stack")).as("rpm -V").isEmpty();
        Path door = root.resolve("usr/lib/cluster-stack/stacks");
        assertThat(door.resolve("filehb/filehb-stack.jar")).isRegularFile();
        Path stacks = root.resolve("usr/libexec/xapi/cluster-stack");

        Cli.Result installed = Cli.run("install", "--root", stacks, "--stacks-dir", door, "--stack", STACK,
                "--run-dir", scratch.resolve("run"), "--log-dir", scratch.resolve("log"), "--no-archive").succeeded();
        assertThat(installed.stdout()).contains("installed stack filehb in " + stacks.resolve(STACK));
        Path dir = stacks.resolve(STACK);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("ha_start_daemon", "manifest.xml")
                    .noneMatch(n -> n.endsWith(".jar"));
        }
        assertThat(Files.readAllLines(dir.resolve("ha_supported_srs"))).containsExactly("nfs", "gfs2");

        Path heartbeats = Files.createDirectories(scratch.resolve("heartbeats"));
        Path conf = Fixtures.write(scratch.resolve("filehb.conf"), "filehb.directory = " + heartbeats + "\n");
        Cli.Result verify = Cli.runWithin(400, "verify", dir, "--hosts", "3", "-o", "address=127.0.4.81", "-o",
                "settings=" + conf);
        assertThat(verify.status()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(verify.stdout()).isEqualTo("Testing stack filehb in " + dir
                + " (3 hosts on 127.0.4.81-127.0.4.83, T = 10 s)\npassed all tests\n");
        try (Stream<Path> beats = Files.list(heartbeats)) {
            assertThat(beats.filter(p -> !p.getFileName().toString().startsWith("."))).as("a heartbeat per host")
                    .hasSize(3);
        }
    }

    @Test
    void aStackBuiltForANewerMinorOfTheApiIsRefusedWithOneLine() throws IOException {
        String[] api = bomApiVersion().split("\\.");
        String newer = api[0] + "." + (Integer.parseInt(api[1]) + 1);
        Path copy = copyTree(project.resolve("src"), scratch.resolve("newer/src")).getParent();
        Files.copy(project.resolve("pom.xml"), copy.resolve("pom.xml"));
        Cli.Result build = mavenIn(copy, "-DskipTests", "-Dcluster-stack.api.version=" + newer, "package");
        assertThat(build.status()).as(build.stdout()).isZero();
        Path door = Files.createDirectories(scratch.resolve("stacks/filehb"));
        Files.copy(copy.resolve("target").resolve(JAR), door.resolve(JAR));

        Cli.Result refused = Cli.run("install", "--root", scratch.resolve("root"), "--stacks-dir", door.getParent(),
                "--stack", STACK, "--run-dir", scratch.resolve("run"), "--log-dir", scratch.resolve("log"),
                "--no-archive").failedWithOneLine(1);
        assertThat(refused.stderr()).contains(door.toString(), newer);
        assertThat(scratch.resolve("root/filehb")).doesNotExist();
    }

    @Test
    void publishApiRefusesBadArgumentsWithOneLine() throws IOException {
        String script = Cli.REPO.resolve("bin/publish-api").toString();
        assertThat(refused(script)).isEqualTo("publish-api: usage: bin/publish-api DIR [MAVEN_OPTION...]");
        assertThat(refused(script, scratch.resolve("repo").toString(), "-o"))
                .startsWith("publish-api: Maven does not deploy in offline mode; run without -o");
        Path file = Fixtures.write(scratch.resolve("a-file"), "");
        assertThat(refused(script, file.toString()))
                .isEqualTo("publish-api: cannot write the repository directory " + file);
        assertThat(scratch.resolve("repo")).doesNotExist();
    }

    /** The one line a command that exits 1 printed on stderr, with nothing on stdout. */
    static String refused(String... command) {
        Cli.Result r = Cli.exec(List.of(command));
        assertThat(r.status()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().lines().toList()).hasSize(1);
        return r.stderr().strip();
    }

    /** {@code rpm --root ROOT ARGS}, which must succeed; what it printed, Debian's notice aside. */
    static String rpm(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of("rpm", "--root", root.toString()));
        command.addAll(List.of(args));
        Cli.Result r = Cli.exec(command, 120);
        assertThat(r.status()).as("rpm %s: %s", List.of(args), r.stdout() + r.stderr()).isZero();
        return r.stdout() + r.stderr().replaceAll(DEBIAN_RPM_NOTICE, "");
    }

    /** Maven's settings naming the published API's repository, as packagers.md shows them. */
    static String mavenSettings(Path repository) {
        return "<settings>\n"
                + "  <profiles>\n"
                + "    <profile>\n"
                + "      <id>cluster-stack-api</id>\n"
                + "      <repositories>\n"
                + "        <repository>\n"
                + "          <id>cluster-stack-api</id>\n"
                + "          <url>" + repository.toUri() + "</url>\n"
                + "          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>\n"
                + "        </repository>\n"
                + "      </repositories>\n"
                + "    </profile>\n"
                + "  </profiles>\n"
                + "  <activeProfiles><activeProfile>cluster-stack-api</activeProfile></activeProfiles>\n"
                + "</settings>\n";
    }

    static void maven(String... goals) {
        Cli.Result r = mavenIn(project, goals);
        assertThat(r.status()).as("mvn %s: %s", List.of(goals), r.stdout() + r.stderr()).isZero();
    }

    static Cli.Result mavenIn(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-ntp", "-Dstyle.color=never", "-s",
                settings.toString(), "-f", dir.resolve("pom.xml").toString()));
        command.addAll(List.of(args));
        return Cli.exec(command, 300);
    }

    static String attribute(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            return m == null ? null : m.getMainAttributes().getValue(new Attributes.Name(ATTRIBUTE));
        }
    }

    static String bomApiVersion() throws IOException {
        Matcher m = Pattern.compile("<cluster-stack\\.api\\.version>([^<]+)</cluster-stack\\.api\\.version>")
                .matcher(Files.readString(Cli.REPO.resolve("cluster-stack-bom/pom.xml")));
        assertThat(m.find()).as("cluster-stack-bom/pom.xml states cluster-stack.api.version").isTrue();
        return m.group(1);
    }

    /** {@code from}'s sources (no build output) into {@code to}. */
    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().equals("target") || rel.startsWith("target")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
