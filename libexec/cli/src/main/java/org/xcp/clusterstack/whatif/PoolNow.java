package org.xcp.clusterstack.whatif;

import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;

/**
 * The pool {@code simulate} starts from: this host's xhad.conf (the hosts and every timeout), the stack, who is
 * live now and who is master, and where that came from ({@code source}: the local daemon's liveset, the
 * statefile's sections, or an assumption when neither could be read).
 */
public record PoolNow(DaemonConfig config, String stack, HostSet live, Optional<Integer> master, String source,
        Optional<ManagerDetection> detection) {
    /**
     * How long the stack's cluster manager takes to notice a change, and where that figure came from (corosync: its
     * running token plus consensus); empty for xhad, or to take the model's own figure.
     */
    public record ManagerDetection(java.time.Duration after, String source) {
    }

    public PoolNow(DaemonConfig config, String stack, HostSet live, Optional<Integer> master, String source) {
        this(config, stack, live, master, source, Optional.empty());
    }

    public PoolNow {
        Objects.requireNonNull(config);
        Objects.requireNonNull(stack);
        Objects.requireNonNull(live);
        Objects.requireNonNull(master);
        Objects.requireNonNull(source);
        Objects.requireNonNull(detection);
        if (live.isEmpty()) {
            throw new IllegalArgumentException("no host is live: nothing to simulate");
        }
        if (live.indexes().anyMatch(i -> i >= config.hostCount())) {
            throw new IllegalArgumentException("live hosts " + live + " beyond the " + config.hostCount() + " configured");
        }
        if (master.isPresent() && !live.contains(master.get())) {
            master = Optional.empty(); // a master that is not live holds nothing the simulation could start from
        }
    }

    public PoolNow withStack(String s) {
        return new PoolNow(config, s, live, master, source, detection);
    }

    public PoolNow withDetection(Optional<ManagerDetection> d) {
        return new PoolNow(config, stack, live, master, source, d);
    }

    public int hosts() {
        return config.hostCount();
    }
}
