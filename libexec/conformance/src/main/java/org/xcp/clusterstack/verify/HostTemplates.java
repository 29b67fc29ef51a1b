package org.xcp.clusterstack.verify;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;

/**
 * How verify reaches a host of its pool when the hosts are not all this machine's processes (a namespace per
 * host, or real hosts): each a command line split at spaces (no quoting), in which {@code {host}} stands for the
 * host's index and {@code {uuid}} for its UUID.
 *
 * @param exec a prefix that runs the command after it on the host, e.g. {@code nsenter --net=/run/netns/h{host}}
 *     or {@code ssh root@10.0.0.{host}}; empty: here
 * @param crash a command that makes the host stop answering at once, as a crash does (its daemon, its watchdog
 *     and its cluster manager); empty: SIGKILL of its daemon and that daemon's children
 * @param runBase the host's daemons' run-time base as a path here, e.g. {@code /lab/h{host}/run}; empty: the
 *     installed stack's ({@code ha_env.rc}), else {@code /run/cluster-stack}
 */
public record HostTemplates(Optional<String> exec, Optional<String> crash, Optional<String> runBase) {
    public static final HostTemplates LOCAL = new HostTemplates(Optional.empty(), Optional.empty(), Optional.empty());

    /** {@code template} with the host filled in, as words. */
    static List<String> words(String template, int host, HaUuid uuid) {
        return Arrays.stream(fill(template, host, uuid).strip().split("\\s+")).toList();
    }

    static String fill(String template, int host, HaUuid uuid) {
        return template.replace("{host}", Integer.toString(host)).replace("{uuid}", uuid.dashed());
    }
}
