package org.xcp.clusterstack.api.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Numeric IPv4 and IPv6 literals as {@code inet_pton} accepts them (spec §3.2 {@code IPaddress}): never a
 * host name, so reading a config never waits for DNS.
 */
final class NumericAddress {
    private NumericAddress() {
    }

    static Optional<InetAddress> parse(String text) {
        if (text.indexOf(':') >= 0) {
            return ipv6(text);
        }
        return ipv4(text);
    }

    /** Dotted quad, four decimal parts 0..255, no leading zeros (inet_pton rejects "010"). */
    private static Optional<InetAddress> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) v;
        }
        return byAddress(bytes);
    }

    /**
     * The JDK parses a string containing ':' as an IPv6 literal and never resolves it; brackets and
     * zone suffixes, which inet_pton refuses, are filtered out first.
     */
    private static Optional<InetAddress> ipv6(String text) {
        if (text.length() > 45 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128
                || c == ':' || c == '.')) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
