package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaScript;

/**
 * What {@code mvn package} makes for packagers: the tarball, installed into a scratch root and verified
 * there, and the RPM that rpmbuild (Debian's {@code rpm} package, which bin/setup installs) builds from it,
 * placing the stacks under {@code %{_libexecdir}/xapi/cluster-stack/} as xhad's package does.
 */
class PackageIT {
    static final Path OUT = Path.of(System.getProperty("cluster-stack.package", "../packaging/target"));

    @TempDir
    Path scratch;

    @Test
    void theTarballInstalledInAScratchRootPassesVerify() throws Exception {
        Path usr = Files.createDirectories(scratch.resolve("usr"));
        Cli.exec(List.of("tar", "-xzf", tarball().toString(), "-C", usr.toString(), "--strip-components=1")).succeeded();
        Path xhad = usr.resolve("libexec/xapi/cluster-stack/xhad");

        for (HaScript script : HaScript.values()) {
            assertThat(Files.isExecutable(xhad.resolve(script.fileName()))).as(script.fileName()).isTrue();
        }
        assertThat(usr.resolve("share/cluster-stack/cluster-stack.jar")).isRegularFile();
        assertThat(usr.resolve("share/man/man8/cluster-stack-verify.8.gz")).isRegularFile();
        assertThat(usr.resolve("share/man/man8/ha_start_daemon.8.gz")).isRegularFile();
        assertThat(usr.resolve("share/man/man5/xhad.conf.5.gz")).isRegularFile();
        assertThat(usr.resolve("share/man/man5/cluster-stack-settings.5.gz")).isRegularFile();
        assertThat(usr.resolve("share/bash-completion/completions/cluster-stack")).content()
                .contains("_complete_cluster-stack");
        assertThat(usr.resolve("etc/logrotate.d/cluster-stack")).content()
                .contains("/var/log/cluster-stack/*/*/daemon.log", "/var/log/cluster-stack/*/*/events.jsonl");
        Path env = xhad.resolve("ha_env.rc");
        assertThat(env).content().contains("CS_JAVA='/usr/bin/java'", "CS_LOG_BASE='/var/log/cluster-stack'")
                .doesNotContain(OUT.toString());
        // verify's daemons log in the scratch root, not in this machine's /var/log
        Files.writeString(env, Files.readString(env).replace("CS_LOG_BASE='/var/log/cluster-stack'",
                "CS_LOG_BASE='" + scratch.resolve("log") + "'"));

        Cli.Result verify = Cli.exec(List.of(usr.resolve("bin/cluster-stack").toString(), "verify", xhad.toString(),
                "-o", "address=127.0.4.21"), 120);

        assertThat(verify.status()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(verify.stdout()).endsWith("\npassed all tests\n");
    }

    /** One version, the pom's: in the tarball's name, the packaged jar's --version and the spec; one licence too. */
    @Test
    void thePackagedToolTheTarballAndTheSpecSayTheSameVersionAndLicence() throws Exception {
        String version = tarball().getFileName().toString().replaceFirst("^cluster-stack-(.*)\\.tar\\.gz$", "$1");
        Path usr = Files.createDirectories(scratch.resolve("usr"));
        Cli.exec(List.of("tar", "-xzf", tarball().toString(), "-C", usr.toString(), "--strip-components=1")).succeeded();

        Cli.Result printed = Cli.exec(List.of(usr.resolve("bin/cluster-stack").toString(), "--version")).succeeded();

        assertThat(version).doesNotContain("development").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(printed.stdout()).isEqualTo("cluster-stack " + version + "\n");
        assertThat(OUT.resolve("cluster-stack.spec")).content()
                .contains("Version:        " + version.replaceFirst("-.*", "") + "\n",
                        "Source0:        cluster-stack-" + version + ".tar.gz\n", "License:        LGPL-2.1-only\n");
        assertThat(usr.resolve("LICENSE")).hasSameTextualContentAs(Cli.REPO.resolve("LICENSE"));
    }

    @Test
    void theManPagesComeFromThePicocliCommands() throws Exception {
        Path man = Files.createDirectories(scratch.resolve("man"));
        Cli.run("man", "--dir", man).succeeded();

        assertThat(man.resolve("man8/cluster-stack-verify.8")).content().startsWith(".\\\" Generated")
                .contains(".TH \"CLUSTER\\-STACK\\-VERIFY\" \"8\"", "\\fB\\-\\-hosts\\fR \\fIN\\fR",
                        "MTC_EXIT_DAEMON_IS_PRESENT");
        assertThat(man.resolve("man8/cluster-stack-statefile-dump.8")).isRegularFile();
        assertThat(man.resolve("man8/cluster-stack-man.8")).as("hidden").doesNotExist();
        assertThat(man.resolve("man8/ha_query_liveset.8")).content().contains("MTC_EXIT_DAEMON_IS_NOT_PRESENT");
        assertThat(man.resolve("man5/xhad.conf.5")).content().contains("HeartbeatTimeout");
    }

    @Test
    void rpmbuildMakesAnRpmThatInstallsUnderLibexecXapiClusterStack() throws Exception {
        Path top = scratch.resolve("rpmbuild");
        Files.createDirectories(top.resolve("SOURCES"));
        Files.copy(tarball(), top.resolve("SOURCES").resolve(tarball().getFileName()));

        Cli.Result build = Cli.exec(List.of("rpmbuild", "--define", "_topdir " + top, "--define",
                "_libexecdir /usr/libexec", "-bb", OUT.resolve("cluster-stack.spec").toString()), 300);
        assertThat(build.status()).as(build.stderr()).isZero();

        Path rpm;
        try (Stream<Path> files = Files.walk(top.resolve("RPMS"))) {
            rpm = files.filter(p -> p.toString().endsWith(".noarch.rpm")).findFirst().orElseThrow();
        }
        Cli.Result list = Cli.exec(List.of("rpm", "-qlp", rpm.toString())).succeeded();
        assertThat(list.stdout().lines()).contains("/usr/libexec/xapi/cluster-stack/xhad/ha_start_daemon",
                "/usr/libexec/xapi/cluster-stack/xhad/manifest.xml", "/usr/bin/cluster-stack",
                "/usr/share/cluster-stack/cluster-stack.jar", "/etc/logrotate.d/cluster-stack", "/var/log/cluster-stack");
        assertThat(list.stdout()).contains("/usr/share/man/man8/cluster-stack-verify.8", "/usr/share/man/man8/ha_set_excluded.8",
                "/usr/share/man/man5/xhad.conf.5", "/usr/share/man/man5/cluster-stack-settings.5",
                "/usr/share/bash-completion/completions/cluster-stack", "/LICENSE");
        assertThat(Cli.exec(List.of("rpm", "-qp", "--queryformat", "%{LICENSE}", rpm.toString())).succeeded().stdout())
                .isEqualTo("LGPL-2.1-only");
    }

    private static Path tarball() throws Exception {
        try (Stream<Path> files = Files.list(OUT)) {
            return files.filter(p -> p.getFileName().toString().matches("cluster-stack-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no tarball in " + OUT + ": run mvn package"));
        }
    }
}
