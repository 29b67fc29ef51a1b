package org.xcp.clusterstack.common.statefile;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.fault.FaultPoint;
import org.xcp.clusterstack.api.fault.FaultInjection;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.Statefile;
import org.xcp.clusterstack.api.statefile.StatefilePrefix;
import org.xcp.clusterstack.common.core.Action;

/**
 * The statefile side of the engine: the start-up checks of spec §7.1 and one access cycle of §5.5. The fault
 * point {@code sf.ioerror} fails a read or write attempt exactly as a failed I/O does, and {@code sf.slow}
 * makes a cycle take StateFileInterval longer.
 */
public final class StatefileIo implements AutoCloseable {
    /** What one cycle did: the core's {@code onStatefileRead} arguments. */
    public record CycleResult(boolean ownWritten, boolean globalWritten, Optional<GlobalSection> global,
            List<HostSection> hosts, long ioNanos) {
    }

    private final DaemonConfig config;
    private final StatefileDevice device;
    private final FaultInjection faults;
    private GlobalSection atStart;

    private StatefileIo(DaemonConfig config, StatefileDevice device, FaultInjection faults) {
        this.config = config;
        this.device = device;
        this.faults = faults;
    }

    /** Opens the statefile and checks it as a starting daemon does: 8, 9, 10 or 11 when it cannot start. */
    public static StatefileIo open(DaemonConfig config, FaultInjection faults) {
        StatefileDevice device = StatefileDevice.open(config.local().stateFile());
        try {
            StatefileIo io = new StatefileIo(config, device, faults);
            io.atStart = io.readGlobalWithRetries();
            io.checkForStart(io.atStart);
            return io;
        } catch (HaException e) {
            device.close();
            throw e;
        }
    }

    /** The global section as read and checked at start: what the core starts from. */
    public GlobalSection globalAtStart() {
        return atStart;
    }

    /** Whether this host's own section, as found at start, is an Online run's: written by it, starting clear. */
    public boolean previousRunOnline() {
        HostSection own = device.readHost(config.localHost().index());
        return own.starting() == 0 && own.faults().isEmpty()
                && own.hostUuidValue().equals(Optional.of(config.local().hostId()));
    }

    /** This host's excluded flag as its own section says (a section never written by it counts as clear). */
    public boolean excludedFlag() {
        HostSection own = device.readHost(config.localHost().index());
        return own.excluded() != 0 && own.hostUuidValue().equals(Optional.of(config.local().hostId()));
    }

    public CycleResult cycle(Action.StatefileCycle request) {
        long t0 = System.nanoTime();
        slowIfAsked();
        boolean ownWritten = attempt(() -> {
            failIfAsked("writing our host section");
            device.writeHost(config.localHost().index(), request.own());
        });
        boolean globalWritten = request.change().isEmpty() || attempt(() -> {
            failIfAsked("changing the global section");
            device.updateGlobal(request.change()::apply);
        });
        try {
            failIfAsked("reading");
            // one transfer for the global section and every configured host's: not 1 + hostCount syscalls
            StatefilePrefix read = device.readPrefix(config.hostCount());
            return new CycleResult(ownWritten, globalWritten && !request.change().isEmpty(),
                    Optional.of(read.global()), read.hosts(), System.nanoTime() - t0);
        } catch (HaException e) {
            return new CycleResult(ownWritten, false, Optional.empty(), List.of(), System.nanoTime() - t0);
        }
    }

    private void checkForStart(GlobalSection g) {
        Statefile.requireStartable(device.path(), g, config.generation());
    }

    /** A failed read is tried three times in all, one second apart (spec §5.5). */
    private GlobalSection readGlobalWithRetries() {
        HaException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                failIfAsked("reading the global section");
                return device.readGlobal();
            } catch (HaException e) {
                last = e;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    /** {@code sf.ioerror}: this attempt fails as a lost path would make it fail. */
    private void failIfAsked(String what) {
        if (faults.fires(FaultPoint.SF_IOERROR)) {
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "statefile " + device.path() + ": " + what
                    + " failed (fault point " + FaultPoint.SF_IOERROR.label() + ")");
        }
    }

    /** {@code sf.slow}: the cycle takes StateFileInterval longer, as on a stalled SR. */
    private void slowIfAsked() {
        if (faults.fires(FaultPoint.SF_SLOW)) {
            try {
                Thread.sleep(config.parameters().statefileInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean attempt(Runnable io) {
        try {
            io.run();
            return true;
        } catch (HaException e) {
            return false;
        }
    }

    @Override
    public void close() {
        device.close();
    }
}
