package org.xcp.clusterstack.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.manifest.ManifestDocument;

/**
 * {@code cluster-stack verify}'s tester, as ocf-tester is for OCF agents: the static checks, then, when the
 * scripts xapi runs are all there, the lifecycle on a private pool. Every check is reported to the
 * listener as it ends; the report holds them all.
 */
public final class StackVerifier {
    private StackVerifier() {
    }

    public static VerifyReport verify(Path stackDir, VerifyOptions options, Consumer<Check> listener) {
        Path dir = stackDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new HaException(ExitCode.INVALID_PARAMETER, dir + " is not a stack directory");
        }
        List<Check> checks = new ArrayList<>();
        Consumer<Check> out = c -> {
            checks.add(c);
            listener.accept(c);
        };
        Optional<ManifestDocument> manifest = StaticChecks.run(dir, out);
        boolean scriptsThere = java.util.Arrays.stream(HaScript.values())
                .filter(s -> !manifest.map(m -> m.isOptional(s)).orElse(false))
                .allMatch(s -> Files.isRegularFile(dir.resolve(s.fileName())) && Files.isExecutable(dir.resolve(s.fileName())));
        if (!scriptsThere) { // nothing to run a pool with: ocf-tester stops here too
            return new VerifyReport(dir.getFileName().toString(), checks);
        }
        if (!isRoot()) {
            out.accept(Check.failed(Check.Group.START, "root", "the lifecycle tests need root, as xapi runs the"
                    + " scripts as root; only the static checks ran"));
            return new VerifyReport(dir.getFileName().toString(), checks);
        }
        try (PrivatePool pool = new PrivatePool(options, dir.getFileName().toString())) {
            new LifecycleChecks(dir, pool, options, manifest.orElse(null), out).run();
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot make the private pool's files: " + e.getMessage());
        }
        return new VerifyReport(dir.getFileName().toString(), checks);
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
