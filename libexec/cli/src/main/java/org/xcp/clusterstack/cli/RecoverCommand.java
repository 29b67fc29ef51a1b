package org.xcp.clusterstack.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.recover.Diagnosis;
import org.xcp.clusterstack.recover.Diagnostician;
import org.xcp.clusterstack.recover.Evidence;
import org.xcp.clusterstack.recover.Finding;
import org.xcp.clusterstack.recover.HostFacts;
import org.xcp.clusterstack.recover.HostProbe;
import org.xcp.clusterstack.recover.RecoveryActions;
import org.xcp.clusterstack.recover.RecoveryJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack recover}: diagnoses a host whose daemon will not start, or that is stuck after a failure, from
 * the statefile, xhad.conf, the run directory, the event journal and the local daemon; prints the evidence and the
 * one safe fix, and applies it only after typed confirmation, recording it in the host's journal.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Diagnose this host when its daemon will not start or it is stuck after a failure, show the"
                + " evidence and the one safe fix, and apply it after typed confirmation.",
            "Diagnoses: cannot-join (13), excluded (18: excluded and no liveset), generation-mismatch (10),"
                + " pool-invalid (11: INVALID, or INIT while a liveset exists), stale-pid, stale-lock,"
                + " statefile-unreadable (8) and statefile-corrupted (9). recover applies three fixes itself"
                + " (stale-pid: remove the pid file; stale-lock: end the process holding the lock, never a daemon;"
                + " excluded: clear the flag once no other host writes the statefile); for the others it says what"
                + " xapi or the admin must do. It never acts while a daemon of this host runs.",
            "To apply a fix, type the diagnosis code at the prompt on a terminal, or give it with --confirm. What"
                + " was applied is recorded in the host's event journal (kind recovery).",
            "Exit 0: nothing wrong, or the fix was applied; 2: diagnosed, not applied; 1: cannot diagnose (it says"
                + " what to collect), or the confirmation does not match the diagnosis."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"  0:nothing wrong, or the fix was applied (and recorded in the journal)",
            "  1:cannot diagnose (it says what to collect), a confirmation that is not the diagnosis, or a fix refused"
                + " because a fact changed since the diagnosis; nothing was changed",
            "  2:diagnosed, not applied: no confirmation, or a fix that is xapi's or the admin's",
            "  6:no xhad.conf at the path given",
            "  7:xhad.conf invalid"})
final class RecoverCommand implements Callable<Integer> {
    static final String SCHEMA = "cluster-stack/recover";
    static final int VERSION = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    LocalDaemon daemon;

    @Option(names = "--log-base", paramLabel = "DIR", defaultValue = LogDir.DEFAULT_BASE_DIR,
            description = "The daemons' log base, as given to install, where the host's event journal is (default:"
                    + " ${DEFAULT-VALUE}).")
    Path logBase;

    @Option(names = "--confirm", paramLabel = "DIAGNOSIS",
            description = "Apply the fix without a prompt; must be exactly the diagnosed code, else exit 1.")
    String confirm;

    @Option(names = "--json", description = "Print the diagnosis as one JSON object (schema cluster-stack/recover,"
            + " version 1).")
    boolean json;

