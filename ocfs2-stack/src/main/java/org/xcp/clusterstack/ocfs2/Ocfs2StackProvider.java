package org.xcp.clusterstack.ocfs2;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.spi.ManagedStackProvider;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackManifest;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.corosync.membership.CorosyncMembership;
import org.xcp.clusterstack.ocfs2.o2cb.NodeMap;
import org.xcp.clusterstack.ocfs2.o2cb.O2cbMembership;
import org.xcp.clusterstack.ocfs2.o2cb.O2cbSettings;

/**
 * The {@code ocfs2} stack: membership from OCFS2's cluster stack. On o2cb (the default kernel stack) it reads
 * configfs and the disk heartbeat and the kernel fences ({@link O2cbMembership}); on the user stack
 * ({@code pcmk}) membership comes from corosync ({@link CorosyncMembership}) and the daemon host's watchdog
 * fences. Settings: {@code ocfs2.cluster_stack} and {@code ocfs2.cluster_stack_file} ({@link ClusterStackMode}),
 * the o2cb keys ({@link O2cbSettings}) and corosync's ({@link CorosyncMembership#SETTINGS}).
 */
public final class Ocfs2StackProvider implements ManagedStackProvider {
    public static final String NAME = "ocfs2";
    /** The manifest's fencing: o2cb's kernel. On the user stack the authority at run time is the stack watchdog. */
    public static final String FENCING = "o2cb";
    public static final List<String> SUPPORTED_SRS = List.of("ocfs2");
    static final String DESCRIPTION = "OCFS2 cluster stack: o2cb disk heartbeat (the kernel fences) or the user"
            + " stack on corosync";

    @Override
    public StackManifest manifest() {
        return new StackManifest(NAME, DESCRIPTION, FENCING, Optional.of(SUPPORTED_SRS));
    }

    /** The mode's keys, o2cb's, and corosync's for the user stack: what {@link #checkKeys} accepts. */
    @Override
    public List<SettingKey> settingKeys() {
        List<SettingKey> keys = new ArrayList<>(ClusterStackMode.SETTING_KEYS);
        keys.addAll(O2cbSettings.SETTING_KEYS);
        keys.addAll(CorosyncMembership.SETTING_KEYS);
        return List.copyOf(keys);
    }

    @Override
    public MembershipSource open(StackContext context) {
        StackSettings settings = context.settings();
        checkKeys(settings);
        ClusterStackMode mode = ClusterStackMode.of(settings);
        if (mode == ClusterStackMode.PCMK) {
            // the user stack: corosync's membership, the daemon host's watchdog fences (stacks.md §3.7, §2.6)
            MembershipSource corosync = CorosyncMembership.open(context);
            context.log().info("OCFS2 runs on the user stack (pcmk): membership from corosync, fencing by "
                    + corosync.fencing().name() + " (" + corosync.fencing().holder() + ")");
            return corosync;
        }
        return O2cbMembership.open(context, O2cbSettings.read(settings, context.config()));
    }

    /** Every key the stack knows: exit 7 naming the first unknown one. */
    static void checkKeys(StackSettings settings) {
        Set<String> known = new HashSet<>(ClusterStackMode.KEYS);
        known.addAll(O2cbSettings.KEYS);
        known.addAll(CorosyncMembership.SETTINGS);
        for (String key : settings.asMap().keySet()) {
            if (O2cbSettings.isNodeKey(key)) {
                NodeMap.number(settings, key);
                known.add(key);
            }
        }
        settings.allowOnly(known);
    }
}
