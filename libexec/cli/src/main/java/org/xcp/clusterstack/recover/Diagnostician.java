package org.xcp.clusterstack.recover;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SectionFault;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.recover.HostFacts.LastRun;
import org.xcp.clusterstack.recover.HostFacts.LockState;
import org.xcp.clusterstack.recover.HostFacts.ProcessFacts;

/**
 * The rules that turn one host's facts into one finding, first match wins: a daemon that holds the host's lock is
 * never touched (it runs: nothing to recover; it does not answer: undiagnosed); a lock held by anything else is
 * {@code stale-lock}; with no daemon, a pid file is {@code stale-pid}; then the statefile (unreadable, corrupted,
 * another generation, the pool state), this host's excluded flag, and last how the daemon's last run ended.
 * Pure: every fact was read before, by {@link HostProbe}.
 */
public final class Diagnostician {
    private Diagnostician() {
    }

    public static Finding diagnose(HostFacts f) {
        List<Evidence> ev = new ArrayList<>();
        String runDir = "run dir " + f.run().dir().dir();
        HostFacts.LockFacts lock = f.run().lock();
        f.run().pidText().ifPresent(p -> ev.add(new Evidence(runDir, "pid file: " + p)));
        f.run().pidProcess().ifPresent(p -> ev.add(new Evidence(runDir, p.describe())));
        ev.add(new Evidence(runDir, "lock: " + switch (lock.state()) {
            case NO_FILE -> "no lock file (no daemon has run for this host since the run directory was made)";
            case FREE -> "free (no daemon of this host runs)";
            case HELD -> "held" + lock.holder().map(h -> " by " + h.describe()).orElse(" by a process /proc/locks"
                    + " does not name");
        }));
        f.run().startReport().ifPresent(r -> ev.add(new Evidence(runDir, "start-report: " + r)));
        f.lastRun().ifPresent(r -> ev.add(new Evidence(r.source(), lastRunText(r))));
        f.daemonState().ifPresent(s -> ev.add(new Evidence("daemon", "answers: state " + s)));
        f.otherStacks().forEach(s -> ev.add(new Evidence("run dir " + f.run().dir().dir().getParent().getParent(),
                "the " + s + " stack has a run directory for this host too: 'recover --stack " + s + "' reads that"
                        + " stack's daemon")));

        if (lock.state() == LockState.HELD) {
            return heldLock(f, ev);
        }
        if (f.run().pidText().isPresent()) {
            return stalePid(f, ev);
        }
        Optional<Finding> fromStatefile = statefile(f, ev);
        if (fromStatefile.isPresent()) {
            return fromStatefile.get();
        }
        return lastRun(f, ev);
    }

    private static Finding heldLock(HostFacts f, List<Evidence> ev) {
        Optional<ProcessFacts> holder = f.run().lock().holder();
        boolean daemonHolds = holder.map(ProcessFacts::isDaemon)
                .orElse(f.run().pidProcess().map(ProcessFacts::isDaemon).orElse(false));
        if (f.daemonState().isPresent()) {
            return new Finding.Healthy("a daemon runs for this host (state " + f.daemonState().get()
                    + "): nothing to recover while it runs; 'cluster-stack status' shows it", ev);
        }
        if (daemonHolds) {
            long pid = holder.or(() -> f.run().pidProcess()).map(ProcessFacts::pid).orElse(-1L);
            return new Finding.Undiagnosed("a daemon (pid " + pid + ") holds this host's lock but does not answer on"
                    + " its control socket: it may be hung, and it is alive, so recover does nothing to it",
                    ev, collect(f, List.of("jstack " + pid + " (or kill -QUIT " + pid + ": the stacks go to daemon.out)",
                            "cat /proc/" + pid + "/status /proc/" + pid + "/stack")));
        }
        if (holder.isEmpty()) {
            return new Finding.Undiagnosed("this host's lock is held but /proc/locks does not say by whom", ev,
                    collect(f, List.of("cat /proc/locks", "ls -l /proc/*/fd 2>/dev/null | grep " + f.run().dir().lockFile())));
        }
        ProcessFacts h = holder.get();
        return new Diagnosis(DiagnosisCode.STALE_LOCK, ev, RecoveryFix.applying(RecoveryAction.END_LOCK_HOLDER,
                "end process " + h.pid() + ", which holds this host's lock and is not a daemon (SIGTERM, SIGKILL"
                        + " after 10 s): while it holds the lock, ha_start_daemon fails with 15 as if a daemon ran;"
                        + " then xapi's next ha_start_daemon starts the daemon"));
    }