    @Override
    public Integer call() {
        DaemonConfig config = daemon.config();
        LogDir logDir = LogDir.of(logBase, daemon.stack(), config.local().hostId());
        HostProbe probe = new HostProbe(daemon.stack(), daemon.config, config, daemon.runDir(config), logDir);
        // a daemon writes its section every StateFileInterval: twice that shows every host whose daemon runs
        HostFacts facts = probe.facts(config.parameters().statefileInterval().multipliedBy(2)
                .plus(Duration.ofMillis(500)));
        Finding finding = Diagnostician.diagnose(facts);
        PrintWriter out = spec.commandLine().getOut();
        if (!(finding instanceof Diagnosis diagnosis)) {
            report(out, finding, false, Optional.empty(), Optional.empty());
            if (finding instanceof Finding.Undiagnosed u) {
                spec.commandLine().getErr().println(CommandLines.NAME + ": cannot diagnose: " + CommandLines.oneLine(
                        u.why()));
                return ExitCode.INVALID_PARAMETER.number();
            }
            if (confirm != null) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "--confirm " + confirm + " does not match: nothing"
                        + " is wrong to recover");
            }
            return 0;
        }
        String code = diagnosis.code().code();
        Optional<String> typed = Optional.ofNullable(confirm);
        Console console = System.console();
        boolean prompted = typed.isEmpty() && !json && diagnosis.fix().applicable() && console != null;
        if (prompted) {
            text(out, diagnosis, false, Optional.empty(), Optional.empty(), false);
            typed = Optional.of(Optional.ofNullable(console.readLine("Type %s to apply the fix (anything else leaves"
                    + " it): ", code)).orElse("").strip());
        }
        boolean given = typed.isPresent() && !typed.get().strip().isEmpty();
        if (given && !typed.get().strip().equals(code)) {
            if (!prompted) {
                report(out, finding, false, Optional.empty(), Optional.empty());
            }
            throw new HaException(ExitCode.INVALID_PARAMETER, "the confirmation '" + typed.get().strip()
                    + "' is not the diagnosis " + code + ": nothing was changed");
        }
        if (!given || !diagnosis.fix().applicable()) {
            if (prompted) {
                out.println("not applied: nothing was changed");
                out.flush();
            } else {
                report(out, finding, false, Optional.empty(), Optional.empty());
            }
            return ExitCode.SYSTEM_ERROR.number(); // 2: diagnosed, not applied
        }
        String done = RecoveryActions.apply(diagnosis.fix().action().orElseThrow(), facts);
        Path journal = RecoveryJournal.append(logDir, facts, RecoveryJournal.event(diagnosis, done));
        if (prompted) {
            out.println("applied    " + done);
            out.println("recorded   in " + journal);
            out.flush();
        } else {
            report(out, finding, true, Optional.of(done), Optional.of(journal));
        }
        return 0;
    }

    private void report(PrintWriter out, Finding finding, boolean applied, Optional<String> done,
            Optional<Path> journal) {
        if (json) {
            Json.print(out, json(finding, applied, done, journal));
        } else {
            text(out, finding, applied, done, journal, true);
        }
    }

    private void text(PrintWriter out, Finding finding, boolean applied, Optional<String> done,
            Optional<Path> journal, boolean howToApply) {
        if (finding instanceof Diagnosis d) {
            out.println("diagnosis  " + d.code().code() + d.code().exitCode().map(c -> " (" + c.number() + ")")
                    .orElse("") + ": " + d.code().meaning());
        } else {
            out.println("diagnosis  " + (finding instanceof Finding.Undiagnosed ? "unknown: " : "none: ")
                    + summary(finding));
        }
        out.println("evidence");
        for (Evidence e : finding.evidence()) {
            out.println("  " + e.line());
        }
        if (finding instanceof Finding.Undiagnosed u) {
            out.println("collect");
            u.collect().forEach(c -> out.println("  " + c));
        }
        if (finding instanceof Diagnosis d) {
            out.println("fix        " + d.fix().text());
            if (applied) {
                out.println("applied    " + done.orElse(""));
                journal.ifPresent(j -> out.println("recorded   in " + j));
            } else if (howToApply) {
                out.println(d.fix().applicable()
                        ? "to apply   cluster-stack recover --confirm " + d.code().code() + " (with the same options),"
                                + " or type the code at the prompt on a terminal"
                        : "recover does not apply this fix: it is xapi's or the admin's to do");
            }
        }
        out.flush();
    }

    static String summary(Finding finding) {
        if (finding instanceof Finding.Healthy h) {
            return h.summary();
        }
        if (finding instanceof Finding.Undiagnosed u) {
            return u.why();
        }
        return ((Diagnosis) finding).code().meaning();
    }

    static Map<String, Object> json(Finding finding, boolean applied, Optional<String> done, Optional<Path> journal) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("schema", SCHEMA);
        view.put("version", VERSION);
        Diagnosis d = finding instanceof Diagnosis x ? x : null;
        view.put("diagnosis", d == null ? null : d.code().code());
        view.put("exit_code", d == null ? null : d.code().exitCode().map(ExitCode::number).orElse(null));
        view.put("summary", summary(finding));
        List<Map<String, String>> evidence = new ArrayList<>();
        for (Evidence e : finding.evidence()) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("source", e.source());
            item.put("fact", e.fact());
            evidence.add(item);
        }
        view.put("evidence", evidence);
        view.put("fix", d == null ? null : d.fix().text());
        view.put("fix_applicable", d != null && d.fix().applicable());
        view.put("applied", applied);
        view.put("done", done.orElse(null));
        view.put("journal", journal.map(Path::toString).orElse(null));
        view.put("diagnosed", !(finding instanceof Finding.Undiagnosed));
        view.put("collect", finding instanceof Finding.Undiagnosed u ? u.collect() : List.of());
        return view;
    }
}
