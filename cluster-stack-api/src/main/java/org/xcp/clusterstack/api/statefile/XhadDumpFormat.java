package org.xcp.clusterstack.api.statefile;

import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

/**
 * The text xhad's {@code dumpstatefile} prints, reproduced exactly, C string quirks included, so that
 * dumps from both implementations can be diffed. Each line starts with {@code "**"} when the field
 * failed validation, else two spaces. The result may hold any byte 0x00-0xFF as a char: print it as
 * ISO-8859-1 to get xhad's bytes.
 */
public final class XhadDumpFormat {
    private static final String RULE = "---------------------------\n";

    private XhadDumpFormat() {
    }

    /**
     * The dump of the global section and of host sections {@code 0..hostCount-1} (0..64). The generation,
     * when given, marks {@code gen_uuid} if it differs.
     */
    public static String render(StatefileImage image, int hostCount, Optional<HaUuid> expectedGeneration) {
        if (hostCount < 0 || hostCount > StatefileLayout.MAX_HOSTS) {
            throw new IllegalArgumentException("host count " + hostCount + " is outside 0..64");
        }
        StringBuilder out = new StringBuilder();
        global(out, image.global(), expectedGeneration);
        out.append(RULE);
        for (int i = 0; i < hostCount; i++) {
            host(out, i, image.host(i), hostCount);
            out.append(RULE);
        }
        return out.toString();
    }

    /** The host count xhad's dump would use without a config: config_hosts when plausible, else all 64. */
    public static int defaultHostCount(GlobalSection global) {
        int n = global.configHosts();
        return n >= 1 && n <= StatefileLayout.MAX_HOSTS ? n : StatefileLayout.MAX_HOSTS;
    }

    private static void global(StringBuilder out, GlobalSection g, Optional<HaUuid> expected) {
        Set<SectionFault> faults = g.faults(expected);
        boolean badSig = faults.contains(SectionFault.SIGNATURE);
        line(out, badSig, "global.sig = " + signature(g.sig()));
        line(out, badSig, "global.sig_inv = " + hex(g.sigInv()));
        line(out, faults.contains(SectionFault.CHECKSUM), "global.checksum = " + hex(g.checksum()));
        // xhad marks only the version number, never the lengths or max_hosts.
        line(out, g.version() != StatefileLayout.VERSION, "global.version = " + g.version());
        line(out, false, "global.length_global = " + g.lengthGlobal());
        // Sic: xhad's field (and its dump) is spelled length_host_specfic.
        line(out, false, "global.length_host_specfic = " + g.lengthHostSpecific());
        line(out, false, "global.max_hosts = " + g.maxHosts());
        line(out, faults.contains(SectionFault.GENERATION), "global.gen_uuid = " + RawText.untilNul(g.genUuid()));
        line(out, false, "global.pool_state = " + g.poolState());
        line(out, false, "global.master = " + RawText.untilNul(g.master()));
        line(out, false, "global.config_hosts = " + g.configHosts());
        endMarker(out, "global.", faults, g.endMarker());
    }

    /**
     * xhad's dump has no end_marker line; it is added, marked, only when the marker is wrong, so that a valid
     * file still dumps exactly as xhad dumps it and a torn one shows the field that makes it corrupted.
     */
    private static void endMarker(StringBuilder out, String prefix, Set<SectionFault> faults, int marker) {
        if (faults.contains(SectionFault.END_MARKER)) {
            line(out, true, prefix + "end_marker = " + signature(marker));
        }
    }

    private static void host(StringBuilder out, int index, HostSection h, int hostCount) {
        Set<SectionFault> faults = h.faults();
        boolean badSig = faults.contains(SectionFault.SIGNATURE);
        String p = String.format("host[%2d].", index);
        line(out, badSig, p + "sig = " + signature(h.sig()));
        line(out, badSig, p + "sig_inv = " + hex(h.sigInv()));
        line(out, faults.contains(SectionFault.CHECKSUM), p + "checksum = " + hex(h.checksum()));
        line(out, false, p + "sequence = " + h.sequence());
        line(out, false, p + "host_index = " + h.hostIndex());
        line(out, false, p + "host_uuid = " + RawText.untilNul(h.hostUuid()));
        line(out, false, p + "excluded = " + h.excluded());
        line(out, false, p + "starting = " + h.starting());
        for (int j = 0; j < hostCount; j++) {
            line(out, false, p + String.format("since_last_hb_receipt[%2d] = %d", j, h.sinceLastHbReceipt().get(j)));
        }
        for (int j = 0; j < hostCount; j++) {
            line(out, false, p + String.format("since_last_sf_update[%2d] = %d", j, h.sinceLastSfUpdate().get(j)));
        }
        line(out, false, p + "current_liveset = " + bitmap(h.currentLiveset(), hostCount));
        line(out, false, p + "proposed_liveset = " + bitmap(h.proposedLiveset(), hostCount));
        line(out, false, p + "hbdomain = " + bitmap(h.hbdomain(), hostCount));
        line(out, false, p + "sfdomain = " + bitmap(h.sfdomain(), hostCount));
        line(out, false, p + "lock_request = " + h.lockRequest());
        line(out, false, p + "lock_grant = " + bitmap(h.lockGrant(), hostCount));
        line(out, false, p + "since_xapi_restart_first_attempted = " + h.sinceXapiRestartFirstAttempted());
        // xhad prints the sequence again last, to show whether the owner wrote while the dump ran.
        line(out, false, p + "sequence = " + h.sequence());
        endMarker(out, p, faults, h.endMarker());
    }

    private static void line(StringBuilder out, boolean marked, String text) {
        out.append(marked ? "**" : "  ").append(text).append('\n');
    }

    private static String hex(int value) {
        return "0x" + Integer.toHexString(value);
    }

    /**
     * {@code 0x%x(cccc)} with the bytes low first. xhad formats this into a C string, so a NUL byte
     * ends the text there and the closing parenthesis is lost with it.
     */
    static String signature(int sig) {
        StringBuilder s = new StringBuilder(hex(sig)).append('(');
        for (int shift = 0; shift < 32; shift += 8) {
            char c = (char) ((sig >>> shift) & 0xFF);
            if (c == 0) {
                return s.toString();
            }
            s.append(c);
        }
        return s.append(')').toString();
    }

    /**
     * {@code bitmap l->h(...)}: one digit per host, low index first, with a '-' before the 4th digit
     * and then before every 4th after it (xhad's counter resets on reaching 4), so 7 hosts read 111-1111.
     */
    static String bitmap(HostSet set, int hostCount) {
        StringBuilder s = new StringBuilder("bitmap l->h(");
        int count = 0;
        for (int i = 0; i < hostCount; i++) {
            if (++count >= 4) {
                count = 0;
                s.append('-');
            }
            s.append(set.contains(i) ? '1' : '0');
        }
        return s.append(')').toString();
    }
}
