package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch root for {@code rpm --root}: an rpm database, and what the scriptlets need, since rpm runs them chrooted
 * here: this machine's {@code /bin/sh}, {@code tr} (a stack's %preun reads a command line with it) and {@code grep}
 * (-legacy's reads xapi.conf with it), with their libraries. Nothing else: no java in its database.
 */
final class RpmRoot {
    /** What Debian's rpm says on stderr on every install, remove and verify: not the package's output. */
    static final String DEBIAN_RPM_NOTICE = "(?m)^rpm: (RPM should not be used directly|However assuming).*\n";
    private static final List<String> PROGRAMS = List.of("/bin/sh", "/usr/bin/tr", "/usr/bin/grep");

    final Path dir;

    private RpmRoot(Path dir) {
        this.dir = dir;
    }

    static RpmRoot create(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String program : PROGRAMS) {
            Path real = Path.of(program).toRealPath();
            List<String> needed = new ArrayList<>(List.of(real.toString(), program));
            Cli.exec(List.of("ldd", real.toString())).succeeded().stdout().lines()
                    .map(l -> l.replaceFirst("^.*?(/\\S+).*$", "$1")).filter(l -> l.startsWith("/"))
                    .forEach(needed::add);
            for (String file : needed) {
                Path copy = dir.resolve(file.substring(1));
                if (!Files.exists(copy)) {
                    Files.createDirectories(copy.getParent());
                    Files.copy(Path.of(file), copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        RpmRoot root = new RpmRoot(dir);
        root.rpm("--initdb");
        return root;
    }

    /** A path of this root, named as on the host it stands for ({@code /usr/...}). */
    Path path(String absolute) {
        return dir.resolve(absolute.substring(1));
    }

    /** {@code rpm --root ROOT ARGS}, which must succeed; what it printed, Debian's notice aside. */
    String rpm(String... args) {
        Cli.Result r = exec(args);
        assertThat(r.status()).as("rpm %s: %s", List.of(args), r.stdout() + r.stderr()).isZero();
        return r.stdout() + r.stderr();
    }

    /** {@code rpm --root ROOT ARGS}, Debian's notice taken out of its stderr. */
    Cli.Result exec(String... args) {
        List<String> command = new ArrayList<>(List.of("rpm", "--root", dir.toString()));
        command.addAll(List.of(args));
        return withoutNotice(Cli.exec(command, 120));
    }

    /** The same with a /proc in the root, as a host has (mounted in a mount namespace of its own). */
    Cli.Result execWithProc(String... args) throws IOException {
        Files.createDirectories(dir.resolve("proc"));
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t proc proc \"$0/proc\" && exec rpm --root \"$0\" \"$@\"", dir.toString()));
        command.addAll(List.of(args));
        return withoutNotice(Cli.exec(command, 120));
    }

    private static Cli.Result withoutNotice(Cli.Result r) {
        return new Cli.Result(r.status(), r.stdout(), r.stderr().replaceAll(DEBIAN_RPM_NOTICE, ""));
    }
}
