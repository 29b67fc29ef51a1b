package org.xcp.clusterstack.xhad.heartbeat;

import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.xcp.clusterstack.api.auth.HeartbeatKey;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;

/**
 * HMAC-SHA-256 over a keyed heartbeat's first {@value TrailerField#MAC_COVERS} bytes, with one JDK {@link Mac}
 * per key, made once (a {@code Mac} is not thread-safe: the owner, {@link HeartbeatWire}, serialises its use).
 */
final class HeartbeatMac {
    private static final String ALGORITHM = "HmacSHA256";

    private final HeartbeatKey sending;
    private final Map<Integer, Mac> byId = new HashMap<>();
    private final byte[] scratch = new byte[TrailerField.MAC.size()];

    HeartbeatMac(HeartbeatKeys keys) {
        this.sending = keys.current();
        for (HeartbeatKey k : keys.accepted()) {
            byId.put(k.id(), mac(k));
        }
    }

    int sendingId() {
        return sending.id();
    }

    boolean knows(int keyId) {
        return byId.containsKey(keyId);
    }

    /** Writes the MAC of {@code datagram} with the sending key into its MAC field. */
    void sign(byte[] datagram) {
        Mac mac = byId.get(sending.id());
        mac.update(datagram, 0, TrailerField.MAC_COVERS);
        try {
            mac.doFinal(datagram, TrailerField.MAC.offset());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a 32-byte MAC fits its 32-byte field", e);
        }
    }

    /** Whether {@code datagram}'s MAC is right for the key {@code keyId}, compared in constant time. */
    boolean verify(byte[] datagram, int keyId) {
        Mac mac = byId.get(keyId);
        mac.update(datagram, 0, TrailerField.MAC_COVERS);
        try {
            mac.doFinal(scratch, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a 32-byte MAC fits its 32-byte scratch", e);
        }
        int difference = 0; // every byte compared whatever the first difference: no timing to learn from
        for (int i = 0; i < scratch.length; i++) {
            difference |= scratch[i] ^ datagram[TrailerField.MAC.offset() + i];
        }
        return difference == 0;
    }

    private static Mac mac(HeartbeatKey key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.secret(), ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
