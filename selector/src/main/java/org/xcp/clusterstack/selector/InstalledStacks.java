package org.xcp.clusterstack.selector;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.xapiconf.InstalledStack;
import org.xcp.clusterstack.xapiconf.StackName;
import org.xcp.clusterstack.xapiconf.StackRoot;
import org.xcp.clusterstack.xapiconf.SupportedSrs;

/**
 * The stacks installed on the master (selector.md §2, I7 and I8): the only file-system facts the checks
 * after the choice need. Only valid {@link StackName}s can be asked about, so an invalid name such as
 * {@code ../xhad} never reaches a path.
 */
public interface InstalledStacks {
    /** The stack's directory exists now (§5.2: {@code <root>/<name>} is a directory). */
    boolean isInstalled(StackName name);

    /** The stack's {@code ha_supported_srs}, read now (§7); no constraint if the stack or the file is absent. */
    SupportedSrs supportedSrs(StackName name);

    /** The stacks under a real {@code cluster-stack-root}; nothing is cached, every call looks again. */
    static InstalledStacks in(StackRoot root) {
        Objects.requireNonNull(root, "root");
        return new InstalledStacks() {
            @Override
            public boolean isInstalled(StackName name) {
                return root.isInstalled(name);
            }

            @Override
            public SupportedSrs supportedSrs(StackName name) {
                return root.find(name).map(InstalledStack::supportedSrs).orElse(SupportedSrs.noConstraint());
            }

            @Override
            public String toString() {
                return "in " + root.directory();
            }
        };
    }

    /** A fixed set, for the pure core and its tests: each installed name with its whitelist. */
    static InstalledStacks of(Map<String, SupportedSrs> stacks) {
        Map<String, SupportedSrs> copy = Map.copyOf(stacks);
        return new InstalledStacks() {
            @Override
            public boolean isInstalled(StackName name) {
                return copy.containsKey(name.value());
            }

            @Override
            public SupportedSrs supportedSrs(StackName name) {
                return Optional.ofNullable(copy.get(name.value())).orElse(SupportedSrs.noConstraint());
            }

            @Override
            public String toString() {
                return "among " + new java.util.TreeSet<>(copy.keySet());
            }
        };
    }
}
