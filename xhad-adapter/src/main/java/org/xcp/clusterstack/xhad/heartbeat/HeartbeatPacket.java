package org.xcp.clusterstack.xhad.heartbeat;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

/**
 * One heartbeat (spec §6.2) as domain values. The signature, checksum, size and padding are constants of
 * the wire and live in {@link HeartbeatCodec}. {@code sequence} is a u32 on the wire held in an int:
 * compare it unsigned ({@link SequenceFilter}). Timings are milliseconds, {@value #NEVER} = never / none.
 * Every packet this record accepts can be encoded; build one with {@link HeartbeatPacketBuilder}.
 */
public record HeartbeatPacket(
        int sequence,
        HaUuid generation,
        HaUuid hostUuid,
        int hostIndex,
        HostSet currentLiveset,
        HostSet proposedLiveset,
        HostSet hbdomain,
        HostSet sfdomain,
        List<Integer> sinceLastHbReceipt,
        List<Integer> sinceLastSfUpdate,
        int sinceXapiRestart,
        int smPhase,
        String errString,
        boolean sfAccess,
        boolean sfCorrupted,
        boolean sfAccelerate,
        boolean fenceRequest,
        boolean sr2,
        boolean joining) {

    public static final int NEVER = -1;
    /** One timing per possible host index. */
    public static final int TIMINGS = HostSet.MAX_HOSTS;
    /** The 101-byte field keeps one byte for the terminating NUL. */
    public static final int MAX_ERR_STRING_LENGTH = PacketField.ERR_STRING.size() - 1;

    public HeartbeatPacket {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(hostUuid, "hostUuid");
        Objects.requireNonNull(currentLiveset, "currentLiveset");
        Objects.requireNonNull(proposedLiveset, "proposedLiveset");
        Objects.requireNonNull(hbdomain, "hbdomain");
        Objects.requireNonNull(sfdomain, "sfdomain");
        Objects.requireNonNull(errString, "errString");
        if (hostIndex < 0 || hostIndex >= HostSet.MAX_HOSTS) {
            throw new IllegalArgumentException("host index " + hostIndex + " is outside 0..63");
        }
        sinceLastHbReceipt = timings("sinceLastHbReceipt", sinceLastHbReceipt);
        sinceLastSfUpdate = timings("sinceLastSfUpdate", sinceLastSfUpdate);
        if (errString.length() > MAX_ERR_STRING_LENGTH) {
            throw new IllegalArgumentException("errString has " + errString.length() + " characters, at most "
                    + MAX_ERR_STRING_LENGTH + " fit");
        }
        for (int i = 0; i < errString.length(); i++) {
            if (!isPrintableAscii(errString.charAt(i))) {
                throw new IllegalArgumentException("errString has a character that is not printable ASCII at " + i);
            }
        }
    }

    /** 64 × {@value #NEVER}: a host that has heard nobody yet. */
    public static List<Integer> neverHeard() {
        return Collections.nCopies(TIMINGS, NEVER);
    }

    public HeartbeatPacketBuilder toBuilder() {
        return new HeartbeatPacketBuilder(this);
    }

    /** Space to tilde: what a C string of xapi's error text can carry without breaking logs. */
    static boolean isPrintableAscii(char c) {
        return c >= 0x20 && c <= 0x7E;
    }

    private static List<Integer> timings(String name, List<Integer> values) {
        Objects.requireNonNull(values, name);
        if (values.size() != TIMINGS) {
            throw new IllegalArgumentException(name + " has " + values.size() + " entries, not " + TIMINGS);
        }
        return List.copyOf(values); // also rejects null entries
    }
}
