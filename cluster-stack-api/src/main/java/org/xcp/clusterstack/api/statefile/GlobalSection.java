package org.xcp.clusterstack.api.statefile;

import static org.xcp.clusterstack.api.statefile.StatefileLayout.GLOBAL_END_MARKER;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.GLOBAL_SIGNATURE;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.GLOBAL_SIGNATURE_INVERTED;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.MAX_HOSTS;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.NO_MASTER;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.SECTION_SIZE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.HaUuid;

/**
 * The global section exactly as stored (spec §5.2): every field raw, so a corrupted section is still a
 * value that can be dumped and encoded back byte for byte. {@code genUuid} and {@code master} are the
 * 32 stored bytes as ISO-8859-1 characters.
 */
public record GlobalSection(
        int sig,
        int sigInv,
        int checksum,
        int version,
        int lengthGlobal,
        int lengthHostSpecific,
        int maxHosts,
        String genUuid,
        int poolState,
        String master,
        int configHosts,
        int endMarker) {

    public GlobalSection {
        RawText.require("gen_uuid", genUuid);
        RawText.require("master", master);
    }

    /**
     * What {@code ha_set_pool_state init} writes: pool state INIT, no master, the given generation and
     * number of configured hosts (1..64), correct signatures, sizes, end marker and checksum.
     */
    public static GlobalSection initial(HaUuid generation, int configHosts) {
        Objects.requireNonNull(generation, "generation");
        if (configHosts < 1 || configHosts > MAX_HOSTS) {
            throw new IllegalArgumentException("config_hosts " + configHosts + " is outside 1..64");
        }
        return new GlobalSection(GLOBAL_SIGNATURE, GLOBAL_SIGNATURE_INVERTED, 0, StatefileLayout.VERSION,
                SECTION_SIZE, SECTION_SIZE, MAX_HOSTS, generation.compact(), PoolState.INIT.code(),
                NO_MASTER, configHosts, GLOBAL_END_MARKER).resealed();
    }

    /** A copy with this pool state and the checksum recomputed. */
    public GlobalSection withPoolState(PoolState state) {
        return new GlobalSection(sig, sigInv, checksum, version, lengthGlobal, lengthHostSpecific, maxHosts,
                genUuid, state.code(), master, configHosts, endMarker).resealed();
    }

    /** A copy naming this master-lock holder (empty: nobody, 32 '0') and the checksum recomputed. */
    public GlobalSection withMaster(Optional<HaUuid> holder) {
        String raw = holder.map(HaUuid::compact).orElse(NO_MASTER);
        return new GlobalSection(sig, sigInv, checksum, version, lengthGlobal, lengthHostSpecific, maxHosts,
                genUuid, poolState, raw, configHosts, endMarker).resealed();
    }

    /** A copy whose checksum matches its content; nothing else changes. */
    public GlobalSection resealed() {
        return new GlobalSection(sig, sigInv, StatefileCodec.globalChecksum(this), version, lengthGlobal,
                lengthHostSpecific, maxHosts, genUuid, poolState, master, configHosts, endMarker);
    }

    /** The checksum this content calls for (compare with {@link #checksum()}). */
    public int contentChecksum() {
        return StatefileCodec.globalChecksum(this);
    }

    /**
     * Everything wrong with this section, in xhad's checking order. The generation is checked only when
     * one is expected: the no-daemon helpers of xhad do not check it.
     */
    public Set<SectionFault> faults(Optional<HaUuid> expectedGeneration) {
        EnumSet<SectionFault> faults = EnumSet.noneOf(SectionFault.class);
        if (sig != GLOBAL_SIGNATURE || sigInv != GLOBAL_SIGNATURE_INVERTED) {
            faults.add(SectionFault.SIGNATURE);
        }
        if (checksum != contentChecksum()) {
            faults.add(SectionFault.CHECKSUM);
        }
        if (version != StatefileLayout.VERSION || lengthGlobal != SECTION_SIZE
                || lengthHostSpecific != SECTION_SIZE || maxHosts != MAX_HOSTS) {
            faults.add(SectionFault.VERSION);
        }
        if (endMarker != GLOBAL_END_MARKER) {
            faults.add(SectionFault.END_MARKER);
        }
        if (expectedGeneration.isPresent() && !generationMatches(expectedGeneration.get())) {
            faults.add(SectionFault.GENERATION);
        }
        return Collections.unmodifiableSet(faults);
    }

    /** Whether {@code gen_uuid} is this generation, ignoring case as xhad does. */
    public boolean generationMatches(HaUuid generation) {
        return RawText.equalsIgnoreAsciiCase(genUuid, generation.compact());
    }

    /** The pool state, if the stored number is one. */
    public Optional<PoolState> poolStateValue() {
        return PoolState.fromCode(poolState);
    }

    /** The generation, if the stored bytes are a UUID. */
    public Optional<HaUuid> generationValue() {
        return HaUuid.fromWire(genUuid);
    }

    /** The master-lock holder: empty when the field is all '0' (nobody) or not a UUID. */
    public Optional<HaUuid> masterHost() {
        return NO_MASTER.equals(master) ? Optional.empty() : HaUuid.fromWire(master);
    }
}
