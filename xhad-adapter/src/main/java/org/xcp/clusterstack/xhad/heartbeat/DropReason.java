package org.xcp.clusterstack.xhad.heartbeat;

/** Why a datagram is not a heartbeat of this pool: the checks of spec §6.3 step 1, in the order they run. */
public enum DropReason {
    /** The datagram is not exactly 744 bytes long. */
    LENGTH,
    /** The first four bytes are not "xhah". */
    SIGNATURE,
    /** The packet's own size field is not 744. */
    SIZE,
    /** Another pool generation (or another pool on the same port). */
    GENERATION,
    /** {@code host_index} names no configured host; C xhad does not check it, we must (§6.3). */
    UNKNOWN_HOST_INDEX,
    /** {@code host_uuid} is not the configured UUID at {@code host_index}. */
    HOST_MISMATCH
}
