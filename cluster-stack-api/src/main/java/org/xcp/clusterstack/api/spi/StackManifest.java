package org.xcp.clusterstack.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stack says about itself; the installer writes it as {@code <root>/<stack>/manifest}.
 *
 * @param name the stack's directory name under cluster-stack-root (xapi's {@code ha_cluster_stack})
 * @param description one line for people
 * @param fencing who fences: {@code self} (this stack's daemon owns the watchdog, like xhad) or the name
 *        of the external manager that does (o2cb, corosync+sbd, melio)
 * @param supportedSrs the SR types whose statefile this stack accepts (written as {@code ha_supported_srs});
 *        empty = no file, any SR type
 */
public record StackManifest(String name, String description, String fencing, Optional<List<String>> supportedSrs) {
    public static final String FILE_NAME = "manifest";

    public StackManifest {
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        Objects.requireNonNull(fencing);
        supportedSrs = supportedSrs.map(List::copyOf);
    }

    /** {@code key=value} lines, the file's format. */
    public String render(String version) {
        List<String> lines = new ArrayList<>();
        lines.add("# cluster stack manifest, written by 'cluster-stack install'");
        lines.add("name=" + name);
        lines.add("version=" + version);
        lines.add("description=" + description);
        lines.add("fencing=" + fencing);
        lines.add("ha_supported_srs=" + supportedSrs.map(l -> String.join(" ", l)).orElse("(any)"));
        return String.join("\n", lines) + "\n";
    }
}
