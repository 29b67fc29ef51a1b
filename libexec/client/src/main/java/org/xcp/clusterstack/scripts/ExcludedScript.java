package org.xcp.clusterstack.scripts;

import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SectionFault;
import org.xcp.clusterstack.api.statefile.Statefile;
import org.xcp.clusterstack.common.statefile.StatefileDevice;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.Verb;

/**
 * {@code ha_set_excluded} / {@code ha_clear_excluded} (spec §1.10): through the daemon if one runs (which
 * then ends with 19 after setting it), else directly in this host's own section, only while the pool is
 * ACTIVE (11 otherwise).
 */
final class ExcludedScript {
    private ExcludedScript() {
    }

    static int run(ScriptContext s, boolean excluded) {
        DaemonConfig config = s.readConfig();
        Optional<Reply> reply = s.ask(config, Request.of(excluded ? Verb.SET_EXCLUDED : Verb.CLEAR_EXCLUDED),
                DaemonScripts.QUICK);
        if (reply.isPresent()) {
            return DaemonScripts.finish(s, reply.get());
        }
        int me = config.localHost().index();
        try (StatefileDevice device = StatefileDevice.open(config.local().stateFile())) {
            GlobalSection global = device.readGlobal();
            Statefile.requireIntact(device.path(), global);
            if (global.poolStateValue().orElse(PoolState.NONE) != PoolState.ACTIVE) {
                throw new HaException(ExitCode.INVALID_POOL_STATE, "the pool state is "
                        + global.poolStateValue().map(Enum::name).orElse("unknown") + ", not ACTIVE");
            }
            HostSection own = device.readHost(me);
            if (SectionFault.corrupted(own.faults())) {
                throw new HaException(ExitCode.INVALID_STATE_FILE, "statefile " + device.path() + ": host section "
                        + me + " fails validation " + own.faults());
            }
            device.writeHost(me, own.toBuilder().hostIndex(me).hostUuid(config.local().hostId())
                    .excluded(excluded).build());
        }
        return 0;
    }
}
