package org.xcp.clusterstack.xhad;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.spi.EngineStackProvider;
import org.xcp.clusterstack.api.spi.MembershipEngine;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackManifest;

/** The {@code xhad} stack: the native, xhad-compatible engine. Like the C xhad it accepts any SR type. */
public final class XhadStackProvider implements EngineStackProvider {
    public static final String NAME = "xhad";

    @Override
    public StackManifest manifest() {
        return new StackManifest(NAME, "xhad-compatible HA daemon: network and statefile heartbeat, self-fencing",
                "self", Optional.empty());
    }

    @Override
    public List<SettingKey> settingKeys() {
        return XhadEngine.SETTING_KEYS;
    }

    @Override
    public MembershipEngine open(StackContext context) {
        return new XhadEngine(context);
    }
}
