package org.xcp.clusterstack.common.core;

import java.time.Duration;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * The start criteria of spec §7.1 step 4, for every engine kind: propose a liveset to form, keep waiting, or
 * give up with xhad's code (11 for INIT with a liveset, 12 when INIT never sees every host, 13 when an existing
 * liveset never takes this host, 18 for an excluded host with no liveset while others are not excluded). Pure:
 * a core asks with what it sees on both channels and how long it has been starting.
 */
public final class StartCriteria {
    /** What a joining host knows at one instant. */
    public record View(int me, PoolState pool, HostSet hbdomain, HostSet sfdomain, boolean livesetExists,
            boolean excluded, boolean allExcluded) {
    }

    public sealed interface Decision {
    }

    public record Form(HostSet members) implements Decision {
    }

    public record Fail(ExitCode code, String reason) implements Decision {
    }

    public record Wait() implements Decision {
    }

    private final HostSet everyone;
    private final Duration enableJoinTimeout;
    private final Duration bootJoinTimeout;
    public StartCriteria(DaemonConfig config) {
        this.everyone = HostSet.firstN(config.hostCount());
        this.enableJoinTimeout = config.parameters().enableJoinTimeout();
        this.bootJoinTimeout = config.parameters().bootJoinTimeout();
    }

    public Decision decide(View v, Duration elapsed) {
        boolean allUp = v.hbdomain().intersect(everyone).equals(everyone)
                && v.sfdomain().intersect(everyone).equals(everyone);
        switch (v.pool()) {
            case INVALID:
                return new Fail(ExitCode.INVALID_POOL_STATE, "the pool state is INVALID: HA was disabled");
            case INIT:
                if (v.livesetExists()) {
                    return new Fail(ExitCode.INVALID_POOL_STATE, "pool state INIT but a liveset exists");
                }
                if (allUp) {
                    return new Form(everyone);
                }
                return elapsed.compareTo(enableJoinTimeout) > 0
                        ? new Fail(ExitCode.BOOTJOIN_TIMEOUT, "not every configured host came up within "
                                + enableJoinTimeout.toSeconds() + " s (EnableJoinTimeout)")
                        : new Wait();
            case ACTIVE:
                if (v.livesetExists()) {
                    return elapsed.compareTo(bootJoinTimeout) > 0
                            ? new Fail(ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET, "the live members did not accept"
                                    + " this host within " + bootJoinTimeout.toSeconds() + " s (BootJoinTimeout)")
                            : new Wait();
                }
                if (allUp) {
                    return new Form(everyone);
                }
                if (elapsed.compareTo(bootJoinTimeout) <= 0) {
                    return new Wait();
                }
                if (v.excluded() && !v.allExcluded()) {
                    return new Fail(ExitCode.BOOT_BLOCKED_BY_EXCLUDED, "this host is excluded, there is no"
                            + " liveset and some hosts are not excluded");
                }
                return new Form(v.hbdomain().intersect(v.sfdomain()).with(v.me()));
            default:
                return new Fail(ExitCode.CAN_NOT_ACCESS_STATEFILE, "no usable pool state in the statefile");
        }
    }
}
