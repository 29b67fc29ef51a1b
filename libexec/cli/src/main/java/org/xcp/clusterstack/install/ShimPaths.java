package org.xcp.clusterstack.install;

import java.nio.file.Path;
import java.util.List;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * The paths {@code ha_env.rc} names, relative to the stack's directory ({@code $cs_dir}) so that an installed tree
 * can move with its library (a package's staging root, a scratch root, the tarball unpacked anywhere). They go
 * inside the shell's double quotes and into a Java class path: nothing the shell would expand, no {@code :}.
 */
final class ShimPaths {
    private ShimPaths() {
    }

    /** {@code target} as seen from the stack directory {@code dir}, e.g. {@code ../../../../share/cluster-stack/lib}. */
    static String relative(Path dir, Path target) {
        return dir.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize()).toString();
    }

    /** Exit 1, before anything is written, if a path the shims would name cannot be written plainly. */
    static void check(Path dir, Path library, List<Path> stackJars) {
        plain("the stack directory", dir);
        plain("the library directory", library);
        stackJars.forEach(j -> plain("the stack's jar", j));
    }

    private static void plain(String what, Path p) {
        String s = p.toAbsolutePath().normalize().toString();
        if (!s.matches("[A-Za-z0-9._/+=@,-]+")) {
            throw new HaException(ExitCode.INVALID_PARAMETER, what + " " + s + " has a character the scripts cannot"
                    + " name plainly (only letters, digits and ._/+=@,- are allowed)");
        }
    }
}
