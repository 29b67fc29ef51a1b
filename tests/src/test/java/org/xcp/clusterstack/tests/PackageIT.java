package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;

/**
 * What {@code mvn package} makes for packagers: the tarball (every jar once in {@code share/cluster-stack/lib},
 * the stacks' directories under {@code libexec/xapi/cluster-stack/} without a jar), and the RPMs that rpmbuild
 * (Debian's {@code rpm} package, which bin/setup installs) builds from it: {@code -common}, one per stack and
 * {@code -legacy}, for this machine's architecture. They are installed with {@code rpm --root} into scratch roots
 * that hold a {@code /bin/sh} (the scriptlets run chrooted there) and nothing else: java is not in their rpm
 * database, so installs and {@code rpm -V} take {@code --nodeps}, and %post's class-data archive, which needs
 * java, is made the way %post makes it, from outside, by the installed tool.
 */
class PackageIT {
    static final Path OUT = Path.of(System.getProperty("cluster-stack.package", "../packaging/target"));
    static final List<String> SUBPACKAGES = List.of("common", "xhad", "corosync", "ocfs2", "melio", "legacy");
    static final String STACKS = "/usr/libexec/xapi/cluster-stack";
    static final String PREFIX = "cluster-stack-";
    /** The package whose eight scripts the xhad stack's occupy (xenserver/xha, mk/xha.spec.in). */
    static final String XHA = "xha";

    @TempDir
    static Path built;

    /** Each subpackage's RPM file, by its suffix (common, xhad, ...). */
    static final Map<String, Path> RPMS = new TreeMap<>();
    /** The same, one release later. */
    static final Map<String, Path> NEXT = new TreeMap<>();

    @TempDir
    Path scratch;

    @BeforeAll
    static void rpmbuildTheSpec() throws IOException {
        // no --define _libexecdir: the spec names xapi's directory itself, whatever this rpm's %_libexecdir
        RPMS.putAll(Rpms.build(OUT.resolve("cluster-stack.spec"), tarball(), built.resolve("rpmbuild"), PREFIX));
        // the next release of the same tree, to upgrade to
        Path next = Files.writeString(built.resolve("next.spec"), read(OUT.resolve("cluster-stack.spec"))
                .replaceFirst("(?m)^(Release: +)(\\S+)$", "$1$2.1"));
        NEXT.putAll(Rpms.build(next, tarball(), built.resolve("rpmbuild-next"), PREFIX));
    }

    @Test
    void theTarballHoldsEveryJarOnceAndStackDirectoriesWithoutJars() throws Exception {
        Path usr = untar();
        Path xhad = usr.resolve("libexec/xapi/cluster-stack/xhad");

        for (HaScript script : HaScript.values()) {
            assertThat(Files.isExecutable(xhad.resolve(script.fileName()))).as(script.fileName()).isTrue();
        }
        try (Stream<Path> files = Files.walk(usr.resolve("libexec"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".jar")).toList()).as("jars under libexec").isEmpty();
        }
        assertThat(usr.resolve("share/cluster-stack/cluster-stack.jar")).isRegularFile();
        assertThat(usr.resolve("share/cluster-stack/lib")).isDirectoryContaining("glob:**/cluster-stack-daemon-*.jar")
                .isDirectoryContaining("glob:**/xhad-adapter-*.jar").isDirectoryContaining("glob:**/jffi-*-native.jar");
        assertThat(usr.resolve("share/cluster-stack/client.jsa")).as("made where the jars end up").doesNotExist();
        assertThat(usr.resolve("libexec/xapi/cluster-stack")).isDirectoryContaining("glob:**/corosync")
                .isDirectoryContaining("glob:**/ocfs2").isDirectoryContaining("glob:**/melio");
        assertThat(usr.resolve("lib/cluster-stack/stacks")).isEmptyDirectory();
        assertThat(usr.resolve("share/man/man8/cluster-stack-verify.8.gz")).isRegularFile();
        assertThat(usr.resolve("share/man/man8/ha_start_daemon.8.gz")).isRegularFile();
        assertThat(usr.resolve("share/man/man5/xhad.conf.5.gz")).isRegularFile();
        assertThat(usr.resolve("share/man/man5/cluster-stack-settings.5.gz")).isRegularFile();
        assertThat(usr.resolve("share/bash-completion/completions/cluster-stack")).content()
                .contains("_complete_cluster-stack");
        assertThat(usr.resolve("etc/logrotate.d/cluster-stack")).content()
                .contains("/var/log/cluster-stack/*/*/daemon.log", "/var/log/cluster-stack/*/*/events.jsonl");
        assertThat(xhad.resolve("ha_env.rc")).content().contains("CS_JAVA='/usr/bin/java'",
                "CS_LIB=\"$cs_dir/../../../../share/cluster-stack/lib\"", "CS_RUN_BASE='/run/cluster-stack'",
                "CS_LOG_BASE='/var/log/cluster-stack'").doesNotContain(OUT.toAbsolutePath().toString());
        // the tree moved (unpacked here) and its scripts still find the shared jars (the lifecycle: the RPM's test)
        Cli.Result verify = Cli.exec(List.of(usr.resolve("bin/cluster-stack").toString(), "verify", xhad.toString(),
                "-o", "checks=static,no-daemon", "-o", "address=127.0.4.21"), 120);
        assertThat(verify.status()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(verify.stdout()).endsWith("\npassed all tests\n");

        // on a host without RPM, after unpacking, as packagers.md says: the archive beside the jars
        Cli.exec(List.of(usr.resolve("bin/cluster-stack").toString(), "install", "--archive-only", "--java",
                "/usr/bin/java")).succeeded();
        assertThat(usr.resolve("share/cluster-stack/client.jsa")).isNotEmptyFile();
    }

