package org.xcp.clusterstack.tests.attack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The UDP datagrams of a classic pcap file (what {@code tcpdump -w} writes): a 24-byte file header, then per
 * frame a 16-byte record header and the frame. Ethernet (link type 1) or Linux cooked capture (113); IPv4 only,
 * unfragmented. A capture still being written may end in a partial record, which is ignored.
 */
final class Pcap {
    private static final int ETHERNET = 1;
    private static final int LINUX_SLL = 113;
    private static final int IPV4 = 0x0800;
    private static final int UDP = 17;

    /** One captured UDP datagram: when (epoch nanoseconds), from and to where, and its payload. */
    record Udp(long nanos, InetAddress source, int sourcePort, InetAddress destination, int destinationPort,
            byte[] payload) {
    }

    private Pcap() {
    }

    static List<Udp> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.remaining() < 24) {
            return List.of();
        }
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        boolean nanoResolution;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            nanoResolution = magic == 0xa1b23c4d;
        } else {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                throw new IOException(file + " is not a pcap file (magic " + Integer.toHexString(magic) + ")");
            }
            nanoResolution = magic == 0xa1b23c4d;
        }
        int linkType = b.getInt(20) & 0xFFFF;
        if (linkType != ETHERNET && linkType != LINUX_SLL) {
            throw new IOException(file + ": link type " + linkType + ", not Ethernet or Linux cooked");
        }
        List<Udp> out = new ArrayList<>();
        int at = 24;
        while (at + 16 <= b.limit()) {
            long seconds = Integer.toUnsignedLong(b.getInt(at));
            long fraction = Integer.toUnsignedLong(b.getInt(at + 4));
            int captured = b.getInt(at + 8);
            int start = at + 16;
            if (captured < 0 || start + captured > b.limit()) {
                break; // the record tcpdump is still writing
            }
            long nanos = seconds * 1_000_000_000L + (nanoResolution ? fraction : fraction * 1_000);
            udp(b, start, captured, linkType, nanos).ifPresent(out::add);
            at = start + captured;
        }
        return out;
    }

    private static Optional<Udp> udp(ByteBuffer frame, int start, int length, int linkType, long nanos) {
        ByteBuffer b = frame.duplicate().order(ByteOrder.BIG_ENDIAN);
        int header = linkType == ETHERNET ? 14 : 16;
        if (length < header + 28 || (b.getShort(start + header - 2) & 0xFFFF) != IPV4) {
            return Optional.empty();
        }
        int ip = start + header;
        int ihl = (b.get(ip) & 0x0F) * 4;
        int total = b.getShort(ip + 2) & 0xFFFF;
        boolean fragment = (b.getShort(ip + 6) & 0x3FFF) != 0;
        if ((b.get(ip) >> 4) != 4 || b.get(ip + 9) != UDP || fragment || ip + total > start + length) {
            return Optional.empty();
        }
        int udp = ip + ihl;
        int udpLength = b.getShort(udp + 4) & 0xFFFF;
        if (udpLength < 8 || udp + udpLength > ip + total) {
            return Optional.empty();
        }
        byte[] array = frame.array();
        try {
            return Optional.of(new Udp(nanos,
                    InetAddress.getByAddress(Arrays.copyOfRange(array, ip + 12, ip + 16)), b.getShort(udp) & 0xFFFF,
                    InetAddress.getByAddress(Arrays.copyOfRange(array, ip + 16, ip + 20)),
                    b.getShort(udp + 2) & 0xFFFF, Arrays.copyOfRange(array, udp + 8, udp + udpLength)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
