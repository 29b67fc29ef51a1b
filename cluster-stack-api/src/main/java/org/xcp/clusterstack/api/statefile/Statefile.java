package org.xcp.clusterstack.api.statefile;

import static org.xcp.clusterstack.api.statefile.StatefileLayout.GLOBAL_END_MARKER;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.GLOBAL_SIGNATURE;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.GLOBAL_SIGNATURE_INVERTED;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.MAX_HOSTS;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.SECTION_SIZE;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;

/**
 * Turns global-section faults into xhad's exit codes: 9 (INVALID_STATE_FILE) for a bad signature,
 * checksum, version or end marker, 10 (GENERATION_UUID_MISMATCH) for another pool's generation. The
 * first fault in xhad's checking order decides, so a corrupted file never reports a generation mismatch.
 *
 * <p>The daemon's start is different (spec §5.2): a "corrupted" global section there means no usable
 * statefile, exit 8 ({@link #requireStartable}).
 */
public final class Statefile {
    private Statefile() {
    }

    /** As {@link #requireValid(Path, GlobalSection, HaUuid)} for a section not read from a named path. */
    public static void requireValid(GlobalSection g, HaUuid expectedGeneration) {
        check(null, g, Optional.of(expectedGeneration));
    }

    /** Throws 9 or 10 unless the global section is intact and belongs to this generation. */
    public static void requireValid(Path statefile, GlobalSection g, HaUuid expectedGeneration) {
        check(statefile, g, Optional.of(expectedGeneration));
    }

    /**
     * Throws 9 unless the global section is intact; the generation is not checked. This is what xhad's
     * helpers do when no daemon runs ({@code ha_set_pool_state active|invalid}, {@code ha_set_excluded}).
     */
    public static void requireIntact(Path statefile, GlobalSection g) {
        check(statefile, g, Optional.empty());
    }

    /**
     * What a starting daemon requires of the global section (spec §5.2, §7.8), for every engine: a corrupted
     * section (bad signature, checksum or end marker: {@link SectionFault#corrupts}) is 8 (no usable statefile), a version other than 2 is 9, another pool's GenerationUUID 10, pool
     * state NONE 8 and INVALID 11.
     */
    public static void requireStartable(Path statefile, GlobalSection g, HaUuid generation) {
        Set<SectionFault> faults = g.faults(Optional.of(generation));
        if (SectionFault.corrupted(faults)) {
            SectionFault first = faults.stream().filter(SectionFault::corrupts).findFirst().orElseThrow();
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "statefile " + statefile
                    + ": the global section is corrupted (" + describe(first, g, Optional.of(generation))
                    + "): never initialised, or damaged");
        }
        if (faults.contains(SectionFault.VERSION)) {
            throw new HaException(ExitCode.INVALID_STATE_FILE, "statefile " + statefile + ": version "
                    + g.version() + ", expected 2");
        }
        if (faults.contains(SectionFault.GENERATION)) {
            throw new HaException(ExitCode.GENERATION_UUID_MISMATCH, "statefile " + statefile
                    + ": GenerationUUID " + g.generationValue().map(HaUuid::dashed).orElse("?")
                    + " is not the config's " + generation.dashed());
        }
        PoolState pool = g.poolStateValue().orElse(PoolState.NONE);
        if (pool == PoolState.NONE) {
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "statefile " + statefile
                    + ": pool state NONE (run ha_set_pool_state init first)");
        }
        if (pool == PoolState.INVALID) {
            throw new HaException(ExitCode.INVALID_POOL_STATE, "the pool state is INVALID: HA was disabled");
        }
    }

    private static void check(Path statefile, GlobalSection g, Optional<HaUuid> expected) {
        Set<SectionFault> faults = g.faults(expected);
        if (faults.isEmpty()) {
            return;
        }
        SectionFault first = faults.iterator().next();
        String where = (statefile == null ? "statefile" : "statefile " + statefile) + ": global section ";
        ExitCode code = first == SectionFault.GENERATION
                ? ExitCode.GENERATION_UUID_MISMATCH
                : ExitCode.INVALID_STATE_FILE;
        throw new HaException(code, where + describe(first, g, expected));
    }

    private static String describe(SectionFault fault, GlobalSection g, Optional<HaUuid> expected) {
        switch (fault) {
            case SIGNATURE:
                return g.sig() != GLOBAL_SIGNATURE
                        ? "sig " + hex(g.sig()) + " is not " + hex(GLOBAL_SIGNATURE) + " (\"pool\")"
                        : "sig_inv " + hex(g.sigInv()) + " is not " + hex(GLOBAL_SIGNATURE_INVERTED);
            case CHECKSUM:
                return "checksum " + hex(g.checksum()) + " does not match its content ("
                        + hex(g.contentChecksum()) + ")";
            case VERSION:
                if (g.version() != StatefileLayout.VERSION) {
                    return "version " + g.version() + " is not " + StatefileLayout.VERSION;
                }
                if (g.lengthGlobal() != SECTION_SIZE) {
                    return "length_global " + g.lengthGlobal() + " is not " + SECTION_SIZE;
                }
                if (g.lengthHostSpecific() != SECTION_SIZE) {
                    return "length_host_specific " + g.lengthHostSpecific() + " is not " + SECTION_SIZE;
                }
                return "max_hosts " + g.maxHosts() + " is not " + MAX_HOSTS;
            case END_MARKER:
                return "end_marker " + hex(g.endMarker()) + " is not " + hex(GLOBAL_END_MARKER) + " (\"endp\")";
            case GENERATION:
                return "gen_uuid " + printable(g.genUuid()) + " is not this pool's generation "
                        + expected.map(HaUuid::compact).orElse("?");
            default:
                throw new AssertionError(fault);
        }
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    /** The raw field quoted, with control and non-ASCII bytes escaped so the message stays one line. */
    private static String printable(String raw) {
        StringBuilder out = new StringBuilder("'");
        for (char c : raw.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out.append('\'').toString();
    }
}
