package org.xcp.clusterstack.xhad.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.common.fault.FaultPoints;

/** Spec §6.1 on real sockets: a 3-host pool on 127.0.0.1, .2 and .3, all on one port; loopback only. */
class UdpHeartbeatTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<UdpHeartbeat> hosts = new ArrayList<>();
    private final List<Queue<Arrival>> arrivals = new ArrayList<>();
    private int port;

    @BeforeEach
    void startThreeHosts() throws IOException {
        port = LoopbackPorts.freeOnFirstHosts(3);
        for (int i = 0; i < 3; i++) {
            Queue<Arrival> received = new ConcurrentLinkedQueue<>();
            arrivals.add(received);
            hosts.add(UdpHeartbeat.open(HeartbeatFixtures.pool(i, port), received::add));
        }
    }

    @AfterEach
    void closeAll() {
        hosts.forEach(UdpHeartbeat::close);
    }

    @Test
    void everyHostHearsEveryOtherHostAndNeverItself() {
        int[] sequence = {0};
        await("every host heard both others", () -> {
            sequence[0]++;
            for (int i = 0; i < 3; i++) {
                hosts.get(i).send(packet(i, sequence[0]));
            }
            return heardFrom(0).equals(HostSet.of(1, 2)) && heardFrom(1).equals(HostSet.of(0, 2))
                    && heardFrom(2).equals(HostSet.of(0, 1));
        });
        for (int i = 0; i < 3; i++) {
            int self = i;
            assertThat(arrivals.get(i)).noneMatch(a -> a.packet().hostIndex() == self);
            assertThat(arrivals.get(i)).allMatch(a -> a.receivedNanos() <= System.nanoTime());
            assertThat(hosts.get(i).sendErrors()).isZero();
        }
        HeartbeatPacket first = arrivals.get(0).peek().packet();
        assertThat(first).isEqualTo(packet(first.hostIndex(), first.sequence())); // every field came through
    }

    @Test
    void forgedPacketsFromAnUnconfiguredSocketAreDroppedAndCounted() throws IOException {
        UdpHeartbeat host0 = hosts.get(0);
        try (DatagramChannel forger = DatagramChannel.open()) {
            forger.bind(new InetSocketAddress(HeartbeatFixtures.loopback(8), 0)); // 127.0.0.9: no host of the pool
            InetSocketAddress target = host0.localAddress();
            forge(forger, target, packet(1, 1).toBuilder().generation(HeartbeatFixtures.OTHER_GENERATION).build());
            forge(forger, target, packet(1, 1).toBuilder().host(HeartbeatFixtures.uuid(5), 5).build());
            forge(forger, target, packet(1, 1).toBuilder().host(HeartbeatFixtures.uuid(2), 1).build());
            forge(forger, target, packet(1, 7)); // a well-formed heartbeat of host 1, from the wrong address
            forger.send(ByteBuffer.wrap(new byte[100]), target);
        }
        try (DatagramChannel ownAddress = DatagramChannel.open()) {
            ownAddress.bind(new InetSocketAddress(HeartbeatFixtures.loopback(0), 0)); // host 0's address, another port
            forge(ownAddress, host0.localAddress(), packet(0, 7)); // claims to be host 0 itself
        }

        await("six drops counted", () -> host0.dropCounts().values().stream().mapToLong(Long::longValue).sum() == 6);
        assertThat(host0.dropCounts()).containsEntry("GENERATION", 1L).containsEntry("UNKNOWN_HOST_INDEX", 1L)
                .containsEntry("HOST_MISMATCH", 1L).containsEntry("LENGTH", 1L).containsEntry("SOURCE_ADDRESS", 1L)
                .containsEntry("OWN_HOST", 1L).containsEntry("STALE_SEQUENCE", 0L);
        assertThat(host0.dropCounts().keySet()).containsExactly(java.util.Arrays.stream(DropReason.values())
                .map(DropReason::name).toArray(String[]::new));
        assertThat(arrivals.get(0)).isEmpty();
        assertThat(host0.acceptedCount()).isZero();
    }

    @Test
    void aSequenceFarAheadOfTheSendersLastIsABlindForgery() {
        sendUntilHeard(1, 100, 0);
        long jump = HeartbeatWire.sequenceJump(HeartbeatFixtures.pool(0, port));

        hosts.get(1).send(packet(1, (int) (100 + jump + 1)));
        await("the jump counted", () -> hosts.get(0).dropCounts().get("STALE_SEQUENCE") >= 1);
        sendUntilHeard(1, (int) (100 + jump), 0); // as far ahead as a host can get in T1 is believed
    }

    @Test
    void aStaleSequenceIsDroppedUntilTheSenderIsReset() {
        sendUntilHeard(1, 100, 0);

        hosts.get(1).send(packet(1, 1)); // host 1 restarted and counts from 1 again
        await("the old sequence counted", () -> hosts.get(0).dropCounts().get("STALE_SEQUENCE") >= 1);
        assertThat(arrivals.get(0)).extracting(a -> a.packet().sequence()).containsOnly(100);

        hosts.get(0).resetSequence(1);
        sendUntilHeard(1, 1, 0);
    }

    @Test
    void aFailingCallbackIsCountedAndTheThreadGoesOn() {
        hosts.get(2).close();
        hosts.set(2, UdpHeartbeat.open(HeartbeatFixtures.pool(2, port), a -> {
            throw new IllegalStateException("engine bug");
        }));
        int[] sequence = {0};
        await("two callback errors", () -> {
            hosts.get(0).send(packet(0, ++sequence[0]));
            return hosts.get(2).callbackErrors() >= 2;
        });
        assertThat(hosts.get(2).isReceiving()).isTrue();
    }

    @Test
    void aSecondSocketOnTheSameAddressIsExitCodeTwoNamingTheAddress() {
        assertThatThrownBy(() -> UdpHeartbeat.open(HeartbeatFixtures.pool(1, port), a -> { }))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SYSTEM_ERROR))
                .hasMessageStartingWith("cannot bind the heartbeat socket to 127.0.0.2:" + port + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void closeEndsTheReceiveThreadPromptlyAndTwiceIsHarmless() {
        long start = System.nanoTime();
        hosts.forEach(UdpHeartbeat::close);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(hosts).noneMatch(UdpHeartbeat::isReceiving);
        hosts.get(0).close();
        hosts.get(0).send(packet(0, 1)); // counted, not thrown
        assertThat(hosts.get(0).sendErrors()).isEqualTo(2);
    }

    @Test
    void sendingToAPeerThatIsDownDoesNotThrow() {
        hosts.get(1).close();
        hosts.get(2).close();
        for (int s = 1; s <= 5; s++) {
            hosts.get(0).send(packet(0, s));
        }
        assertThat(hosts.get(0).isReceiving()).isTrue();
    }

    @Test
    void hbSendLostpacketDropsEveryHeartbeatUntilDisabled() {
        FaultPoints faults = FaultPoints.of(List.of("hb.send.lostpacket"));
        reopen(1, faults);
        int[] sequence = {0};

        await("host 0 heard host 2 while host 1 sent too", () -> {
            sequence[0]++;
            hosts.get(1).send(packet(1, sequence[0]));
            hosts.get(2).send(packet(2, sequence[0]));
            return heardFrom(0).contains(2);
        });
        assertThat(heardFrom(0)).isEqualTo(HostSet.of(2));
        assertThat(heardFrom(2)).isEqualTo(HostSet.EMPTY);
        assertThat(hosts.get(1).dropCounts().get("FAULT_POINT")).isEqualTo(sequence[0]);

        faults.disable("hb.send.lostpacket");
        sendUntilHeard(1, sequence[0] + 1, 0);
    }

    @Test
    void hbReceiveLostpacketDropsEveryArrivalUntilDisabled() {
        FaultPoints faults = FaultPoints.of(List.of("hb.receive.lostpacket.sticky"));
        reopen(0, faults);
        int[] sequence = {0};

        await("host 2 heard host 1 while host 0 was sent the same", () -> {
            hosts.get(1).send(packet(1, ++sequence[0]));
            return heardFrom(2).contains(1) && hosts.get(0).dropCounts().get("FAULT_POINT") >= 3;
        });
        assertThat(arrivals.get(0)).isEmpty();
        assertThat(hosts.get(0).acceptedCount()).isZero();

        faults.disable("hb.receive.lostpacket");
        sendUntilHeard(1, sequence[0] + 1, 0);
    }

    @Test
    void aOnceFaultDropsOneArrivalOnly() {
        reopen(0, FaultPoints.of(List.of("hb.receive.lostpacket.once")));

        sendUntilHeard(1, 1, 0);

        assertThat(hosts.get(0).dropCounts().get("FAULT_POINT")).isEqualTo(1);
    }

    private void reopen(int host, FaultPoints faults) {
        hosts.get(host).close();
        arrivals.get(host).clear();
        DaemonConfig config = HeartbeatFixtures.pool(host, port);
        hosts.set(host, UdpHeartbeat.open(config, HeartbeatWire.unkeyed(config), arrivals.get(host)::add, faults));
    }

    private void sendUntilHeard(int from, int sequence, int to) {
        await("host " + to + " heard sequence " + sequence + " from host " + from, () -> {
            hosts.get(from).send(packet(from, sequence));
            return arrivals.get(to).stream().anyMatch(a -> a.packet().hostIndex() == from
                    && a.packet().sequence() == sequence);
        });
    }

    private HostSet heardFrom(int host) {
        HostSet heard = HostSet.EMPTY;
        for (Arrival a : arrivals.get(host)) {
            heard = heard.with(a.packet().hostIndex());
        }
        return heard;
    }

    private HeartbeatPacket packet(int from, int sequence) {
        DaemonConfig config = HeartbeatFixtures.pool(from, port);
        return new HeartbeatPacketBuilder(config.generation(), config.localHost().id(), from)
                .sequence(sequence).hbdomain(HostSet.of(from)).errString("host " + from).build();
    }

    private static void forge(DatagramChannel forger, InetSocketAddress target, HeartbeatPacket p) throws IOException {
        forger.send(ByteBuffer.wrap(HeartbeatCodec.encode(p)), target);
    }

    /** Polls {@code condition} (which may also act, e.g. send again) every 20 ms until it holds or time runs out. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
