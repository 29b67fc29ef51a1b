package org.xcp.clusterstack.common.core;

import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * What a core asks its I/O adapters to do; the core itself never touches a socket, a file or a clock. These are
 * the actions of every engine kind; an engine kind may add its own (the native engine's heartbeats).
 */
public interface Action {
    /**
     * One statefile access cycle (spec §5.5): write my own section, apply {@code change} to a freshly read
     * global section and write it back if it changes anything, then read the global section and every
     * configured host's section and report them with {@link MemberCore#onStatefileRead}.
     */
    record StatefileCycle(HostSection own, GlobalChange change) implements Action {
    }

    /**
     * Field-wise changes to the global section, applied to what is on disk at the time of writing ({@link #apply}).
     *
     * @param activation the pool state is the first liveset's ACTIVE (spec §7.8), which replaces INIT only: a
     *        host that went Online under INIT must not undo an {@code invalid} written meanwhile
     */
    record GlobalChange(Optional<PoolState> poolState, Optional<Optional<HaUuid>> master, boolean activation) {
        public static final GlobalChange NONE = new GlobalChange(Optional.empty(), Optional.empty(), false);

        public boolean isEmpty() {
            return poolState.isEmpty() && master.isEmpty();
        }

        /** The global section {@code onDisk} with this change applied. */
        public GlobalSection apply(GlobalSection onDisk) {
            GlobalSection g = onDisk;
            if (poolState.isPresent() && !(activation && !onDisk.poolStateValue().equals(Optional.of(PoolState.INIT)))) {
                g = g.withPoolState(poolState.get());
            }
            if (master.isPresent()) {
                g = g.withMaster(master.get());
            }
            return g;
        }
    }

    record PetWatchdog() implements Action {
    }

    /**
     * Self-fence now (spec §7.4): the host lost the survival rule, a peer's {@code fence_request} named it, or
     * xapi's health check still failed after the restarts allowed.
     * Only emitted while armed; the core does nothing more after it, as the host is being reset. It carries its
     * journal entry ({@link org.xcp.clusterstack.api.journal.EventKind#SELF_FENCE}): the driver writes and syncs
     * it before it tells the fencer, so the reason is on disk before the host dies.
     */
    record SelfFence(JournalEvent record) implements Action {
        public SelfFence {
            if (record.kind() != org.xcp.clusterstack.api.journal.EventKind.SELF_FENCE) {
                throw new IllegalArgumentException("a self-fence records a self-fence, not " + record.kind());
            }
        }

        public String reason() {
            return record.summary();
        }
    }

    /**
     * Run xapi's health check (spec §7.4) with limit TXapi, on a thread of the daemon's, and report how it ended
     * with {@link MemberCore#onXapiOutcome} under this id.
     */
    record CheckXapi(long id, java.time.Duration limit) implements Action {
    }

    /** Restart xapi after a failed health check (attempt {@code attempt} of {@code attempts} a day), as above. */
    record RestartXapi(long id, int attempt, int attempts, java.time.Duration limit) implements Action {
    }

    record ArmFencing() implements Action {
    }

    /** {@code ha_disarm_fencing} (request {@code requestId}): close the watchdog, or ask the manager. */
    record DisarmFencing(long requestId) implements Action {
    }

    /** The local host is a member of the liveset: {@code ha_start_daemon} returns 0. */
    record BecameOnline() implements Action {
    }

    /** The answer to a script's request: xhad's exit code and what the script prints. */
    record Reply(long requestId, ExitCode code, String stdout) implements Action {
    }

    /** The engine is done; {@code disarm} false is the exit-19 trap (spec §7.7). */
    record End(ExitCode code, boolean disarm, String why) implements Action {
    }

    record Log(String message) implements Action {
    }

    /** An entry of the host's event journal: a decision or a change and its evidence. */
    record Record(JournalEvent event) implements Action {
    }
}
