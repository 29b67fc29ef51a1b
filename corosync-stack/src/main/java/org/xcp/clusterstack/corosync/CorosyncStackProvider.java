package org.xcp.clusterstack.corosync;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.spi.ManagedStackProvider;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackManifest;
import org.xcp.clusterstack.corosync.membership.CorosyncMembership;

/**
 * The {@code corosync} stack: membership and quorum from a running corosync 3 with votequorum, the daemon host's
 * watchdog as the one fencer (stacks.md §2). xapi's corosync stack is the GFS2 one, so only GFS2 SRs may hold
 * its statefile ({@code selector.md} fixture).
 */
public final class CorosyncStackProvider implements ManagedStackProvider {
    public static final String NAME = "corosync";
    public static final String FENCING = "corosync+watchdog";

    @Override
    public StackManifest manifest() {
        return new StackManifest(NAME, "membership and quorum from corosync 3 + votequorum, fenced by the host's"
                + " watchdog", FENCING, Optional.of(List.of("gfs2")));
    }

    @Override
    public List<SettingKey> settingKeys() {
        return CorosyncMembership.SETTING_KEYS;
    }

    @Override
    public MembershipSource open(StackContext context) {
        context.settings().allowOnly(CorosyncMembership.SETTINGS);
        return CorosyncMembership.open(context);
    }
}
