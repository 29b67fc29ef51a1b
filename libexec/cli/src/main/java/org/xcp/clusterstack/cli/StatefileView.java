package org.xcp.clusterstack.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.api.statefile.StatefileImage;

/** The JSON of {@code statefile dump --json}: every raw field, decoded values beside them, the faults. */
final class StatefileView {
    private StatefileView() {
    }

    static Map<String, Object> of(Path file, StatefileImage image, int hostCount, Optional<HaUuid> generation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("file", file.toString());
        view.put("global", global(image.global(), generation));
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            hosts.add(host(i, image.host(i), hostCount));
        }
        view.put("hosts", hosts);
        return view;
    }

    private static Map<String, Object> global(GlobalSection g, Optional<HaUuid> generation) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("faults", g.faults(generation).stream().map(Enum::name).toList());
        v.put("sig", hex(g.sig()));
        v.put("sig_inv", hex(g.sigInv()));
        v.put("checksum", hex(g.checksum()));
        v.put("version", g.version());
        v.put("length_global", g.lengthGlobal());
        v.put("length_host_specific", g.lengthHostSpecific());
        v.put("max_hosts", g.maxHosts());
        v.put("gen_uuid", printable(g.genUuid()));
        v.put("pool_state", g.poolState());
        v.put("pool_state_name", g.poolStateValue().map(PoolState::name).orElse(null));
        v.put("master", printable(g.master()));
        v.put("master_host", g.masterHost().map(HaUuid::dashed).orElse(null));
        v.put("config_hosts", g.configHosts());
        v.put("end_marker", hex(g.endMarker()));
        return v;
    }

    private static Map<String, Object> host(int index, HostSection h, int hostCount) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index", index);
        v.put("faults", h.faults().stream().map(Enum::name).toList());
        v.put("sig", hex(h.sig()));
        v.put("sig_inv", hex(h.sigInv()));
        v.put("checksum", hex(h.checksum()));
        v.put("sequence", Integer.toUnsignedLong(h.sequence()));
        v.put("host_index", h.hostIndex());
        v.put("host_uuid", printable(h.hostUuid()));
        v.put("excluded", h.excluded());
        v.put("starting", h.starting());
        v.put("since_last_hb_receipt_ms", h.sinceLastHbReceipt().subList(0, hostCount));
        v.put("since_last_sf_update_ms", h.sinceLastSfUpdate().subList(0, hostCount));
        v.put("since_xapi_restart_first_attempted_ms", h.sinceXapiRestartFirstAttempted());
        v.put("current_liveset", indexes(h.currentLiveset()));
        v.put("proposed_liveset", indexes(h.proposedLiveset()));
        v.put("hbdomain", indexes(h.hbdomain()));
        v.put("sfdomain", indexes(h.sfdomain()));
        v.put("lock_request", h.lockRequest());
        v.put("lock_grant", indexes(h.lockGrantWithin(hostCount)));
        v.put("sm_phase", h.smPhase());
        v.put("sm_phase_name", h.smPhaseValue().map(SmPhase::name).orElse(null));
        v.put("weight", h.weight());
        v.put("end_marker", hex(h.endMarker()));
        return v;
    }

    private static List<Integer> indexes(HostSet set) {
        return set.indexes().boxed().toList();
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    /** UUID fields are 32 raw bytes: show them up to the first NUL, as xhad's dump does, escaping the rest. */
    private static String printable(String raw) {
        int nul = raw.indexOf('\0');
        String text = nul >= 0 ? raw.substring(0, nul) : raw;
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\x%02x", c)));
        return out.toString();
    }
}
