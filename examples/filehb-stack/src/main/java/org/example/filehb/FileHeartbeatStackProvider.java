package org.example.filehb;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.spi.ManagedStackProvider;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackManifest;

/**
 * The {@code filehb} stack: every host writes a heartbeat file into a directory that every host of the pool mounts
 * (an NFS export, a GFS2 or OCFS2 filesystem), and a host is a member while its file keeps changing. The daemon
 * host's watchdog fences: it is petted while this host sees a majority of the pool's hosts beating, and it is not
 * petted once this host cannot write its own heartbeat.
 */
public final class FileHeartbeatStackProvider implements ManagedStackProvider {
    public static final String NAME = "filehb";
    public static final String FENCING = "filehb+watchdog";
    /**
     * The statefile's SR is of the kind that holds the heartbeat directory, so that the pool depends on one storage
     * system: NFS or GFS2.
     */
    public static final List<String> SUPPORTED_SRS = List.of("nfs", "gfs2");

    @Override
    public StackManifest manifest() {
        return new StackManifest(NAME, "membership from heartbeat files in a directory every host mounts, fenced by"
                + " the host's watchdog", FENCING, Optional.of(SUPPORTED_SRS));
    }

    @Override
    public List<SettingKey> settingKeys() {
        return HeartbeatSettings.SETTING_KEYS;
    }

    @Override
    public MembershipSource open(StackContext context) {
        HeartbeatSettings settings = HeartbeatSettings.from(context.settings(), context.config());
        return FileHeartbeatMembership.open(context, settings);
    }
}