    private static Finding stalePid(HostFacts f, List<Evidence> ev) {
        String what = f.run().pidProcess().map(p -> p.running()
                ? "it names process " + p.pid() + ", which runs but does not hold this host's lock: ha_stop_daemon"
                        + " would signal it"
                : "it names process " + p.pid() + ", which is not running")
                .orElse("it holds no process id");
        return new Diagnosis(DiagnosisCode.STALE_PID, ev, RecoveryFix.applying(RecoveryAction.REMOVE_STALE_PID,
                "remove the pid file (" + what + ") and the dead daemon's liveset snapshot, holding this host's lock"
                        + " so that no daemon starts meanwhile; nothing else changes"));
    }

    private static Optional<Finding> statefile(HostFacts f, List<Evidence> ev) {
        HostFacts.StatefileFacts sf = f.statefile();
        String source = "statefile " + sf.path();
        if (sf.unreadable().isPresent()) {
            ev.add(new Evidence(source, sf.unreadable().get()));
            return Optional.of(new Diagnosis(DiagnosisCode.STATEFILE_UNREADABLE, ev, RecoveryFix.advice(
                    "make the heartbeat SR's statefile readable again: it must be the file or block device "
                            + f.configFile() + " names as StateFile, and take direct I/O (check the SR's PBD is"
                            + " plugged and its paths, multipath -ll); xapi's next ha_start_daemon then starts the"
                            + " daemon; recover does not touch storage. If the SR is lost for good: xe"
                            + " host-emergency-ha-disable --force on each host, then enable HA on another SR")));
        }
        StatefileImage image = sf.image().orElseThrow();
        GlobalSection global = image.global();
        HaUuid generation = f.config().generation();
        Set<SectionFault> globalFaults = global.faults(Optional.of(generation));
        int me = f.localIndex();
        HostSection own = image.host(me);
        List<String> corrupted = new ArrayList<>();
        Set<SectionFault> intact = global.faults(Optional.empty());
        if (!intact.isEmpty()) {
            corrupted.add("global section: " + names(intact));
        }
        for (int i = 0; i < f.config().hostCount(); i++) {
            if (SectionFault.corrupted(image.host(i).faults())) {
                corrupted.add("host " + i + "'s section: " + names(image.host(i).faults()));
            }
        }
        if (!corrupted.isEmpty()) {
            corrupted.forEach(c -> ev.add(new Evidence(source, c + " fails validation")));
            if (global.poolStateValue().orElse(PoolState.NONE) == PoolState.NONE && !intact.isEmpty()) {
                ev.add(new Evidence(source, "no valid global section: never initialised, or overwritten"));
            }
            return Optional.of(new Diagnosis(DiagnosisCode.STATEFILE_CORRUPTED, ev, RecoveryFix.advice(
                    "do not write the statefile by hand ('cluster-stack statefile dump " + sf.path() + " -C "
                            + f.configFile() + "' marks the bad fields with **): xapi must disable HA and enable it"
                            + " again, which formats it (ha_set_pool_state init); if it happens again, the SR"
                            + " corrupts writes")));
        }
        ev.add(new Evidence(source, "pool state " + global.poolStateValue().map(Enum::name).orElse("unknown")
                + ", GenerationUUID " + global.generationValue().map(HaUuid::dashed).orElse("?")
                + ", master " + global.masterHost().map(m -> hostLabel(f, m)).orElse("none")));
        ev.add(new Evidence(source, "this host's section (" + me + "): excluded " + (own.excluded() != 0)
                + ", sequence " + own.sequence()));
        if (!sf.watched().isZero()) {
            ev.add(new Evidence(source, sf.livePeers().isEmpty()
                    ? "no other host's section changed in " + seconds(sf) + " (no other daemon writes it)"
                    : "hosts " + sf.livePeers() + " wrote their sections within " + seconds(sf) + " (their daemons"
                            + " run)"));
        }
        if (globalFaults.contains(SectionFault.GENERATION)) {
            ev.add(new Evidence("config " + f.configFile(), "GenerationUUID " + generation.dashed()));
            return Optional.of(new Diagnosis(DiagnosisCode.GENERATION_MISMATCH, ev, RecoveryFix.advice(
                    "this host's xhad.conf and the statefile are from different enables of HA: xapi writes both"
                            + " when it enables HA, so a host that missed the last enable has an old xhad.conf, or"
                            + " the config names another pool's statefile; xapi must disable HA and enable it again"
                            + " (or emergency-disable this host: xe host-emergency-ha-disable --force); never run"
                            + " 'statefile init' by hand while HA is enabled: it erases every host's section")));
        }
        PoolState state = global.poolStateValue().orElse(PoolState.NONE);
        if (state == PoolState.INVALID || (state == PoolState.INIT
                && f.lastRun().map(r -> r.endedWith(ExitCode.INVALID_POOL_STATE.number())).orElse(false))) {
            return Optional.of(new Diagnosis(DiagnosisCode.POOL_INVALID, ev, RecoveryFix.advice(state
                    == PoolState.INVALID
                    ? "HA was disabled (pool state INVALID): only xapi may enable it again (xe pool-ha-enable"
                            + " heartbeat-sr-uuids=...), which runs ha_set_pool_state init; until then xapi treats"
                            + " exit 11 at boot as 'HA is off'; recover never writes the pool state"
                    : "the pool state is INIT while a liveset exists (an enable of HA that did not finish): xapi"
                            + " must finish or repeat the enable (xe pool-ha-disable, then xe pool-ha-enable);"
                            + " recover never writes the pool state")));
        }
        if (own.excluded() != 0 && state == PoolState.ACTIVE) {
            return excluded(f, ev, image, source);
        }
        return Optional.empty();
    }

