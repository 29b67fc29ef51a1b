package org.xcp.clusterstack.xhad.heartbeat;

/**
 * Why a datagram was not let in, in the order the checks run: spec §6.3 steps 1 and 2, the source address,
 * and for a keyed host the checks of {@code docs/heartbeat-auth.md}. Each is counted, never logged per datagram.
 */
public enum DropReason {
    /** A lost-packet fault point fired (tests). */
    FAULT_POINT,
    /** Neither 744 bytes (a heartbeat) nor, for a keyed host, 808 (a keyed heartbeat). */
    LENGTH,
    /** A keyed host got a 744-byte heartbeat: a C xhad, a host without the key, or a forger. */
    UNAUTHENTICATED,
    /** A host without a key got a keyed heartbeat: some host of the pool holds a key this one lacks. */
    KEYED_PACKET,
    /** An 808-byte datagram whose trailer does not start with "xhak". */
    AUTH_MAGIC,
    /** The first four bytes are not "xhah". */
    SIGNATURE,
    /** The packet's own size field is not 744. */
    SIZE,
    /** Another pool generation (or another pool on the same port). */
    GENERATION,
    /** {@code host_index} names no configured host; C xhad does not check it, we must (§6.3). */
    UNKNOWN_HOST_INDEX,
    /** {@code host_uuid} is not the configured UUID at {@code host_index}. */
    HOST_MISMATCH,
    /** The datagram did not come from the configured {@code IPaddress} of the host it claims to be. */
    SOURCE_ADDRESS,
    /**
     * It claims to be from this very host. We never send to ourselves, so it is a forgery or a second host
     * with our identity; either way it must not overwrite what we know about ourselves.
     */
    OWN_HOST,
    /** A keyed heartbeat made for another host. */
    WRONG_DESTINATION,
    /** A keyed heartbeat made with a key this host does not hold. */
    UNKNOWN_KEY,
    /** The MAC is wrong: forged, or changed on the way. */
    BAD_MAC,
    /** Not newer than the last heartbeat accepted from its sender: a duplicate or a replay. */
    STALE_SEQUENCE,
    /** A keyed heartbeat of a sender life this host has not accepted, which does not echo this host's own. */
    NOT_FRESH
}
