package org.xcp.clusterstack.xapiconf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * The two xapi.conf keys the framework uses (selector.md §3), with where each value came from.
 *
 * <p>{@link XapiConfReader} produces this exactly as xapi would read it, so it may hold values xapi accepts
 * and the framework does not; {@link #validate()} applies the framework's start-up rule.
 */
public record XapiConf(Path clusterStackRoot, String clusterStackDefault, Origins origins) {
    public static final String ROOT_KEY = "cluster-stack-root";
    public static final String DEFAULT_KEY = "cluster-stack-default";
    public static final String DEFAULT_CLUSTER_STACK_ROOT_DIR = "/usr/libexec/xapi/cluster-stack";
    public static final Path DEFAULT_CLUSTER_STACK_ROOT = Path.of(DEFAULT_CLUSTER_STACK_ROOT_DIR);
    public static final String DEFAULT_CLUSTER_STACK_DEFAULT = "xhad";

    public XapiConf {
        Objects.requireNonNull(clusterStackRoot, "clusterStackRoot");
        Objects.requireNonNull(clusterStackDefault, "clusterStackDefault");
        Objects.requireNonNull(origins, "origins");
    }

    /** What xapi uses when no file sets either key. */
    public static XapiConf defaults() {
        return new XapiConf(DEFAULT_CLUSTER_STACK_ROOT, DEFAULT_CLUSTER_STACK_DEFAULT,
                new Origins(Origin.builtIn(DEFAULT_CLUSTER_STACK_ROOT.toString()),
                        Origin.builtIn(DEFAULT_CLUSTER_STACK_DEFAULT)));
    }

    /**
     * The framework rule of selector.md §3: rejects a default that is not a valid stack name (the empty
     * string included) and a root that is not an existing, readable directory. A root that is still
     * relative (no match on the search path) is rejected too, even if it happens to exist below the
     * working directory, because each process would then see a different root.
     *
     * @return this configuration, for chaining
     * @throws HaException {@link ExitCode#INVALID_ENVIRONMENT}, one line naming the key, the value and its origin
     */
    public XapiConf validate() {
        defaultStack();
        String problem = rootProblem();
        if (problem != null) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, ROOT_KEY + " " + describeRoot() + " " + problem);
        }
        return this;
    }

    /**
     * {@code cluster-stack-default} as a stack name.
     *
     * @throws HaException {@link ExitCode#INVALID_ENVIRONMENT} if it is not a valid one
     */
    public StackName defaultStack() {
        Optional<String> problem = StackName.problem(clusterStackDefault);
        if (problem.isPresent()) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, DEFAULT_KEY + " " + Text.quote(clusterStackDefault)
                    + " (from " + origins.clusterStackDefault().where() + ") is not a valid stack name: "
                    + problem.get());
        }
        return new StackName(clusterStackDefault);
    }

    public StackRoot stackRoot() {
        return new StackRoot(clusterStackRoot);
    }

    /** One line per key for the start-up log, e.g. {@code cluster-stack-default = "xhad" (default)}. */
    public List<String> describe() {
        return List.of(ROOT_KEY + " = " + describeRoot(),
                DEFAULT_KEY + " = " + Text.quote(clusterStackDefault)
                        + " (from " + origins.clusterStackDefault().where() + ")");
    }

    private String rootProblem() {
        if (!clusterStackRoot.isAbsolute()) {
            return "is relative and matched nothing on the search path";
        }
        if (!Files.isDirectory(clusterStackRoot)) {
            return Files.exists(clusterStackRoot) ? "is not a directory" : "does not exist";
        }
        if (!Files.isReadable(clusterStackRoot)) {
            return "is not readable";
        }
        return null;
    }

    private String describeRoot() {
        Origin origin = origins.clusterStackRoot();
        String effective = clusterStackRoot.toString();
        String written = origin.written().equals(effective) ? "" : "written " + Text.quote(origin.written()) + ", ";
        return Text.quote(effective) + " (" + written + "from " + origin.where() + ")";
    }
}