    private static Optional<Finding> excluded(HostFacts f, List<Evidence> ev, StatefileImage image, String source) {
        int me = f.localIndex();
        List<Integer> notExcluded = IntStream.range(0, f.config().hostCount())
                .filter(i -> i != me && image.host(i).excluded() == 0).boxed().toList();
        ev.add(new Evidence(source, notExcluded.isEmpty() ? "every other host is excluded too"
                : "hosts not excluded: " + notExcluded));
        boolean blocked = f.lastRun().map(r -> r.endedWith(ExitCode.BOOT_BLOCKED_BY_EXCLUDED.number())).orElse(false);
        if (!f.statefile().livePeers().isEmpty()) {
            if (!blocked) {
                return Optional.of(new Finding.Healthy("this host is excluded (it left on purpose) and hosts "
                        + f.statefile().livePeers() + " run: ha_start_daemon joins their liveset and clears the flag",
                        ev));
            }
            return Optional.of(new Diagnosis(DiagnosisCode.EXCLUDED, ev, RecoveryFix.advice(
                    "hosts " + f.statefile().livePeers() + " run and write the statefile, yet this host's start saw"
                            + " no liveset: it does not hear their heartbeats; check the heartbeat network (UDP port "
                            + f.config().udpPort() + ", the addresses in " + f.configFile() + ", firewalls) and"
                            + " start again; do not clear the flag while they run: this host could form a liveset"
                            + " of its own")));
        }
        if (notExcluded.isEmpty()) {
            return Optional.of(new Finding.Healthy("every host is excluded (the pool was shut down cleanly): the"
                    + " first ha_start_daemon forms the liveset", ev));
        }
        return Optional.of(new Diagnosis(DiagnosisCode.EXCLUDED, ev, RecoveryFix.applying(
                RecoveryAction.CLEAR_EXCLUDED,
                "clear this host's excluded flag in its own statefile section (what ha_clear_excluded does without"
                        + " a daemon), holding this host's lock, once no other host's section has changed since"
                        + " the diagnosis: no daemon runs anywhere, so no liveset can be harmed; then ha_start_daemon"
                        + " (xapi's, at boot) takes part in forming a liveset as soon as the other hosts start")));
    }

