package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * The per-host daemon host, started detached by {@code ha_start_daemon}:
 * {@code DaemonMain --stack NAME --run-base DIR --log-base DIR -C CONFIG [fault-injection point ...]}: its socket,
 * pid, lock and snapshot under the run base (a tmpfs), its log under the log base (kept across reboots). Its exit
 * status is xhad's: 0 after a clean stop, or the code the start or the engine ended with.
 */
public final class DaemonMain {
    private DaemonMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = DaemonHost.run(parse(args)).number();
        } catch (HaException e) {
            System.err.println("cluster-stack daemon: " + e.getMessage());
            status = e.exitCode().number();
        } catch (RuntimeException e) {
            System.err.println("cluster-stack daemon: internal error: " + e);
            e.printStackTrace();
            status = ExitCode.INTERNAL_BUG.number();
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status); // no shutdown hooks: the host has released everything itself
    }

    static DaemonHost.Options parse(String[] args) {
        String stack = null;
        Path runBase = RunDir.DEFAULT_BASE;
        Path logBase = LogDir.DEFAULT_BASE;
        Path config = null;
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stack" -> stack = value(args, ++i);
                case "--run-base" -> runBase = Path.of(value(args, ++i));
                case "--log-base" -> logBase = Path.of(value(args, ++i));
                case "-C", "-c" -> config = Path.of(value(args, ++i));
                default -> faults.add(args[i]);
            }
        }
        if (stack == null || config == null) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "usage: DaemonMain --stack NAME [--run-base DIR]"
                    + " [--log-base DIR] -C CONFIG [fault-injection point ...]");
        }
        return new DaemonHost.Options(stack, runBase, logBase, config, List.copyOf(faults));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new HaException(ExitCode.INVALID_PARAMETER, args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
