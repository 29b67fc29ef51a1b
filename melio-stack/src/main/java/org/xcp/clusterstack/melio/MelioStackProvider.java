package org.xcp.clusterstack.melio;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.spi.ManagedStackProvider;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackManifest;

/**
 * The {@code melio} stack: membership, quorum and fencing from Melio's cluster service, read through the
 * stated contract of CONTRACT.md. Melio is proprietary and was not run here; until its vendor confirms
 * M1–M11 the stack is used in tests only (stacks.md §4).
 */
public final class MelioStackProvider implements ManagedStackProvider {
    /** The stack's name, which a Melio SR driver names in {@code required_cluster_stack} (M6). */
    public static final String NAME = "melio";
    /** Melio fences its hosts itself (M4). */
    public static final String FENCING = "melio";
    /** Only a Melio SR may hold the statefile (M5). */
    public static final List<String> SUPPORTED_SRS = List.of("melio");

    @Override
    public StackManifest manifest() {
        return new StackManifest(NAME, "Melio's cluster service: membership, quorum and self-fencing through a stated"
                + " contract (not run here)", FENCING, Optional.of(SUPPORTED_SRS));
    }

    @Override
    public List<SettingKey> settingKeys() {
        return MelioSettings.SETTING_KEYS;
    }

    @Override
    public MembershipSource open(StackContext context) {
        return MelioMembership.open(context, MelioSettings.from(context.settings()));
    }
}