    /** JNR's jffi carries its native library for some 25 platforms; the package keeps this machine's alone. */
    @Test
    void everyRpmIsForThisArchitectureAndNoJarCarriesAnotherPlatformsNativeCode() throws Exception {
        String arch = Cli.exec(List.of("uname", "-m")).succeeded().stdout().strip();
        assertThat(RPMS).containsOnlyKeys(SUBPACKAGES);
        for (Path rpm : RPMS.values()) {
            assertThat(Rpms.query(rpm, "%{ARCH}")).as(rpm.getFileName().toString()).isEqualTo(arch);
        }
        Path usr = untar();
        List<String> natives = new ArrayList<>();
        try (Stream<Path> jars = Files.walk(usr.resolve("share/cluster-stack"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    zip.stream().map(ZipEntry::getName).filter(e -> e.matches(".*\\.(so|dll|dylib|jnilib|a)$"))
                            .forEach(e -> natives.add(jar.getFileName() + "!" + e));
                }
            }
        }
        assertThat(natives).containsExactly(jffiNative(usr) + "!jni/" + jffiPlatform(arch) + "/libjffi-1.2.so");
    }

    /**
     * xha's package owns {@code %{_libexecdir}/xapi/cluster-stack/xhad/ha_*}: only {@code -xhad} claims the same
     * paths, and it says so: it conflicts with xha and provides its name (for what requires the HA daemon as
     * {@code xha}), and obsoletes nothing, so that no update swaps a pool's HA daemon on its own.
     */
    @Test
    void onlyTheXhadRpmClaimsXhasEightPathsAndItConflictsWithXhaWithoutObsoletingIt() throws Exception {
        List<String> xhaPaths = Stream.of(HaScript.values()).map(s -> STACKS + "/xhad/" + s.fileName()).toList();
        for (Map.Entry<String, Path> rpm : RPMS.entrySet()) {
            List<String> files = Cli.exec(List.of("rpm", "-qlp", rpm.getValue().toString())).succeeded().stdout()
                    .lines().toList();
            if (rpm.getKey().equals("xhad")) {
                assertThat(files).containsAll(xhaPaths);
            } else {
                assertThat(files).as(rpm.getKey()).doesNotContainAnyElementsOf(xhaPaths);
            }
        }
        Path xhad = RPMS.get("xhad");
        assertThat(Rpms.lines(xhad, "--conflicts")).containsExactly(XHA);
        assertThat(Rpms.lines(xhad, "--provides")).contains(XHA + " = " + Rpms.query(xhad, "%{VERSION}-%{RELEASE}"));
        assertThat(Rpms.lines(xhad, "--obsoletes")).isEmpty();
        // the passthrough forwards to xha's own scripts: it needs xha, and cannot stand beside our xhad
        assertThat(Rpms.lines(RPMS.get("legacy"), "--requires")).contains(XHA);
        assertThat(Rpms.lines(RPMS.get("legacy"), "--conflicts")).containsExactly("cluster-stack-xhad");
    }

