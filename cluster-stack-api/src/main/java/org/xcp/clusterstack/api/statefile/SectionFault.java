package org.xcp.clusterstack.api.statefile;

import java.util.Set;

/**
 * What can be wrong with a section as read. Declared in the order xhad checks the global section
 * (spec §5.2), so the first fault of an {@code EnumSet} is the one xhad would report.
 */
public enum SectionFault {
    /** {@code sig} or {@code sig_inv} is not the section's signature: "corrupted". */
    SIGNATURE,
    /** {@code checksum} does not match the checksummed words: "corrupted". */
    CHECKSUM,
    /**
     * Global section only: {@code version} is not 2, or {@code length_global},
     * {@code length_host_specific} or {@code max_hosts} is not 4096/4096/64. (xhad itself checks only
     * {@code version}; a file with wrong lengths cannot have come from any xhad.)
     */
    VERSION,
    /**
     * {@code end_marker} is not "endp"/"endh". xhad never checks it, and the checksum stops before it; a torn
     * write breaks it as it breaks the checksum, so it counts as corruption ({@link #corrupts}).
     */
    END_MARKER,
    /** Global section only: {@code gen_uuid} is not the expected GenerationUUID (case-insensitive). */
    GENERATION;

    /**
     * Whether this fault makes the section "corrupted" (spec §5.2): a bad signature, checksum or end marker. The
     * one test of corruption: a starting daemon turns it into 8 ({@link Statefile#requireStartable}), a running
     * one into "no statefile access", the no-daemon helpers and {@code statefile dump} into 9.
     */
    public boolean corrupts() {
        return this == SIGNATURE || this == CHECKSUM || this == END_MARKER;
    }

    /** Whether any of {@code faults} {@link #corrupts}. */
    public static boolean corrupted(Set<SectionFault> faults) {
        for (SectionFault f : faults) {
            if (f.corrupts()) {
                return true;
            }
        }
        return false;
    }
}
