package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.Fencer;

/**
 * {@code WatchdogMode USER}: a separate watchdog process the daemon pets through a pipe. If it is not petted
 * within the heartbeat watchdog timeout (Wh), or the pipe closes while armed (the daemon died, or ended
 * with the exit-19 trap), it kills the daemon's whole process group: a hung daemon is fenced too, as the
 * hypervisor watchdog would reset a hung host. A self-fence tells it to fire now (a "fence" line) and halts the
 * JVM, so the group dies at once rather than after Wh. Its last words go to the daemon's log, opened by name when
 * it fires (logrotate may have renamed the file since it started), its other output to the JVM's; and, synced before
 * it kills, a {@code watchdog-fired} line to the event journal: how long it went unpetted, and whether the daemon
 * still existed (hung) or not (died). Tests and the demo run hosts this way.
 */
final class UserWatchdogFencer implements Fencer {
    /** bash, for {@code read -t}: POSIX sh has no read timeout. */
    static final String SCRIPT = """
            #!/bin/bash
            # The userspace watchdog of one cluster-stack daemon (WatchdogMode USER), written by the daemon.
            # Usage: user-watchdog TIMEOUT_SECONDS DAEMON_PID LOG [JOURNAL STACK HOST_UUID HOST_INDEX]. Reads "pet",
            # "disarm" and "fence" lines on stdin. Like a hardware watchdog it fires TIMEOUT seconds after the last
            # pet, also when the daemon has gone away without disarming (a crash, or the exit-19 trap of
            # ha_set_excluded). Before it kills it says why in LOG, a line like the daemon's own, and in JOURNAL, a
            # watchdog-fired line in the journal's format, synced to disk.
            timeout=$1 daemon=$2 log=$3 journal=${4:-} stack=${5:-} host=${6:-} index=${7:-0} last=$SECONDS
            TZ=UTC0
            # milliseconds since the epoch into $now without a fork (whole seconds before bash 5's EPOCHREALTIME)
            clock() {
              if [ -n "${EPOCHREALTIME:-}" ]; then now=${EPOCHREALTIME/[.,]/}; now=$((10#$now / 1000))
              else printf -v now '%(%s)T' -1; now=$((now * 1000)); fi
            }
            # The journal's line (JournalLine's fields and order; seq 0 and this process's pid: it is not a line of
            # the daemon's run): how long without a pet, and whether the daemon still existed (hung) or not (died).
            # A torn last line (the daemon killed mid-line) is ended first. At most two seconds go to the sync: a
            # watchdog fires even when the disk does not answer.
            record() {
              [ -n "$journal" ] || return 0
              local state text sec f sep="" s
              clock; local ms=$((now - pet))
              text="user watchdog: no pet for $((ms / 1000)) s"
              if [ "$cause" = fence ]; then
                state=self-fencing text="user watchdog: the daemon (pid $daemon) self-fences"
              elif kill -0 "$daemon" 2>/dev/null; then
                state=hung text+=" while the daemon (pid $daemon) still runs: it hung"
              else
                state=died text+=" and the daemon (pid $daemon) is gone without disarming: it died"
              fi
              text+="; killing its process group"
              printf -v sec '%(%Y-%m-%dT%H:%M:%S)T' $((now / 1000))
              [ -s "$journal" ] && [ -n "$(tail -c 1 "$journal")" ] && sep=$'\\n'
              f='%s{"time":"%s.%03dZ","seq":0,"stack":"%s","host":"%s","host_index":%d,"pid":%d,'
              f+='"kind":"watchdog-fired","summary":"%s","evidence":{"cause":"%s","daemon":"%s",'
              f+='"daemon_pid":%d,"unpetted_ms":%d,"timeout_ms":%d}}\\n'
              # shellcheck disable=SC2059 # the format is the constant above
              printf -v line "$f" "$sep" "$sec" $((now % 1000)) "$stack" "$host" "$index" $$ "$text" "$cause" \\
                "$state" "$daemon" "$ms" $((timeout * 1000))
              if ! { printf '%s' "$line" >>"$journal"; } 2>/dev/null; then
                echo "user-watchdog: cannot write $journal" >&2; return 0
              fi
              sync "$journal" 2>/dev/null & s=$!
              for _ in {1..20}; do kill -0 "$s" 2>/dev/null || break; sleep 0.1; done
            }
            clock; pet=$now
            while :; do
              IFS= read -r -t "$timeout" word; status=$?
              if [ "$status" -eq 0 ]; then
                [ "$word" = disarm ] && exit 0
                [ "$word" = fence ] && cause=fence why="the daemon self-fences" && break
                last=$SECONDS; clock; pet=$now
              elif [ "$status" -gt 128 ]; then
                cause=timeout why="no pet for ${timeout}s" && break
              else
                left=$((timeout - (SECONDS - last)))
                [ "$left" -gt 0 ] && sleep "$left"
                cause=pipe-closed why="the daemon went away without disarming; no pet for ${timeout}s" && break
              fi
            done
            printf -v line '%(%Y-%m-%dT%H:%M:%S)TZ ERROR [%s] user-watchdog: %s: fencing %s' -1 "$$" "$why" "$daemon"
            { echo "$line" >>"$log"; } 2>/dev/null || echo "$line" >&2
            record
            kill -KILL -- "-$daemon" 2>/dev/null || kill -KILL "$daemon" 2>/dev/null
            exit 0
            """;

