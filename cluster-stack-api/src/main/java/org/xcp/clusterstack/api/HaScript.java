package org.xcp.clusterstack.api;

import java.util.Arrays;
import java.util.List;

/**
 * The executables every stack directory holds (spec §1.3), with what each does. xapi runs them by these
 * exact names from {@code <cluster-stack-root>/<stack>/}.
 */
public enum HaScript {
    SET_POOL_STATE("ha_set_pool_state", "set the pool state in the statefile: init, active or invalid",
            "init|active|invalid [-C CONFIG]", "nothing", 0, 1, 6, 7, 8, 9, 15, 16),
    START_DAEMON("ha_start_daemon", "start this host's daemon; returns once the host is Online",
            "[-C CONFIG] [FAULT-POINT...]", "nothing", 0, 1, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 18),
    STOP_DAEMON("ha_stop_daemon", "stop this host's daemon cleanly; no daemon is success", "[-C CONFIG]",
            "nothing", 0, 16),
    QUERY_LIVESET("ha_query_liveset", "print this host's liveset XML", "[-C CONFIG]",
            "the liveset XML, which xapi parses", 0, 3, 14, 16),
    PROPOSE_MASTER("ha_propose_master", "ask for the master lock; prints TRUE or FALSE", "[-C CONFIG]",
            "TRUE or FALSE and a newline, only on exit 0", 0, 3, 14, 16, 17),
    DISARM_FENCING("ha_disarm_fencing", "turn this host's self-fencing off", "[-C CONFIG]", "nothing",
            0, 3, 14, 16, 17),
    SET_EXCLUDED("ha_set_excluded", "mark this host as having left the pool on purpose", "[-C CONFIG]", "nothing",
            0, 1, 6, 7, 8, 9, 11, 16),
    CLEAR_EXCLUDED("ha_clear_excluded", "clear this host's excluded flag", "[-C CONFIG]", "nothing",
            0, 1, 6, 7, 8, 9, 11, 16);

    private final String fileName;
    private final String purpose;
    private final String arguments;
    private final String stdout;
    private final int[] exits;

    HaScript(String fileName, String purpose, String arguments, String stdout, int... exits) {
        this.fileName = fileName;
        this.purpose = purpose;
        this.arguments = arguments;
        this.stdout = stdout;
        this.exits = exits;
    }

    public String fileName() {
        return fileName;
    }

    public String purpose() {
        return purpose;
    }

    /** Its arguments as xapi passes them (spec §1.3): the synopsis after the name. */
    public String arguments() {
        return arguments;
    }

    /** What it prints on stdout; everything else goes to stderr as one line. */
    public String stdout() {
        return stdout;
    }

    /**
     * The exit codes it ends with in normal operation (spec §1.3, and 16 for an environment that is not xapi's;
     * {@code ha_start_daemon} also passes on the daemon's own code), in order.
     */
    public List<ExitCode> exits() {
        return Arrays.stream(exits).mapToObj(n -> ExitCode.fromNumber(n).orElseThrow()).toList();
    }

    /** The verb the scripts' client knows it by: the file name without {@code ha_}. */
    public String verb() {
        return fileName.substring("ha_".length());
    }
}
