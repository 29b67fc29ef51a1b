package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ApiVersion;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;

/**
 * The third-party door: a stack that is not this tool's, its jar dropped in {@code <stacks-dir>/<name>/}, is laid
 * out by {@code install} with its jars named in {@code ha_env.rc}, started by the daemon host from there, and passes
 * {@code verify}. The stack, {@code acme}, is compiled here: a provider of its own name whose engine is xhad's
 * (the engine is not what is tested, the door is). Its pool is on 127.0.21.x.
 */
class StackDoorIT {
    private static final String LIFECYCLE = "checks=static,no-daemon,start,liveset,master,shutdown,config";

    @TempDir
    Path base;

    @Test
    void aStackBehindTheDoorIsInstalledStartedByTheDaemonHostAndPassesVerify() throws Exception {
        Path stacks = base.resolve("stacks");
        Path jar = acmeJar(stacks.resolve("acme/acme-stack-1.0.jar"), ApiVersion.CURRENT.toString());
        Path root = base.resolve("root");

        Cli.Result install = Cli.run("install", "--root", root, "--stacks-dir", stacks, "--stack", "acme",
                "--run-dir", base.resolve("run"), "--log-dir", base.resolve("log"), "--no-archive").succeeded();

        assertThat(install.stdout()).isEqualTo("installed stack acme in " + root.resolve("acme") + " (from "
                + stacks.resolve("acme") + ")\n");
        Path dir = root.resolve("acme");
        assertThat(dir.resolve("ha_env.rc")).content().contains("CS_STACK_JARS=\"$cs_dir/../../stacks/acme/"
                + jar.getFileName() + "\"");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".jar") || n.equals("lib"));
        }
        assertThat(dir.resolve("ha_supported_srs")).content().isEqualTo("nfs\nlvmoiscsi\n");
        Cli.Result shellcheck = Cli.exec(List.of("sh", "-c", "shellcheck --shell=sh \"$0\"/ha_*", dir.toString()));
        assertThat(shellcheck.status()).as(shellcheck.stdout()).isZero();

        Cli.Result verify = Cli.runWithin(300, "verify", dir, "-o", "address=127.0.21.1", "-o", LIFECYCLE);

        assertThat(verify.status()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(verify.stdout()).startsWith("Testing stack acme in " + dir).endsWith("passed all tests\n");
    }

    /** stacks.md §5.1, point 5, across the door: this tool's daemons see a door stack's daemon, and it sees theirs. */
    @Test
    void oneFencerPerHostHoldsBetweenADoorStackAndThisToolsOwn() throws Exception {
        acmeJar(base.resolve("stacks/acme/acme.jar"), ApiVersion.CURRENT.toString());
        InstalledStack acme = InstalledStack.install(base, "acme", "--stacks-dir", base.resolve("stacks"),
                "--no-archive");
        InstalledStack xhad = acme.sibling("xhad");
        Path config = OnePool.config(base, DaemonConfig.builder().generation(HaUuid.parse(OnePool.GENERATION))
                .host(HaUuid.parse(OnePool.HOST), "127.0.21.11").haTimeout(10).heartbeatInterface("lo")
                .stateFile(base.resolve("statefile")).watchdogMode(WatchdogMode.USER));
        try {
            acme.run(HaScript.SET_POOL_STATE, "init", "-C", config).succeeded();
            acme.run(HaScript.START_DAEMON, "-C", config).succeeded();

            Cli.Result refused = xhad.run(HaScript.START_DAEMON, "-C", config).failedWithoutOutput(16);
            assertThat(refused.stderr()).contains("the acme stack's daemon runs for this host");
            // the admin commands find it without --stack, though this tool does not carry it: its run directory
            Cli.Result status = Cli.run("status", "-C", config, "--run-dir", acme.runBase).succeeded();
            assertThat(status.stdout()).contains("acme");
            acme.run(HaScript.STOP_DAEMON, "-C", config).succeeded();

            xhad.run(HaScript.START_DAEMON, "-C", config).succeeded();
            refused = acme.run(HaScript.START_DAEMON, "-C", config).failedWithoutOutput(16);
            assertThat(refused.stderr()).contains("the xhad stack's daemon runs for this host");
            xhad.run(HaScript.STOP_DAEMON, "-C", config).succeeded();
        } finally {
            acme.stopAll();
        }
    }

    @Test
    void theDoorIsFoundThroughTheEnvironmentToo() throws Exception {
        Path stacks = base.resolve("stacks");
        acmeJar(stacks.resolve("acme/acme.jar"), ApiVersion.CURRENT.toString());

        Cli.Result r = Cli.exec(List.of("env", "CLUSTER_STACK_STACKS_DIR=" + stacks, Cli.LAUNCHER.toString(),
                "install", "--root", base.resolve("root").toString(), "--no-archive"));

        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("installed stack acme in " + base.resolve("root/acme"))
                .contains("installed stack xhad in " + base.resolve("root/xhad"));
    }

    @Test
    void aStackBuiltForAnotherApiMajorIsOneLineExit1AndNothingIsInstalled() throws Exception {
        Path stacks = base.resolve("stacks");
        String other = (ApiVersion.CURRENT.major() + 1) + ".0";
        acmeJar(stacks.resolve("acme/acme.jar"), other);
        Path root = base.resolve("root");

        Cli.Result r = Cli.run("install", "--root", root, "--lib-dir", base.resolve("lib"), "--stacks-dir", stacks)
                .failedWithOneLine(1);

        assertThat(r.stderr()).contains("stack directory " + stacks.resolve("acme") + ": acme.jar is built against API "
                + other + ", and this runtime's API is " + ApiVersion.CURRENT);
        assertThat(root).as("no stack is laid out when one is refused").doesNotExist();
        assertThat(base.resolve("lib")).doesNotExist();
    }

    /** The acme stack's jar: its provider compiled now, the service file, the API version it says it was built for. */
    static Path acmeJar(Path jar, String apiVersion) throws IOException {
        Path src = base(jar).resolve("src/door/acme/AcmeStackProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package door.acme;

                import java.util.List;
                import java.util.Optional;
                import org.xcp.clusterstack.api.spi.EngineStackProvider;
                import org.xcp.clusterstack.api.spi.MembershipEngine;
                import org.xcp.clusterstack.api.spi.SettingKey;
                import org.xcp.clusterstack.api.spi.StackContext;
                import org.xcp.clusterstack.api.spi.StackManifest;

                /** Acme's HA: a stack of its own name on xhad's engine. */
                public final class AcmeStackProvider implements EngineStackProvider {
                    private final EngineStackProvider engine = new org.xcp.clusterstack.xhad.XhadStackProvider();

                    @Override
                    public StackManifest manifest() {
                        return new StackManifest("acme", "Acme's HA, through the third-party door", "self",
                                Optional.of(List.of("nfs", "lvmoiscsi")));
                    }

                    @Override
                    public List<SettingKey> settingKeys() {
                        return engine.settingKeys();
                    }

                    @Override
                    public MembershipEngine open(StackContext context) {
                        return engine.open(context);
                    }
                }
                """);
        Path classes = Files.createDirectories(base(jar).resolve("classes"));
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), src.toString());
        assertThat(javac).as("javac").isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name(ApiVersion.ATTRIBUTE), apiVersion);
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + ClusterStackProvider.class.getName()));
            out.write("door.acme.AcmeStackProvider\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("door/acme/AcmeStackProvider.class"));
            out.write(Files.readAllBytes(classes.resolve("door/acme/AcmeStackProvider.class")));
            out.closeEntry();
        }
        return jar;
    }

    /** Where the jar's sources and classes are made: beside the door, not in it. */
    private static Path base(Path jar) {
        return jar.getParent().getParent().resolveSibling("acme-build");
    }
}