    private final RunDir runDir;
    private final LogDir logDir;
    private final Duration timeout;
    private final EngineLog log;
    private final long daemonPid;
    private final IntConsumer halt;
    private final Optional<EventJournal> journal;
    private Process watchdog;
    private OutputStream pipe;
    private boolean disarmed;

    /** {@code journal}: where the watchdog records that it fired, as this daemon's host. */
    UserWatchdogFencer(RunDir runDir, LogDir logDir, Duration timeout, EngineLog log, EventJournal journal) {
        this(runDir, logDir, timeout, log, ProcessHandle.current().pid(), Runtime.getRuntime()::halt,
                Optional.of(journal));
    }

    /** {@code daemonPid}: the process group to kill (the daemon's own, a session leader under setsid). */
    UserWatchdogFencer(RunDir runDir, LogDir logDir, Duration timeout, EngineLog log, long daemonPid,
            IntConsumer halt) {
        this(runDir, logDir, timeout, log, daemonPid, halt, Optional.empty());
    }

    UserWatchdogFencer(RunDir runDir, LogDir logDir, Duration timeout, EngineLog log, long daemonPid,
            IntConsumer halt, Optional<EventJournal> journal) {
        this.journal = journal;
        this.runDir = runDir;
        this.logDir = logDir;
        this.timeout = timeout;
        this.log = log;
        this.daemonPid = daemonPid;
        this.halt = halt;
    }

    @Override
    public synchronized void arm() {
        if (watchdog != null) {
            return;
        }
        if (disarmed) {
            log.warn("arming ignored: fencing was disarmed for good");
            return;
        }
        try {
            Files.writeString(runDir.userWatchdogScript(), SCRIPT, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(runDir.userWatchdogScript(), PosixFilePermissions.fromString("rwx------"));
            List<String> command = new ArrayList<>(List.of("/bin/bash", runDir.userWatchdogScript().toString(),
                    Long.toString(timeout.toSeconds()), Long.toString(daemonPid), logDir.daemonLog().toString()));
            journal.ifPresent(j -> command.addAll(List.of(j.file().toString(), j.stamp().stack(),
                    j.stamp().host().dashed(), Integer.toString(j.stamp().hostIndex()))));
            watchdog = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.processOutput().toFile()))
                    .redirectErrorStream(true).start();
            pipe = watchdog.getOutputStream();
            log.info("user watchdog armed: pid " + watchdog.pid() + ", timeout " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new HaException(ExitCode.WATCHDOG_ERROR, "cannot start the user watchdog: " + e);
        }
    }

    @Override
    public synchronized void pet() {
        send("pet");
    }

    @Override
    public synchronized void disarm() {
        disarmed = true;
        if (watchdog == null) {
            return;
        }
        send("disarm");
        closePipe();
        try {
            watchdog.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("user watchdog disarmed");
        watchdog = null;
    }

    @Override
    public synchronized boolean isArmed() {
        return watchdog != null;
    }

    @Override
    public void fenceNow(String reason) {
        synchronized (this) {
            if (watchdog == null) {
                log.warn("self-fence not done, fencing is disarmed: " + reason);
                return;
            }
            log.error("SELF-FENCE: " + reason + ": the user watchdog (pid " + watchdog.pid() + ") kills process group "
                    + daemonPid + " now");
            send("fence");
        }
        // also if the line never arrives: the pipe closes with this process, and the watchdog fires on EOF
        halt.accept(DevWatchdogFencer.FENCED_STATUS);
    }

    /** The watchdog process while armed, for tests. */
    synchronized Optional<ProcessHandle> watchdogProcess() {
        return Optional.ofNullable(watchdog).map(Process::toHandle);
    }

    /** Leaves an armed watchdog armed: with the pipe closed it fires at once (spec §7.7's trap). */
    @Override
    public synchronized void close() {
        closePipe();
    }

    private void send(String word) {
        if (pipe == null) {
            return;
        }
        try {
            pipe.write((word + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        } catch (IOException e) {
            log.warn("the user watchdog is gone: " + e);
        }
    }

    private void closePipe() {
        if (pipe != null) {
            try {
                pipe.close();
            } catch (IOException ignored) {
                // the watchdog is gone already
            }
            pipe = null;
        }
    }
}