    /** Each stack needs the common package of its own version-release; nothing pulls in melio. */
    @Test
    void eachStackRequiresItsCommonPackageAndNothingRequiresMelio() throws Exception {
        String common = "cluster-stack-common(" + isa() + ") = "
                + Rpms.query(RPMS.get("common"), "%{VERSION}-%{RELEASE}");
        for (String stack : List.of("xhad", "corosync", "ocfs2", "melio")) {
            assertThat(Rpms.lines(RPMS.get(stack), "--requires")).as(stack).contains(common);
        }
        for (Path rpm : RPMS.values()) {
            assertThat(Rpms.lines(rpm, "--requires")).as(rpm.getFileName().toString())
                    .noneMatch(d -> d.contains("melio"));
        }
        assertThat(Rpms.query(RPMS.get("melio"), "%{DESCRIPTION}")).contains("Not installed unless asked for");
    }

    /**
     * common, xhad, corosync and ocfs2 installed in a scratch root: {@code rpm -V} finds nothing changed, before and
     * after the class-data archive is made ({@code %ghost}); verify passes on each stack there, the xhad stack's whole
     * lifecycle (its daemon loads JNR's native library from the one left in the jar: it locks its memory through it),
     * corosync's and ocfs2's static and no-daemon checks (their daemons need a corosync: CorosyncConformanceIT and
     * Ocfs2ConformanceIT run them in the lab).
     */
    @Test
    void theRpmsInstalledInAScratchRootVerifyCleanAndEachStackPassesVerify() throws Exception {
        RpmRoot root = installedRoot("common", "xhad", "corosync", "ocfs2");
        for (String p : List.of("common", "xhad", "corosync", "ocfs2")) {
            assertThat(root.rpm("-V", "--nodeps", "cluster-stack-" + p)).as("rpm -V cluster-stack-" + p).isEmpty();
        }
        Path tool = root.path("/usr/bin/cluster-stack");
        // what %post runs, for the java the scripts run (theirs: /usr/bin/java)
        Cli.exec(List.of(tool.toString(), "install", "--archive-only", "--root", root.dir + STACKS, "--java",
                "/usr/bin/java")).succeeded();
        assertThat(root.path("/usr/share/cluster-stack/client.jsa")).isNotEmptyFile();
        assertThat(root.rpm("-V", "--nodeps", "cluster-stack-common")).as("rpm -V with the archive made").isEmpty();

        logInScratchRoot(root, "xhad", "corosync", "ocfs2");
        Path xhad = root.path(STACKS + "/xhad");
        Cli.Result lifecycle = Cli.exec(List.of(tool.toString(), "verify", xhad.toString(), "-o", "address=127.0.4.21"),
                120);
        assertThat(lifecycle.status()).as(lifecycle.stdout() + lifecycle.stderr()).isZero();
        assertThat(lifecycle.stdout()).endsWith("\npassed all tests\n");
        try (Stream<Path> logs = Files.walk(root.path("/var/log/cluster-stack/xhad"))) {
            assertThat(logs.filter(p -> p.endsWith("daemon.log")).map(PackageIT::read))
                    .anyMatch(log -> log.contains("mlockall"));
        }
        for (String stack : List.of("corosync", "ocfs2")) {
            Cli.Result r = Cli.exec(List.of(tool.toString(), "verify", root.dir + STACKS + "/" + stack, "-o",
                    "checks=static,no-daemon", "-o", "address=127.0.4.21"), 120);
            assertThat(r.status()).as(stack + ": " + r.stdout() + r.stderr()).isZero();
            assertThat(r.stdout()).endsWith("\npassed all tests\n");
        }
    }

