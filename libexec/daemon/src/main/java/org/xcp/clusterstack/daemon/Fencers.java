package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.Fencer;

/** The fencer the config's {@code WatchdogMode} asks for (spec §3.2, §7.4). */
final class Fencers {
    private Fencers() {
    }

    /** {@code journal}: where a user watchdog records that it fired. */
    static Fencer forConfig(DaemonConfig config, RunDir runDir, LogDir logDir, EngineLog log, EventJournal journal) {
        return switch (config.local().watchdogMode()) {
            case HYPERVISOR -> DevWatchdogFencer.open(DevWatchdogFencer.DEVICE,
                    config.parameters().heartbeatWatchdogTimeout(), log);
            case USER -> new UserWatchdogFencer(runDir, logDir, config.parameters().heartbeatWatchdogTimeout(), log,
                    journal);
            case NONE -> new NoFencer(log);
        };
    }
}
