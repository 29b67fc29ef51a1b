package org.xcp.clusterstack.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;

/**
 * One host of the demo pool: its config, its installed scripts run as xapi runs them (PATH only), its daemon's
 * run directory (pid) and its daemon's log.
 */
record DemoHost(int index, String hostId, String address, Path config, Path stackDir, Path runDir,
        Path daemonLog) {

    record Run(int status, String stdout, String stderr, long millis) {
    }

    Run run(HaScript script, String... args) {
        List<String> command = new ArrayList<>(List.of(stackDir.resolve(script.fileName()).toString()));
        command.addAll(List.of(args));
        command.add("-C");
        command.add(config.toString());
        long t0 = System.nanoTime();
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin:" + stackDir);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            return new Run(127, "", e.toString(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(127, "", "interrupted", 0);
        }
    }

    /** This host's liveset, if its daemon answers. */
    Optional<Liveset> liveset() {
        Run r = run(HaScript.QUERY_LIVESET);
        return r.status() == 0 ? Optional.of(LivesetReader.read(r.stdout())) : Optional.empty();
    }

    /** The daemon's pid while its pid file names one. */
    Optional<Long> pid() {
        try {
            return Optional.of(Long.parseLong(java.nio.file.Files.readString(runDir.resolve("pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    DaemonLogTimeline log() {
        return DaemonLogTimeline.of(daemonLog);
    }

    String name() {
        return "host" + index;
    }
}
