package org.xcp.clusterstack.api.statefile;

import static org.xcp.clusterstack.api.statefile.StatefileLayout.HOST_END_MARKER;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.HOST_SIGNATURE;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.HOST_SIGNATURE_INVERTED;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.MAX_HOSTS;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

/**
 * One host section exactly as stored (spec §5.3), every field raw. {@code hostUuid} is the 32 stored
 * bytes as ISO-8859-1 characters; the two {@code since_*} arrays always have 64 entries, one per host
 * index. Build a valid section with {@link #builder()}.
 */
public record HostSection(
        int sig,
        int sigInv,
        int checksum,
        int sequence,
        int hostIndex,
        String hostUuid,
        int excluded,
        int starting,
        List<Integer> sinceLastHbReceipt,
        List<Integer> sinceLastSfUpdate,
        int sinceXapiRestartFirstAttempted,
        HostSet currentLiveset,
        HostSet proposedLiveset,
        HostSet hbdomain,
        HostSet sfdomain,
        int lockRequest,
        HostSet lockGrant,
        int smPhase,
        int weight,
        int endMarker) {

    private static final List<Integer> ZEROS = Collections.nCopies(MAX_HOSTS, 0);

    public HostSection {
        RawText.require("host_uuid", hostUuid);
        sinceLastHbReceipt = perHost("since_last_hb_receipt", sinceLastHbReceipt);
        sinceLastSfUpdate = perHost("since_last_sf_update", sinceLastSfUpdate);
        Objects.requireNonNull(currentLiveset, "current_liveset");
        Objects.requireNonNull(proposedLiveset, "proposed_liveset");
        Objects.requireNonNull(hbdomain, "hbdomain");
        Objects.requireNonNull(sfdomain, "sfdomain");
        Objects.requireNonNull(lockGrant, "lock_grant");
    }

    /**
     * What {@code ha_set_pool_state init} writes into every host section: signatures and end marker,
     * everything else zero, checksum 0 (which is also the right sum of all-zero words).
     */
    public static HostSection blank() {
        return new HostSection(HOST_SIGNATURE, HOST_SIGNATURE_INVERTED, 0, 0, 0, "\0".repeat(32), 0, 0,
                ZEROS, ZEROS, 0, HostSet.EMPTY, HostSet.EMPTY, HostSet.EMPTY, HostSet.EMPTY, 0,
                HostSet.EMPTY, 0, 0, HOST_END_MARKER);
    }

    /** A builder starting from {@link #blank()}; {@code build()} always gives a sealed, valid section. */
    public static HostSectionBuilder builder() {
        return new HostSectionBuilder(blank());
    }

    /** A builder starting from this section's values, e.g. to write it again with {@code sequence + 1}. */
    public HostSectionBuilder toBuilder() {
        return new HostSectionBuilder(this);
    }

    /** A copy whose checksum matches its content; nothing else changes. */
    public HostSection resealed() {
        return new HostSection(sig, sigInv, StatefileCodec.hostChecksum(this), sequence, hostIndex, hostUuid,
                excluded, starting, sinceLastHbReceipt, sinceLastSfUpdate, sinceXapiRestartFirstAttempted,
                currentLiveset, proposedLiveset, hbdomain, sfdomain, lockRequest, lockGrant, smPhase, weight,
                endMarker);
    }

    /** The checksum this content calls for (compare with {@link #checksum()}). */
    public int contentChecksum() {
        return StatefileCodec.hostChecksum(this);
    }

    /** Signature, checksum and end-marker faults; a host section has no version or generation. */
    public Set<SectionFault> faults() {
        EnumSet<SectionFault> faults = EnumSet.noneOf(SectionFault.class);
        if (sig != HOST_SIGNATURE || sigInv != HOST_SIGNATURE_INVERTED) {
            faults.add(SectionFault.SIGNATURE);
        }
        if (checksum != contentChecksum()) {
            faults.add(SectionFault.CHECKSUM);
        }
        if (endMarker != HOST_END_MARKER) {
            faults.add(SectionFault.END_MARKER);
        }
        return Collections.unmodifiableSet(faults);
    }

    /** The owner's UUID, if the stored bytes are one (a blank section holds 32 NULs). */
    public Optional<HaUuid> hostUuidValue() {
        return HaUuid.fromWire(hostUuid);
    }

    public Optional<SmPhase> smPhaseValue() {
        return SmPhase.fromCode(smPhase);
    }

    /**
     * The hosts this owner grants the master lock to, among the first {@code configuredHosts}: xhad
     * leaves bits of unconfigured indexes set (0xFFFFFFFFFFFFFFF9 seen in a 3-host pool), so readers
     * must mask (spec §5.3).
     */
    public HostSet lockGrantWithin(int configuredHosts) {
        return lockGrant.intersect(HostSet.firstN(configuredHosts));
    }

    private static List<Integer> perHost(String field, List<Integer> values) {
        List<Integer> copy = List.copyOf(Objects.requireNonNull(values, field));
        if (copy.size() != MAX_HOSTS) {
            throw new IllegalArgumentException(field + " needs 64 entries, got " + copy.size());
        }
        return copy;
    }
}
