package org.xcp.clusterstack.api.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One pool key for authenticated heartbeats ({@code docs/heartbeat-auth.md}): 32 secret bytes, and its public
 * {@link #id()}, the first 4 bytes of the key's SHA-256. The id travels in every keyed heartbeat so that a
 * receiver picks the key without trying each; it names the key in logs and {@code status}, never the bytes.
 * {@link #toString()} shows only the id, so a key cannot leak into a log by accident.
 */
public final class HeartbeatKey {
    public static final int BYTES = 32;
    public static final int ID_BYTES = 4;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] secret;
    private final int id;

    private HeartbeatKey(byte[] secret) {
        if (secret.length != BYTES) {
            throw new IllegalArgumentException("a heartbeat key is " + BYTES + " bytes, not " + secret.length);
        }
        this.secret = secret.clone();
        byte[] digest = sha256(this.secret);
        this.id = (digest[0] & 0xFF) << 24 | (digest[1] & 0xFF) << 16 | (digest[2] & 0xFF) << 8 | digest[3] & 0xFF;
    }

    public static HeartbeatKey of(byte[] secret) {
        return new HeartbeatKey(secret);
    }

    /** A new key from the JDK's strong random source. */
    public static HeartbeatKey generate() {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        return new HeartbeatKey(secret);
    }

    /** The 64 hex digits of a key file's line; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public static HeartbeatKey fromHex(String hex) {
        if (hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("a key is " + 2 * BYTES + " hex digits, this one has " + hex.length());
        }
        try {
            return new HeartbeatKey(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key is hex digits only (0-9, a-f)");
        }
    }

    /** The secret, for the MAC; a copy, so that nobody can change a key in use. */
    public byte[] secret() {
        return secret.clone();
    }

    /** The key id as it travels: the first 4 bytes of SHA-256(key), big-endian in this int. */
    public int id() {
        return id;
    }

    /** The id as 8 hex digits, as {@code status}, the logs and {@code cluster-stack key show} print it. */
    public String idText() {
        return idText(id);
    }

    public static String idText(int id) {
        return String.format("%08x", id);
    }

    String hex() {
        return HEX.formatHex(secret);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeartbeatKey k && MessageDigest.isEqual(secret, k.secret);
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return "key " + idText();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
