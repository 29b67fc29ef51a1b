package org.xcp.clusterstack.xhad.heartbeat;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/** Finds a UDP port that is free on 127.0.0.1 .. 127.0.0.n at once, as a pool heartbeating on one port needs. */
final class LoopbackPorts {
    private static final int ATTEMPTS = 50;

    private LoopbackPorts() {
    }

    static int freeOnFirstHosts(int n) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<DatagramChannel> probes = new ArrayList<>();
            try {
                DatagramChannel first = DatagramChannel.open();
                probes.add(first);
                first.bind(new InetSocketAddress(HeartbeatFixtures.loopback(0), 0)); // the kernel picks a high port
                int port = ((InetSocketAddress) first.getLocalAddress()).getPort();
                for (int i = 1; i < n; i++) {
                    DatagramChannel other = DatagramChannel.open();
                    probes.add(other);
                    other.bind(new InetSocketAddress(HeartbeatFixtures.loopback(i), port));
                }
                return port;
            } catch (BindException taken) {
                // someone holds that port on another loopback address: try another one
            } finally {
                for (DatagramChannel probe : probes) {
                    probe.close();
                }
            }
        }
        throw new IOException("no UDP port free on 127.0.0.1.." + n + " after " + ATTEMPTS + " attempts");
    }
}
