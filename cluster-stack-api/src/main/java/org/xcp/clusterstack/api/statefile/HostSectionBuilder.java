package org.xcp.clusterstack.api.statefile;

import java.util.ArrayList;
import java.util.List;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

/**
 * Builds a valid host section from domain values: {@link #build()} sets the signatures and the end
 * marker and seals the checksum, so a daemon cannot write a section that other hosts would reject.
 */
public final class HostSectionBuilder {
    private int sequence;
    private int hostIndex;
    private String hostUuid;
    private int excluded;
    private int starting;
    private final List<Integer> sinceLastHbReceipt;
    private final List<Integer> sinceLastSfUpdate;
    private int sinceXapiRestartFirstAttempted;
    private HostSet currentLiveset;
    private HostSet proposedLiveset;
    private HostSet hbdomain;
    private HostSet sfdomain;
    private int lockRequest;
    private HostSet lockGrant;
    private int smPhase;
    private int weight;

    HostSectionBuilder(HostSection from) {
        sequence = from.sequence();
        hostIndex = from.hostIndex();
        hostUuid = from.hostUuid();
        excluded = from.excluded();
        starting = from.starting();
        sinceLastHbReceipt = new ArrayList<>(from.sinceLastHbReceipt());
        sinceLastSfUpdate = new ArrayList<>(from.sinceLastSfUpdate());
        sinceXapiRestartFirstAttempted = from.sinceXapiRestartFirstAttempted();
        currentLiveset = from.currentLiveset();
        proposedLiveset = from.proposedLiveset();
        hbdomain = from.hbdomain();
        sfdomain = from.sfdomain();
        lockRequest = from.lockRequest();
        lockGrant = from.lockGrant();
        smPhase = from.smPhase();
        weight = from.weight();
    }

    public HostSectionBuilder sequence(int value) {
        sequence = value;
        return this;
    }

    public HostSectionBuilder hostIndex(int value) {
        hostIndex = value;
        return this;
    }

    public HostSectionBuilder hostUuid(HaUuid value) {
        hostUuid = value.compact();
        return this;
    }

    public HostSectionBuilder excluded(boolean value) {
        excluded = value ? 1 : 0;
        return this;
    }

    public HostSectionBuilder starting(boolean value) {
        starting = value ? 1 : 0;
        return this;
    }

    /** Milliseconds since the owner last heard host {@code index} on the network; -1 = never/timed out. */
    public HostSectionBuilder sinceLastHbReceipt(int index, int millis) {
        sinceLastHbReceipt.set(checkIndex(index), millis);
        return this;
    }

    /** Milliseconds since the owner last saw host {@code index}'s sequence change; -1 = never/timed out. */
    public HostSectionBuilder sinceLastSfUpdate(int index, int millis) {
        sinceLastSfUpdate.set(checkIndex(index), millis);
        return this;
    }

    public HostSectionBuilder sinceXapiRestartFirstAttempted(int millis) {
        sinceXapiRestartFirstAttempted = millis;
        return this;
    }

    public HostSectionBuilder currentLiveset(HostSet value) {
        currentLiveset = value;
        return this;
    }

    public HostSectionBuilder proposedLiveset(HostSet value) {
        proposedLiveset = value;
        return this;
    }

    public HostSectionBuilder hbdomain(HostSet value) {
        hbdomain = value;
        return this;
    }

    public HostSectionBuilder sfdomain(HostSet value) {
        sfdomain = value;
        return this;
    }

    public HostSectionBuilder lockRequest(boolean value) {
        lockRequest = value ? 1 : 0;
        return this;
    }

    public HostSectionBuilder lockGrant(HostSet value) {
        lockGrant = value;
        return this;
    }

    public HostSectionBuilder smPhase(SmPhase value) {
        smPhase = value.code();
        return this;
    }

    public HostSectionBuilder weight(int value) {
        weight = value;
        return this;
    }

    /** A sealed section: correct signatures and end marker, checksum matching the content. */
    public HostSection build() {
        return new HostSection(StatefileLayout.HOST_SIGNATURE, StatefileLayout.HOST_SIGNATURE_INVERTED, 0,
                sequence, hostIndex, hostUuid, excluded, starting, sinceLastHbReceipt, sinceLastSfUpdate,
                sinceXapiRestartFirstAttempted, currentLiveset, proposedLiveset, hbdomain, sfdomain,
                lockRequest, lockGrant, smPhase, weight, StatefileLayout.HOST_END_MARKER).resealed();
    }

    private static int checkIndex(int index) {
        if (index < 0 || index >= StatefileLayout.MAX_HOSTS) {
            throw new IllegalArgumentException("host index " + index + " is outside 0..63");
        }
        return index;
    }
}
