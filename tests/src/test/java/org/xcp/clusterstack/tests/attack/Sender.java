package org.xcp.clusterstack.tests.attack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;
import org.xcp.clusterstack.api.config.DaemonConfig;

/**
 * Where forged datagrams leave from. Blind: one socket on the attacker's own address (any port: an unprivileged
 * user cannot bind 694), so every datagram shows where it really came from. Spoofing: one socket per claimed
 * sender, bound to that host's configured {@code IPaddress:UDPport}, which the attacker's namespace allows
 * with {@code net.ipv4.ip_nonlocal_bind=1} (the address is never on its interface, so it answers no ARP and
 * steals no traffic): each datagram carries the source address and port the claimed host's own would.
 */
final class Sender implements AutoCloseable {
    private final DaemonConfig config;
    private final boolean spoof;
    private final InetSocketAddress source;
    private final Map<Integer, DatagramChannel> channels = new HashMap<>();
    private long sent;
    private long errors;
    private String firstError = "";

    Sender(DaemonConfig config, boolean spoof, InetAddress source) {
        this.config = config;
        this.spoof = spoof;
        this.source = new InetSocketAddress(source, 0);
    }

    /** One datagram to host {@code to}, seemingly from host {@code from}; a failed send is counted. */
    void send(byte[] datagram, int from, int to) {
        try {
            if (channel(from, to).write(ByteBuffer.wrap(datagram)) == datagram.length) {
                sent++;
                return;
            }
        } catch (IOException e) { // ENOBUFS, ECONNREFUSED from an earlier datagram and the like: counted, on we go
            if (errors == 0) {
                firstError = e.toString();
            }
        }
        errors++;
    }

    long sent() {
        return sent;
    }

    long errors() {
        return errors;
    }

    /** The first failure, for the record ("" if none). */
    String firstError() {
        return firstError;
    }

    String source() {
        return spoof ? "spoofed" : source.getAddress().getHostAddress();
    }

    /**
     * A socket per (claimed sender, target), connected, so that a flood's sends skip the per-datagram address
     * work of an unconnected one. Spoofing, the sockets of one claimed sender share its address and port.
     */
    private DatagramChannel channel(int from, int to) throws IOException {
        int key = (spoof ? from : 64) * 128 + to;
        DatagramChannel c = channels.get(key);
        if (c == null) {
            c = DatagramChannel.open();
            c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            c.bind(spoof ? new InetSocketAddress(config.hosts().get(from).address(), config.udpPort()) : source);
            c.connect(new InetSocketAddress(config.hosts().get(to).address(), config.udpPort()));
            channels.put(key, c);
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel c : channels.values()) {
            c.close();
        }
    }
}
