package org.xcp.clusterstack.xhad.heartbeat;

import java.util.ArrayList;
import java.util.List;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

/**
 * Builds a {@link HeartbeatPacket} without a 19-argument constructor call. Starts from a host that knows
 * nothing: empty sets, every timing {@link HeartbeatPacket#NEVER}, phase 0 (STARTING), no error, flags clear.
 */
public final class HeartbeatPacketBuilder {
    private int sequence;
    private HaUuid generation;
    private HaUuid hostUuid;
    private int hostIndex;
    private HostSet currentLiveset = HostSet.EMPTY;
    private HostSet proposedLiveset = HostSet.EMPTY;
    private HostSet hbdomain = HostSet.EMPTY;
    private HostSet sfdomain = HostSet.EMPTY;
    private final List<Integer> sinceLastHbReceipt;
    private final List<Integer> sinceLastSfUpdate;
    private int sinceXapiRestart = HeartbeatPacket.NEVER;
    private int smPhase;
    private String errString = "";
    private boolean sfAccess;
    private boolean sfCorrupted;
    private boolean sfAccelerate;
    private boolean fenceRequest;
    private boolean sr2;
    private boolean joining;

    /** A packet from host {@code hostIndex} ({@code hostUuid}) of pool generation {@code generation}. */
    public HeartbeatPacketBuilder(HaUuid generation, HaUuid hostUuid, int hostIndex) {
        this.generation = generation;
        this.hostUuid = hostUuid;
        this.hostIndex = hostIndex;
        sinceLastHbReceipt = new ArrayList<>(HeartbeatPacket.neverHeard());
        sinceLastSfUpdate = new ArrayList<>(HeartbeatPacket.neverHeard());
    }

    HeartbeatPacketBuilder(HeartbeatPacket p) {
        this(p.generation(), p.hostUuid(), p.hostIndex());
        sequence = p.sequence();
        currentLiveset = p.currentLiveset();
        proposedLiveset = p.proposedLiveset();
        hbdomain = p.hbdomain();
        sfdomain = p.sfdomain();
        sinceLastHbReceipt.clear();
        sinceLastHbReceipt.addAll(p.sinceLastHbReceipt());
        sinceLastSfUpdate.clear();
        sinceLastSfUpdate.addAll(p.sinceLastSfUpdate());
        sinceXapiRestart = p.sinceXapiRestart();
        smPhase = p.smPhase();
        errString = p.errString();
        sfAccess = p.sfAccess();
        sfCorrupted = p.sfCorrupted();
        sfAccelerate = p.sfAccelerate();
        fenceRequest = p.fenceRequest();
        sr2 = p.sr2();
        joining = p.joining();
    }

    public HeartbeatPacketBuilder sequence(int value) {
        sequence = value;
        return this;
    }

    public HeartbeatPacketBuilder generation(HaUuid value) {
        generation = value;
        return this;
    }

    public HeartbeatPacketBuilder host(HaUuid uuid, int index) {
        hostUuid = uuid;
        hostIndex = index;
        return this;
    }

    public HeartbeatPacketBuilder currentLiveset(HostSet value) {
        currentLiveset = value;
        return this;
    }

    public HeartbeatPacketBuilder proposedLiveset(HostSet value) {
        proposedLiveset = value;
        return this;
    }

    public HeartbeatPacketBuilder hbdomain(HostSet value) {
        hbdomain = value;
        return this;
    }

    public HeartbeatPacketBuilder sfdomain(HostSet value) {
        sfdomain = value;
        return this;
    }

    /** Milliseconds since this host last heard host {@code index} on the network; -1 = never. */
    public HeartbeatPacketBuilder sinceLastHbReceipt(int index, int millis) {
        sinceLastHbReceipt.set(index, millis);
        return this;
    }

    /** Milliseconds since this host last saw host {@code index}'s statefile sequence change; -1 = never. */
    public HeartbeatPacketBuilder sinceLastSfUpdate(int index, int millis) {
        sinceLastSfUpdate.set(index, millis);
        return this;
    }

    public HeartbeatPacketBuilder sinceXapiRestart(int millis) {
        sinceXapiRestart = millis;
        return this;
    }

    public HeartbeatPacketBuilder smPhase(int value) {
        smPhase = value;
        return this;
    }

    public HeartbeatPacketBuilder errString(String value) {
        errString = value;
        return this;
    }

    public HeartbeatPacketBuilder sfAccess(boolean value) {
        sfAccess = value;
        return this;
    }

    public HeartbeatPacketBuilder sfCorrupted(boolean value) {
        sfCorrupted = value;
        return this;
    }

    public HeartbeatPacketBuilder sfAccelerate(boolean value) {
        sfAccelerate = value;
        return this;
    }

    public HeartbeatPacketBuilder fenceRequest(boolean value) {
        fenceRequest = value;
        return this;
    }

    public HeartbeatPacketBuilder sr2(boolean value) {
        sr2 = value;
        return this;
    }

    public HeartbeatPacketBuilder joining(boolean value) {
        joining = value;
        return this;
    }

    /** @throws IllegalArgumentException as {@link HeartbeatPacket}'s constructor */
    public HeartbeatPacket build() {
        return new HeartbeatPacket(sequence, generation, hostUuid, hostIndex, currentLiveset, proposedLiveset,
                hbdomain, sfdomain, sinceLastHbReceipt, sinceLastSfUpdate, sinceXapiRestart, smPhase, errString,
                sfAccess, sfCorrupted, sfAccelerate, fenceRequest, sr2, joining);
    }
}