    private static Finding lastRun(HostFacts f, List<Evidence> ev) {
        Optional<LastRun> last = f.lastRun();
        if (last.isEmpty() || last.get().status().isEmpty() || last.get().status().get() == 0) {
            return new Finding.Healthy("no daemon runs; the statefile is valid and this host is not blocked;"
                    + " nothing recorded went wrong" + (last.isPresent() && last.get().status().isEmpty()
                            ? " (the last run has no end in the journal: it was killed or the host was reset;"
                                    + " 'cluster-stack why-fenced' says which)" : ""), ev);
        }
        int status = last.get().status().get();
        Optional<DiagnosisCode> code = DiagnosisCode.forExit(status);
        if (code.isPresent() && code.get() == DiagnosisCode.CANNOT_JOIN) {
            List<Integer> peers = f.statefile().livePeers();
            return new Diagnosis(DiagnosisCode.CANNOT_JOIN, ev, RecoveryFix.advice(
                    "the live hosts" + (peers.isEmpty() ? "" : " " + peers) + " did not take this host in: the"
                            + " reason above names who does not hear or see it; make this host and them hear each"
                            + " other's heartbeats (UDP port " + f.config().udpPort() + ", the addresses in "
                            + f.configFile() + ", firewalls, the heartbeat interface), then ha_start_daemon again"
                            + " (xapi retries); recover changes nothing: the liveset is the live hosts' to give"));
        }
        if (status == ExitCode.DAEMON_IS_PRESENT.number()) {
            // the held lock or pid file that made the start fail with 15 would have matched first: both are gone
            return new Finding.Healthy("the last start failed with 15 (this host's lock was held or its pid file"
                    + " named a process), but no process holds the lock now and no pid file is left:"
                    + " ha_start_daemon again (xapi retries)", ev);
        }
        if (code.isPresent()) {
            return new Diagnosis(code.get(), ev, RecoveryFix.advice("the last start failed with " + status + " ("
                    + code.get().meaning() + "), but that is no longer so now: ha_start_daemon again (xapi retries at"
                    + " boot and on enable)"));
        }
        return new Finding.Undiagnosed("the daemon's last run ended with " + ExitCode.fromNumber(status)
                .map(c -> c.xhadName() + " (" + status + ")").orElse("exit " + status)
                + ", which recover has no safe fix for", ev, collect(f, List.of()));
    }

    private static List<String> collect(HostFacts f, List<String> first) {
        List<String> what = new ArrayList<>(first);
        what.add("the daemon's log directory: daemon.log, daemon.out, events.jsonl (" + "cluster-stack events"
                + " --log-base <log base>)");
        what.add("cluster-stack status -C " + f.configFile() + " --stack " + f.stack() + " --json");
        what.add("cluster-stack statefile dump " + f.statefile().path() + " -C " + f.configFile());
        what.add("ls -la " + f.run().dir().dir());
        return what;
    }

    static String lastRunText(LastRun r) {
        String when = r.at().map(t -> " at " + t).orElse("");
        return r.status().map(s -> "the daemon's last run ended with " + ExitCode.fromNumber(s)
                .map(c -> c.xhadName() + " (" + s + ")").orElse("exit " + s) + when + ": " + r.why())
                .orElse("the daemon's last run started" + when + " and has no end: " + r.why());
    }

    private static String names(Set<SectionFault> faults) {
        return faults.stream().map(x -> x.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

    private static String hostLabel(HostFacts f, HaUuid id) {
        return f.config().host(id).map(h -> h.index() + " (" + id.dashed() + ")").orElse(id.dashed());
    }

    private static String seconds(HostFacts.StatefileFacts sf) {
        return String.format(Locale.ROOT, "%.1f s", sf.watched().toMillis() / 1000.0);
    }
}
