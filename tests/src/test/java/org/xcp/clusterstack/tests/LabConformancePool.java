package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A lab of hosts for {@code cluster-stack verify} (tests/lab/conformance-pool): one network and mount namespace
 * per host, a real corosync in each for the corosync and ocfs2 stacks, the stacks installed by the build under
 * test. It names verify's settings for itself (host-exec, host-crash, run-base, host-ids, address) and is
 * removed, namespaces and processes, when closed.
 */
final class LabConformancePool implements AutoCloseable {
    private final Process process;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Path root;

    private LabConformancePool(Process process, Map<String, String> printed) {
        this.process = process;
        this.root = Path.of(printed.remove("root"));
        options.putAll(printed);
    }

    static LabConformancePool up(String stack, int hosts) {
        ProcessBuilder pb = new ProcessBuilder(Cli.REPO.resolve("tests/lab/conformance-pool").toString(), stack,
                Integer.toString(hosts)).redirectError(ProcessBuilder.Redirect.INHERIT);
        String jar = System.getProperty("cluster-stack.jar");
        if (jar != null) {
            pb.environment().put("CLUSTER_STACK_JAR", jar); // lab_up installs the build under test
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> printed = new LinkedHashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
                int eq = line.indexOf('=');
                printed.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException(e);
        }
        assertThat(printed).as("the lab came up (tests/lab/conformance-pool %s %d)", stack, hosts).containsKey("root");
        return new LabConformancePool(p, printed);
    }

    /** The installed stack's directory. */
    Path stackDir(String stack) {
        return root.resolve(stack);
    }

    /** verify's -o settings for this lab. */
    Map<String, String> options() {
        return Map.copyOf(options);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // conformance-pool runs lab_down and exits
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
