package org.xcp.clusterstack.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcp.clusterstack.whatif.PoolNow.ManagerDetection;

/**
 * How long this host's corosync takes to notice a member gone, for {@code simulate} on the stacks on corosync: the
 * running token and consensus timeouts ({@code corosync-cmapctl -g runtime.config.totem.token}, {@code ...consensus}),
 * or when corosync does not answer, its defaults for this many nodes (corosync.conf(5): token 3000 ms plus 650 ms per
 * node past two, consensus 1.2 times the token).
 */
final class CorosyncTiming {
    private static final Pattern VALUE = Pattern.compile("=\\s*(\\d+)\\s*$");

    private CorosyncTiming() {
    }

    static ManagerDetection of(int nodes) {
        Optional<Long> token = cmap("runtime.config.totem.token");
        Optional<Long> consensus = cmap("runtime.config.totem.consensus");
        if (token.isPresent() && consensus.isPresent()) {
            return new ManagerDetection(Duration.ofMillis(token.get() + consensus.get()), "this host's corosync: token "
                    + token.get() + " ms + consensus " + consensus.get() + " ms");
        }
        return defaults(nodes);
    }

    /** corosync.conf(5)'s defaults: token 3000 ms + token_coefficient 650 ms per node past two; consensus 1.2 token. */
    static ManagerDetection defaults(int nodes) {
        long t = 3000 + 650L * Math.max(0, nodes - 2);
        long c = t * 12 / 10;
        return new ManagerDetection(Duration.ofMillis(t + c), "corosync's defaults for " + nodes + " nodes: token " + t
                + " ms + consensus " + c + " ms (its corosync-cmapctl did not answer)");
    }

    private static Optional<Long> cmap(String key) {
        try {
            Process p = new ProcessBuilder("corosync-cmapctl", "-g", key).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Matcher m = VALUE.matcher(out);
            return p.exitValue() == 0 && m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
