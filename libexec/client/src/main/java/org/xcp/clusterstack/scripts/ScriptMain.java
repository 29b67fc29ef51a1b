package org.xcp.clusterstack.scripts;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.FailureLine;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.OneLine;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;

/**
 * The one client behind every {@code ha_*} shim:
 * {@code ScriptMain --stack NAME --run-base DIR --log-base DIR --lib DIR [--stack-jars JAR:...] VERB [script arguments]}
 * ({@code --stack-jars}: a door stack's own jars, which the daemon loads beside the library's). It prints only the
 * documented stdout of spec §1 and exits with xhad's codes. A script fails by throwing an {@link HaException}, and
 * only {@link #execute} writes its one line on stderr, in xhad's shape ({@link FailureLine}), so that no failure has two
 * lines or none. Kept to the JDK and this project's small classes so that a cold JVM answers quickly.
 */
public final class ScriptMain {
    private ScriptMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int status = execute(args, out, System.err);
        out.flush();
        System.exit(status);
    }

    /** The script's exit status; on failure, its one line on {@code err}. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        try {
            return run(args, out);
        } catch (HaException e) {
            err.println(FailureLine.now(scriptName(args), e.exitCode(), e.getMessage()));
            return e.exitCode().number();
        } catch (RuntimeException e) {
            err.println(FailureLine.now(scriptName(args), ExitCode.INTERNAL_BUG, "internal error: " + e));
            return ExitCode.INTERNAL_BUG.number();
        }
    }

    /** The name of the script being run, for its failure line: the verb's script, else what was given. */
    static String scriptName(String[] args) {
        int i = 0;
        while (i + 1 < args.length && args[i].startsWith("--")) {
            i += 2;
        }
        if (i >= args.length) {
            return "ScriptMain";
        }
        try {
            return Verb.parse(args[i]).script().map(HaScript::fileName).orElse(args[i]);
        } catch (HaException e) {
            return OneLine.of(args[i]);
        }
    }

    static int run(String[] args, PrintStream out) {
        String stack = null;
        Path runBase = RunDir.DEFAULT_BASE;
        Path logBase = LogDir.DEFAULT_BASE;
        Path lib = null;
        String stackJars = "";
        Optional<HaUuid> host = Optional.empty();
        int i = 0;
        while (i + 1 < args.length && args[i].startsWith("--")) {
            switch (args[i]) {
                case "--stack" -> stack = args[i + 1];
                case "--run-base" -> runBase = Path.of(args[i + 1]);
                case "--log-base" -> logBase = Path.of(args[i + 1]);
                case "--lib" -> lib = Path.of(args[i + 1]);
                case "--stack-jars" -> stackJars = args[i + 1];
                case "--host" -> host = HaUuid.fromWire(args[i + 1]);
                default -> throw new HaException(ExitCode.INVALID_PARAMETER, "unknown option " + args[i]);
            }
            i += 2;
        }
        if (stack == null || i >= args.length) {
            throw new HaException(ExitCode.INVALID_PARAMETER,
                    "usage: ScriptMain --stack NAME [--run-base DIR] [--log-base DIR] [--lib DIR]"
                    + " [--stack-jars JAR:...] VERB [ARGS]");
        }
        Verb verb = Verb.parse(args[i]);
        List<String> scriptArgs = List.of(args).subList(i + 1, args.length);
        Optional<HaUuid> hostHint = host;
        Bases bases = new Bases(runBase, logBase, lib, stackJars);
        return switch (verb) {
            case SET_POOL_STATE -> PoolStateScript.run(context(stack, bases, poolStateArgs(scriptArgs), out));
            case START_DAEMON -> StartDaemonScript.run(context(stack, bases, startArgs(scriptArgs), out));
            case STOP_DAEMON -> DaemonScripts.stop(context(stack, bases, anyArgs(scriptArgs), out)
                    .withHost(hostHint));
            case QUERY_LIVESET -> DaemonScripts.queryLiveset(context(stack, bases, anyArgs(scriptArgs), out)
                    .withHost(hostHint));
            case PROPOSE_MASTER -> DaemonScripts.proposeMaster(context(stack, bases, anyArgs(scriptArgs), out)
                    .withHost(hostHint));
            case DISARM_FENCING -> DaemonScripts.disarm(context(stack, bases, anyArgs(scriptArgs), out)
                    .withHost(hostHint));
            case SET_EXCLUDED -> ExcludedScript.run(context(stack, bases, onlyConfig(scriptArgs), out), true);
            case CLEAR_EXCLUDED -> ExcludedScript.run(context(stack, bases, onlyConfig(scriptArgs), out), false);
            case STATE, STATUS, FIST -> throw new HaException(ExitCode.INVALID_PARAMETER, "'" + verb.word()
                    + "' is asked of the daemon, not a script's verb");
        };
    }

    private record Parsed(Path config, List<String> rest) {
    }

    /** Where the run-time files, the logs and the daemon's jars are (a door stack's own beside the library's). */
    private record Bases(Path run, Path log, Path lib, String stackJars) {
    }

    private static ScriptContext context(String stack, Bases bases, Parsed p, PrintStream out) {
        return new ScriptContext(stack, bases.run(), bases.log(), bases.lib(), bases.stackJars(), p.config(), p.rest(),
                out, Optional.empty());
    }

    /** {@code ha_set_pool_state STATE [-C cfg]}: the state word first, then only {@code -C}/{@code -c}. */
    private static Parsed poolStateArgs(List<String> args) {
        if (args.isEmpty()) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "usage: ha_set_pool_state init|active|invalid [-C config]");
        }
        Parsed p = onlyConfig(args.subList(1, args.size()));
        return new Parsed(p.config(), List.of(args.get(0)));
    }

    /** {@code ha_start_daemon [-C cfg] [fault ...]}: {@code -C} only as the first argument, like xhad. */
    private static Parsed startArgs(List<String> args) {
        if (!args.isEmpty() && isConfigOption(args.get(0))) {
            return new Parsed(configValue(args, 0), List.copyOf(args.subList(2, args.size())));
        }
        return new Parsed(DaemonConfig.DEFAULT_PATH, List.copyOf(args));
    }

    /** Scripts that accept {@code -C cfg} and nothing else (xhad: any other option is exit 1). */
    private static Parsed onlyConfig(List<String> args) {
        Path config = DaemonConfig.DEFAULT_PATH;
        for (int i = 0; i < args.size(); i++) {
            if (isConfigOption(args.get(i))) {
                config = configValue(args, i++);
            } else {
                throw new HaException(ExitCode.INVALID_PARAMETER, "unknown argument " + args.get(i));
            }
        }
        return new Parsed(config, List.of());
    }

    /** Scripts that only talk to the daemon ignore their arguments, as xhad's do, except {@code -C cfg}. */
    private static Parsed anyArgs(List<String> args) {
        Path config = DaemonConfig.DEFAULT_PATH;
        for (int i = 0; i < args.size(); i++) {
            if (isConfigOption(args.get(i))) {
                config = configValue(args, i++);
            }
        }
        return new Parsed(config, List.of());
    }

    private static boolean isConfigOption(String arg) {
        return arg.equals("-C") || arg.equals("-c");
    }

    private static Path configValue(List<String> args, int optionIndex) {
        if (optionIndex + 1 >= args.size()) {
            throw new HaException(ExitCode.INVALID_PARAMETER, args.get(optionIndex) + " needs a config file name");
        }
        return Path.of(args.get(optionIndex + 1));
    }
}
