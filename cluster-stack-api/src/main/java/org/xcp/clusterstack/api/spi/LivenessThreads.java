package org.xcp.clusterstack.api.spi;

import java.util.Set;

/**
 * The names of the threads that decide whether this host lives: they heartbeat, read and write the statefile,
 * sample a cluster manager, pet the watchdog and drive the core. The daemon runs these, and no other, at xhad's
 * real-time priority (SCHED_RR 48), so that a busy dom0 cannot delay them past their timeouts; the threads that
 * serve scripts stay at normal priority, so that a storm of {@code ha_query_liveset} gets none of it. The code
 * that makes such a thread names it from here, and the daemon finds it by this name in
 * {@code /proc/self/task/<tid>/comm}, where Linux keeps the first {@value #COMM_LENGTH} bytes: every name fits.
 */
public final class LivenessThreads {
    /** Linux's limit on a thread's name, without the terminating NUL. */
    public static final int COMM_LENGTH = 15;

    /** The core's one thread: evidence in, actions out; it sends the heartbeats and pets the watchdog. */
    public static final String ENGINE_DRIVER = "engine-driver";
    /** Reads and writes the statefile, one cycle at a time. */
    public static final String STATEFILE = "statefile";
    /** Samples the external cluster manager of a managed stack. */
    public static final String MEMBERSHIP = "membership";
    /** Receives the xhad stack's heartbeats; the thread's name is this and the local host's index (0-63). */
    public static final String HEARTBEAT_RECEIVE = "heartbeat-rx-";
    /**
     * HotSpot's VM thread, which brings every Java thread to a safepoint and, with the serial collector, collects:
     * while it waits for a CPU, every thread above waits too.
     */
    public static final String JVM_SAFEPOINTS = "VM Thread";

    private static final Set<String> EXACT = Set.of(ENGINE_DRIVER, STATEFILE, MEMBERSHIP, JVM_SAFEPOINTS);

    private LivenessThreads() {
    }

    /** Whether {@code comm}, a thread's name as {@code /proc} shows it, is one of the threads above. */
    public static boolean named(String comm) {
        if (EXACT.contains(comm)) {
            return true;
        }
        return comm.startsWith(HEARTBEAT_RECEIVE) && comm.length() > HEARTBEAT_RECEIVE.length()
                && comm.substring(HEARTBEAT_RECEIVE.length()).chars().allMatch(Character::isDigit);
    }
}