    /**
     * {@code rpm -e cluster-stack-corosync} removes the corosync directory and nothing else; removing
     * {@code cluster-stack-xhad} while its daemon runs on this host (started with the installed ha_start_daemon,
     * its run directory in the scratch root, where the chrooted %preun looks) is refused with one line naming the
     * stack and how to stop it, both as on a host (the root has a /proc: the pid's command line is the xhad
     * daemon's) and in a bare chroot (no /proc: a live process of that pid); an upgrade to the next release goes
     * through and leaves the daemon running; once the daemon is stopped the removal goes through.
     */
    @Test
    void removingAStackRemovesItsDirectoryAloneAndIsRefusedWhileItsDaemonRuns() throws Exception {
        RpmRoot root = installedRoot("common", "xhad", "corosync", "ocfs2");

        Cli.Result removed = root.exec("-e", "cluster-stack-corosync");

        assertThat(removed.status()).as(removed.stderr()).isZero();
        assertThat(root.path(STACKS + "/corosync")).doesNotExist();
        assertThat(root.path(STACKS + "/xhad/ha_start_daemon")).isExecutable();
        assertThat(root.path(STACKS + "/ocfs2/ha_start_daemon")).isExecutable();
        for (String p : List.of("common", "xhad", "ocfs2")) {
            assertThat(root.rpm("-V", "--nodeps", "cluster-stack-" + p)).as("rpm -V cluster-stack-" + p).isEmpty();
        }

        logInScratchRoot(root, "xhad");
        OneHost host = new OneHost(root, scratch);
        String pid = "";
        try {
            host.script(HaScript.SET_POOL_STATE, "init").succeeded();
            host.script(HaScript.START_DAEMON).succeeded();
            pid = read(host.runDir().resolve("pid")).strip();
            String refusal = "cluster-stack-xhad: the xhad stack's daemon runs on this host (pid " + pid
                    + "): take the host out of HA first (cluster-stack maintenance enter, or xe pool-ha-disable),"
                    + " then remove the package\n";

            for (boolean withProc : List.of(false, true)) {
                Cli.Result refused = withProc ? root.execWithProc("-e", "cluster-stack-xhad")
                        : root.exec("-e", "cluster-stack-xhad");

                assertThat(refused.status()).as("with /proc: %s; %s", withProc, refused.stderr()).isNotZero();
                assertThat(refused.stderr()).startsWith(refusal);
                assertThat(root.path(STACKS + "/xhad/ha_start_daemon")).isExecutable();
                assertThat(root.rpm("-q", "cluster-stack-xhad")).startsWith("cluster-stack-xhad-");
            }

            // an upgrade is never refused and stops nothing: the daemon keeps running and answering
            Cli.Result upgraded = root.execWithProc("-U", "--nodeps", NEXT.get("common").toString(),
                    NEXT.get("xhad").toString());
            assertThat(upgraded.status()).as(upgraded.stderr()).isZero();
            assertThat(root.rpm("-q", "cluster-stack-xhad")).contains(Rpms.query(NEXT.get("xhad"), "%{RELEASE}"));
            assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)).isPresent();
            logInScratchRoot(root, "xhad"); // the new release's ha_env.rc
            host.runInScratchRoot();
            assertThat(host.script(HaScript.QUERY_LIVESET).succeeded().stdout()).contains("<ha_liveset_info");
        } finally {
            host.script(HaScript.DISARM_FENCING);
            host.script(HaScript.STOP_DAEMON);
            if (!pid.isEmpty()) { // its scripts gone with a removal that should not have gone through
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Cli.Result afterStop = root.execWithProc("-e", "cluster-stack-xhad");
        assertThat(afterStop.status()).as(afterStop.stderr()).isZero();
        assertThat(root.path(STACKS + "/xhad")).doesNotExist();
        assertThat(root.rpm("-V", "--nodeps", "cluster-stack-common")).isEmpty();
    }

    /**
     * With full dependency checks, against stand-ins for xha's package (its name, its eight scripts) and for what a
     * host provides (java, a shell, coreutils, util-linux): cluster-stack-xhad installs (it provides what it
     * conflicts with: rpm ignores that), and then xha is refused; where xha is, cluster-stack-xhad is refused, even
     * with {@code --nodeps} (the eight files), and the legacy passthrough installs beside xha but not beside
     * cluster-stack-xhad; its removal is refused while xapi.conf points xapi at its root.
     */
    @Test
    void xhadAndXhaNeverStandTogetherAndTheLegacyPassthroughStandsBesideXhaOnly() throws Exception {
        Path xha = Rpms.standIn(built.resolve("stand-ins/xha"), XHA, "10.0.2", "", STACKS + "/xhad");
        Path host = Rpms.standIn(built.resolve("stand-ins/host"), "host-stand-in", "1",
                "Provides: /bin/sh java-17-openjdk-headless coreutils grep util-linux", "");
        String common = RPMS.get("common").toString();

        RpmRoot ours = RpmRoot.create(scratch.resolve("ours"));
        ours.rpm("-i", host.toString());
        assertThat(ours.rpm("-i", common, RPMS.get("xhad").toString())).isEmpty();
        Cli.Result xhaAfterUs = ours.exec("-i", xha.toString());
        assertThat(xhaAfterUs.status()).isNotZero();
        assertThat(xhaAfterUs.stderr()).contains("xha conflicts with (installed) cluster-stack-xhad-");
        Cli.Result legacyBesideUs = ours.exec("-i", RPMS.get("legacy").toString());
        assertThat(legacyBesideUs.status()).isNotZero();
        assertThat(legacyBesideUs.stderr()).contains("cluster-stack-xhad conflicts with cluster-stack-legacy-");

        RpmRoot theirs = RpmRoot.create(scratch.resolve("theirs"));
        theirs.rpm("-i", host.toString(), xha.toString());
        Cli.Result usAfterXha = theirs.exec("-i", common, RPMS.get("xhad").toString());
        assertThat(usAfterXha.status()).isNotZero();
        assertThat(usAfterXha.stderr()).contains("xha conflicts with cluster-stack-xhad-");
        Cli.Result forced = theirs.exec("-i", "--nodeps", common, RPMS.get("xhad").toString());
        assertThat(forced.status()).isNotZero();
        assertThat(forced.stderr()).contains("file " + STACKS + "/xhad/ha_start_daemon from install of"
                + " cluster-stack-xhad-", "conflicts with file from package xha-10.0.2-1");
        assertThat(theirs.rpm("-i", common, RPMS.get("legacy").toString())).isEmpty();
        assertThat(theirs.rpm("-q", XHA)).startsWith("xha-10.0.2-1");

        // removing the passthrough is refused while xapi's root is its root, and goes through once it is not
        Path xapiConf = Fixtures.write(theirs.path("/etc/xapi.conf"),
                "search-path = /usr/bin\ncluster-stack-root = \"/usr/libexec/cluster-stack/legacy/\"\n");
        Cli.Result refused = theirs.exec("-e", "cluster-stack-legacy");
        assertThat(refused.status()).isNotZero();
        assertThat(refused.stderr()).startsWith("cluster-stack-legacy: xapi's cluster-stack-root is"
                + " /usr/libexec/cluster-stack/legacy (/etc/xapi.conf): disable HA and point it back at " + STACKS
                + " first, then remove the package\n");
        Files.writeString(xapiConf, "cluster-stack-root = " + STACKS + "\n");
        assertThat(theirs.rpm("-e", "cluster-stack-legacy")).isEmpty();
        assertThat(theirs.rpm("-q", XHA)).startsWith("xha-10.0.2-1");
    }

    /** One version, the pom's: in the tarball's name, the packaged jar's --version and the spec; one licence too. */
    @Test
    void thePackagedToolTheTarballAndTheSpecSayTheSameVersionAndLicence() throws Exception {
        String version = tarball().getFileName().toString().replaceFirst("^cluster-stack-(.*)\\.tar\\.gz$", "$1");
        Path usr = untar();

        Cli.Result printed = Cli.exec(List.of(usr.resolve("bin/cluster-stack").toString(), "--version")).succeeded();

        assertThat(version).doesNotContain("development").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(printed.stdout()).isEqualTo("cluster-stack " + version + "\n");
        assertThat(OUT.resolve("cluster-stack.spec")).content()
                .contains("Version:        " + version.replaceFirst("-.*", "") + "\n",
                        "Source0:        cluster-stack-" + version + ".tar.gz\n", "License:        LGPL-2.1-only\n");
        assertThat(usr.resolve("LICENSE")).hasSameTextualContentAs(Cli.REPO.resolve("LICENSE"));
        for (Path rpm : RPMS.values()) {
            assertThat(Rpms.query(rpm, "%{VERSION}")).isEqualTo(version.replaceFirst("-.*", ""));
            assertThat(Rpms.query(rpm, "%{LICENSE}")).isEqualTo("LGPL-2.1-only");
        }
        assertThat(Cli.exec(List.of("rpm", "-qp", "--changelog", RPMS.get("common").toString())).succeeded().stdout())
                .startsWith("* ").contains(" - " + Rpms.query(RPMS.get("common"), "%{VERSION}-%{RELEASE}") + "\n");
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
    void theCommonRpmHoldsTheToolItsPagesAndTheJarsAndEachStackRpmItsDirectory() throws Exception {
        List<String> common = Cli.exec(List.of("rpm", "-qlp", RPMS.get("common").toString())).succeeded().stdout()
                .lines().toList();
        assertThat(common).contains("/usr/bin/cluster-stack", "/usr/share/cluster-stack/cluster-stack.jar",
                "/usr/share/cluster-stack/client.jsa", "/etc/logrotate.d/cluster-stack", "/var/log/cluster-stack",
                "/usr/lib/cluster-stack/stacks", "/usr/share/bash-completion/completions/cluster-stack");
        assertThat(common).anyMatch(f -> f.matches("/usr/share/cluster-stack/lib/cluster-stack-daemon-.*\\.jar"))
                .anyMatch(f -> f.startsWith("/usr/share/man/man8/cluster-stack-verify.8"))
                .anyMatch(f -> f.startsWith("/usr/share/man/man5/xhad.conf.5"))
                .noneMatch(f -> f.startsWith(STACKS + "/"));
        assertThat(Cli.exec(List.of("rpm", "-qp", "--qf", "[%{FILENAMES} %{FILEFLAGS:fflags}\n]",
                RPMS.get("common").toString())).succeeded().stdout())
                .contains("/usr/share/cluster-stack/client.jsa g\n", "/etc/logrotate.d/cluster-stack cn\n");
        // the archive is made by %post and again when java changes; a stack's package lays out nothing at install
        assertThat(Cli.exec(List.of("rpm", "-qp", "--scripts", RPMS.get("common").toString())).succeeded().stdout())
                .contains("postinstall scriptlet",
                        "/usr/bin/cluster-stack install --archive-only --java /usr/bin/java");
        assertThat(Cli.exec(List.of("rpm", "-qp", "--triggers", RPMS.get("common").toString())).succeeded().stdout())
                .contains("triggerin scriptlet", "java-17-openjdk-headless", "install --archive-only");
        for (String stack : List.of("xhad", "corosync", "ocfs2", "melio")) {
            assertThat(Cli.exec(List.of("rpm", "-qp", "--scripts", RPMS.get(stack).toString())).succeeded().stdout())
                    .as(stack).contains("preuninstall scriptlet").doesNotContain("postinstall", "postuninstall");
            List<String> files = Cli.exec(List.of("rpm", "-qlp", RPMS.get(stack).toString())).succeeded().stdout()
                    .lines().toList();
            assertThat(files).as(stack).allMatch(f -> f.startsWith(STACKS + "/" + stack))
                    .contains(STACKS + "/" + stack + "/manifest.xml").noneMatch(f -> f.endsWith(".jar"));
        }
        assertThat(Cli.exec(List.of("rpm", "-qlp", RPMS.get("legacy").toString())).succeeded().stdout().lines())
                .contains("/usr/libexec/cluster-stack/legacy/xhad/ha_start_daemon")
                .noneMatch(f -> f.startsWith(STACKS + "/"));
    }

    /** A host of this root, 127.0.4.22, whose daemon keeps its run directory in the root's /run. */
    private static final class OneHost {
        final RpmRoot root;
        final Path config;
        final HaUuid id = HaUuid.parse("0000a001-1111-4222-8333-00000000a001");

        OneHost(RpmRoot root, Path dir) throws IOException {
            this.root = root;
            Path statefile = Fixtures.write(dir.resolve("statefile"), new byte[266_240]);
            DaemonConfig conf = DaemonConfig.builder().generation(HaUuid.parse(LoopbackPool.GENERATION))
                    .parameter(Parameter.HEARTBEAT_INTERVAL, 1).parameter(Parameter.HEARTBEAT_TIMEOUT, 4)
                    .parameter(Parameter.STATEFILE_INTERVAL, 1).parameter(Parameter.STATEFILE_TIMEOUT, 4)
                    .parameter(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, 4)
                    .parameter(Parameter.STATEFILE_WATCHDOG_TIMEOUT, 6)
                    .parameter(Parameter.BOOT_JOIN_TIMEOUT, 10).parameter(Parameter.ENABLE_JOIN_TIMEOUT, 10)
                    .heartbeatInterface("lo").stateFile(statefile).watchdogMode(WatchdogMode.NONE)
                    .host(id, "127.0.4.22").build(id);
            this.config = DaemonConfigWriter.write(conf, dir.resolve("xhad.conf"));
            runInScratchRoot();
        }

        /** Its scripts keep the daemon's run directory in the root (again after an upgrade replaced ha_env.rc). */
        void runInScratchRoot() throws IOException {
            Path env = stackDir().resolve("ha_env.rc");
            Files.writeString(env, read(env).replace("CS_RUN_BASE='/run/cluster-stack'",
                    "CS_RUN_BASE='" + root.path("/run/cluster-stack") + "'"));
        }

        Path stackDir() {
            return root.path(STACKS + "/xhad");
        }

        Path runDir() {
            return root.path("/run/cluster-stack/xhad/" + id.compact());
        }

        Cli.Result script(HaScript script, String... args) {
            List<String> command = new ArrayList<>(List.of("/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin:"
                    + stackDir(), stackDir().resolve(script.fileName()).toString()));
            command.addAll(List.of(args));
            command.addAll(List.of("-C", config.toString()));
            return Cli.exec(command, 150);
        }
    }

    /** A scratch root with these subpackages installed (--nodeps: java is not in its database). */
    private RpmRoot installedRoot(String... subpackages) throws IOException {
        // a short name: a daemon's control socket is made in it, and its path may not be longer than 107 bytes
        RpmRoot root = RpmRoot.create(scratch.resolve("r"));
        List<String> install = new ArrayList<>(List.of("-i", "--nodeps"));
        for (String p : subpackages) {
            install.add(RPMS.get(p).toString());
        }
        assertThat(root.rpm(install.toArray(String[]::new))).as("rpm -i").isEmpty();
        return root;
    }

    /** The stacks' daemons log in the scratch root, not in this machine's /var/log (after rpm -V: it changes them). */
    private static void logInScratchRoot(RpmRoot root, String... stacks) throws IOException {
        for (String stack : stacks) {
            Path env = root.path(STACKS + "/" + stack + "/ha_env.rc");
            Files.writeString(env, read(env).replace("CS_LOG_BASE='/var/log/cluster-stack'",
                    "CS_LOG_BASE='" + root.path("/var/log/cluster-stack") + "'"));
        }
    }

    /** RPM's name for this machine's instruction set, as in {@code name(x86-64)}. */
    private static String isa() {
        return Cli.exec(List.of("rpm", "--eval", "%{_isa}")).succeeded().stdout().strip().replaceAll("[()]", "");
    }

    private static String jffiPlatform(String arch) {
        return arch.matches("i.86") ? "i386-Linux" : arch + "-Linux";
    }

    private static String jffiNative(Path usr) throws IOException {
        try (Stream<Path> jars = Files.list(usr.resolve("share/cluster-stack/lib"))) {
            return jars.map(p -> p.getFileName().toString()).filter(n -> n.matches("jffi-.*-native\\.jar")).findFirst()
                    .orElseThrow();
        }
    }

    private Path untar() throws IOException {
        Path usr = Files.createDirectories(scratch.resolve("usr"));
        Cli.exec(List.of("tar", "-xzf", tarball().toString(), "-C", usr.toString(), "--strip-components=1")).succeeded();
        return usr;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tarball() throws IOException {
        try (Stream<Path> files = Files.list(OUT)) {
            return files.filter(p -> p.getFileName().toString().matches("cluster-stack-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no tarball in " + OUT + ": run mvn package"));
        }
    }
}
