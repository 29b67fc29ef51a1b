package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.auth.HeartbeatKey;
import org.xcp.clusterstack.api.auth.HeartbeatKeyFile;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cluster-stack key show FILE}: the ids of the file's keys, never the keys. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show the ids of a heartbeat key file's current, next and previous keys.",
            "An id is the first 4 bytes of the key's SHA-256, as status and the daemon's log name keys; the keys"
                + " themselves are never shown. The file is checked as 'key check' does (exit 6 missing, 7 invalid)."})
final class KeyShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The key file.")
    Path file;

    @Option(names = "--json", description = "Print the ids as JSON.")
    boolean json;

    @Override
    public Integer call() {
        HeartbeatKeys keys = HeartbeatKeyFile.read(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("file", file.toString());
            view.put("current", keys.current().idText());
            view.put("next", keys.next().map(HeartbeatKey::idText).orElse(null));
            view.put("previous", keys.previous().map(HeartbeatKey::idText).orElse(null));
            Json.print(out, view);
            return 0;
        }
        out.printf("%s%n", file);
        out.printf("  current   %s  sent and accepted%n", keys.current().idText());
        out.printf("  next      %s%n", id(keys.next(), "accepted, not yet sent (then: key promote)"));
        out.printf("  previous  %s%n", id(keys.previous(), "accepted, no longer sent (then: key retire)"));
        out.flush();
        return 0;
    }

    private static String id(Optional<HeartbeatKey> key, String role) {
        return key.map(k -> k.idText() + "  " + role).orElse("-");
    }
}
