package org.xcp.clusterstack.api.statefile;

import static org.xcp.clusterstack.api.statefile.StatefileLayout.MAX_HOSTS;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.SIZE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.xcp.clusterstack.api.HaUuid;

/** A whole statefile: the global section and all 64 host sections, configured or not. */
public record StatefileImage(GlobalSection global, List<HostSection> hosts) {

    public StatefileImage {
        Objects.requireNonNull(global, "global");
        hosts = List.copyOf(hosts);
        if (hosts.size() != MAX_HOSTS) {
            throw new IllegalArgumentException("a statefile has 64 host sections, got " + hosts.size());
        }
    }

    /** The file right after {@code ha_set_pool_state init}. */
    public static StatefileImage initial(HaUuid generation, int configHosts) {
        return new StatefileImage(GlobalSection.initial(generation, configHosts),
                Collections.nCopies(MAX_HOSTS, HostSection.blank()));
    }

    /**
     * Decodes the first 266,240 bytes (a larger device may follow with anything). Never fails on
     * content; an array shorter than a statefile is a caller error.
     */
    public static StatefileImage decode(byte[] bytes) {
        if (bytes.length < SIZE) {
            throw new IllegalArgumentException("a statefile has " + SIZE + " bytes, the array has "
                    + bytes.length);
        }
        List<HostSection> hosts = new ArrayList<>(MAX_HOSTS);
        for (int i = 0; i < MAX_HOSTS; i++) {
            hosts.add(StatefileCodec.decodeHost(bytes, StatefileLayout.hostOffset(i)));
        }
        return new StatefileImage(StatefileCodec.decodeGlobal(bytes, StatefileLayout.GLOBAL_OFFSET), hosts);
    }

    /** Exactly 266,240 bytes; everything past each section's data is zero. */
    public byte[] encode() {
        byte[] bytes = new byte[SIZE];
        StatefileCodec.encodeGlobal(global, bytes, StatefileLayout.GLOBAL_OFFSET);
        for (int i = 0; i < MAX_HOSTS; i++) {
            StatefileCodec.encodeHost(hosts.get(i), bytes, StatefileLayout.hostOffset(i));
        }
        return bytes;
    }

    public HostSection host(int index) {
        StatefileLayout.hostOffset(index); // range check with the usual message
        return hosts.get(index);
    }

    public StatefileImage withGlobal(GlobalSection newGlobal) {
        return new StatefileImage(newGlobal, hosts);
    }

    public StatefileImage withHost(int index, HostSection section) {
        StatefileLayout.hostOffset(index);
        List<HostSection> copy = new ArrayList<>(hosts);
        copy.set(index, Objects.requireNonNull(section, "section"));
        return new StatefileImage(global, copy);
    }
}
