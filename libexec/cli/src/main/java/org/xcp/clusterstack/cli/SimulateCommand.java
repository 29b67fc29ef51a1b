package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.whatif.Fault;
import org.xcp.clusterstack.whatif.PoolNow;
import org.xcp.clusterstack.whatif.Prediction;
import org.xcp.clusterstack.whatif.WhatIf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack simulate}: what-if on this pool's real configuration (xhad.conf's hosts and timeouts, the
 * stack, who is live now and who is master) with the engine's own pure core on the deterministic simulator.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"What if: inject faults at one instant into this pool as it is now (xhad.conf's hosts and"
                + " timeouts, who is live and who is master, from the local daemon's liveset or else the"
                + " statefile) and run the engine's own core on the deterministic simulator.",
            "Prints who survives, who fences itself and when (seconds after the faults) and why, when the"
                + " survivors' liveset drops each host, who holds or can take the master lock, and the liveset xapi"
                + " will see. HOST is a host index (0..) or a host UUID; the options combine and repeat.",
            "Every stack: xhad runs its XhadCore; corosync, ocfs2 and melio run the ManagedCore on a model of their"
                + " cluster manager (where the cuts must split the pool into groups).",
            "Exit 0 with the prediction; 1 for a bad HOST or --cut; 6/7 for a missing or invalid config."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LocalDaemon daemon;

    @Option(names = "--fail", paramLabel = "HOST", description = "The host fails whole (power, panic): no fence needed.")
    List<String> fail = new ArrayList<>();

    @Option(names = "--hang", paramLabel = "HOST", description = "The host's daemon hangs (its watchdog still runs).")
    List<String> hang = new ArrayList<>();

    @Option(names = "--isolate", paramLabel = "HOST", description = "The host loses every link to every other host.")
    List<String> isolate = new ArrayList<>();

    @Option(names = "--cut", paramLabel = "A:B", description = "The link between hosts A and B is cut both ways.")
    List<String> cut = new ArrayList<>();

    @Option(names = "--statefile-lost", paramLabel = "HOST", description = "The host's statefile I/O fails.")
    List<String> statefileLost = new ArrayList<>();

    @Option(names = "--json", description = "Print it as one JSON object (schema cluster-stack/simulate, version 1).")
    boolean json;

    @Override
    public Integer call() {
        DaemonConfig config = daemon.config();
        List<Fault> faults = new ArrayList<>();
        fail.forEach(h -> faults.add(Fault.of(Fault.Kind.FAIL, host(config, h, "--fail"))));
        hang.forEach(h -> faults.add(Fault.of(Fault.Kind.HANG, host(config, h, "--hang"))));
        isolate.forEach(h -> faults.add(Fault.of(Fault.Kind.ISOLATE, host(config, h, "--isolate"))));
        for (String c : cut) {
            String[] ab = c.split(":", -1);
            if (ab.length != 2) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "--cut " + c + ": expected A:B, two hosts");
            }
            int a = host(config, ab[0], "--cut");
            int b = host(config, ab[1], "--cut");
            if (a == b) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "--cut " + c + ": a link joins two different hosts");
            }
            faults.add(Fault.cut(a, b));
        }
        statefileLost.forEach(h -> faults.add(Fault.of(Fault.Kind.STATEFILE_LOST, host(config, h, "--statefile-lost"))));
        PoolNow now = LivePool.of(daemon, config);
        if (daemon.stack().equals("corosync") || daemon.stack().equals("ocfs2")) {
            now = now.withDetection(Optional.of(CorosyncTiming.of(config.hostCount())));
        }
        Prediction p;
        try {
            p = WhatIf.predict(now, faults);
        } catch (IllegalArgumentException e) {
            throw new HaException(ExitCode.INVALID_PARAMETER, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, json(p));
        } else {
            out.print(text(p));
            out.flush();
        }
        return 0;
    }

    /** A host index (0..n-1) or a configured host's UUID. */
    static int host(DaemonConfig config, String arg, String option) {
        String a = arg.strip();
        if (!a.isEmpty() && a.chars().allMatch(Character::isDigit)) {
            try {
                int i = Integer.parseInt(a);
                if (i < config.hostCount()) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // too long: not an index, said below
            }
            throw new HaException(ExitCode.INVALID_PARAMETER, option + " " + arg + ": not a host index (the pool has"
                    + " hosts 0.." + (config.hostCount() - 1) + ")");
        }
        try {
            HaUuid id = HaUuid.parse(a);
            return config.host(id).orElseThrow().index();
        } catch (RuntimeException e) {
            throw new HaException(ExitCode.INVALID_PARAMETER, option + " " + arg + ": neither a host index (0.."
                    + (config.hostCount() - 1) + ") nor the UUID of a host in " + "the config");
        }
    }

    static Map<String, Object> json(Prediction p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("schema", "cluster-stack/simulate");
        v.put("version", 1);
        v.put("stack", p.stack());
        v.put("faults", p.faults().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind().word());
            m.put("host", f.host());
            if (f.kind() == Fault.Kind.CUT) {
                m.put("other", f.other());
            }
            return m;
        }).toList());
        v.put("live_before", p.live());
        v.put("master_before", p.masterBefore().orElse(null));
        v.put("survivors", p.survivors());
        v.put("fenced", p.fenced().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", f.host());
            m.put("at_s", f.atS());
            m.put("earliest_s", f.earliestS());
            m.put("latest_s", f.latestS());
            m.put("by", f.by());
            m.put("why", f.why());
            return m;
        }).toList());
        v.put("dropped", p.dropped().stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", d.host());
            m.put("at_s", d.atS());
            m.put("earliest_s", d.earliestS());
            m.put("latest_s", d.latestS());
            return m;
        }).toList());
        v.put("master", p.master().orElse(null));
        v.put("master_candidates", p.candidates());
        v.put("lock_race_winner", p.lockRace().orElse(null));
        v.put("liveset", p.liveset());
        v.put("statefile_lost_s", p.statefileLostS().orElse(null));
        v.put("settled_s", p.settledS().orElse(null));
        v.put("assumptions", p.assumptions());
        return v;
    }

    static String text(Prediction p) {
        StringBuilder s = new StringBuilder();
        s.append("stack:      ").append(p.stack()).append('\n');
        s.append("before:     live ").append(hosts(p.live())).append(", master ")
                .append(p.masterBefore().map(String::valueOf).orElse("none")).append('\n');
        s.append("faults:     ").append(p.faults().isEmpty() ? "none"
                : p.faults().stream().map(Fault::toString).collect(Collectors.joining(", "))).append('\n');
        s.append("survivors:  ").append(hosts(p.survivors())).append('\n');
        if (p.fenced().isEmpty()) {
            s.append("fenced:     nobody\n");
        }
        p.fenced().forEach(f -> s.append(String.format(Locale.ROOT, "fenced:     host %d at %.1f s%s (%s: %s)%n",
                f.host(), f.atS(), range(f.earliestS(), f.latestS()), f.by(), f.why())));
        p.dropped().forEach(d -> s.append(String.format(Locale.ROOT, "dropped:    host %d from every survivor's"
                + " liveset at %.1f s%s%n", d.host(), d.atS(), range(d.earliestS(), d.latestS()))));
        s.append("master:     ").append(p.master().map(m -> "host " + m + " holds the lock")
                .orElse("nobody holds the lock")).append('\n');
        s.append("can take:   ").append(p.candidates().isEmpty() ? "nobody" : hosts(p.candidates()))
                .append(p.master().isEmpty() && p.lockRace().isPresent() ? " (all proposing at once: host "
                        + p.lockRace().get() + " wins)" : "").append('\n');
        s.append("xapi sees:  ").append(hosts(p.liveset())).append('\n');
        p.statefileLostS().ifPresent(t -> s.append(String.format(Locale.ROOT, "statefile:  every survivor's"
                + " liveset says statefile_lost from %.1f s (SR-2: nobody fences for it)%n", t)));
        s.append("settled:    ").append(p.settledS().map(t -> String.format(Locale.ROOT, "%.1f s after the faults", t))
                .orElse("not within the simulation's bound")).append('\n');
        s.append("assumes:\n");
        p.assumptions().forEach(a -> s.append("  - ").append(a).append('\n'));
        return s.toString();
    }

    private static String range(double earliest, double latest) {
        return earliest == latest ? "" : String.format(Locale.ROOT, ", %.1f-%.1f s over the fault's phase", earliest,
                latest);
    }

    private static String hosts(List<Integer> hosts) {
        return hosts.isEmpty() ? "none" : "[" + hosts.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "]";
    }
}
