package org.xcp.clusterstack.cli;

import org.xcp.clusterstack.api.auth.HeartbeatKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cluster-stack key}: the pool key file of authenticated heartbeats ({@code docs/heartbeat-auth.md}). */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = {"Make, check, show and rotate the pool key file of authenticated heartbeats.",
            "Every host of a keyed pool holds the same root-only file, named by the setting 'heartbeat-key' in"
                + " <dir of xhad.conf>/cluster-stack/xhad.conf (docs/heartbeat-auth.md). A rotation is three"
                + " steps, each copied to every host before the next: key next, key promote, key retire."
                + " No command prints a key, only its id."},
        subcommands = {KeyNewCommand.class, KeyShowCommand.class, KeyCheckCommand.class, KeyNextCommand.class,
            KeyPromoteCommand.class, KeyRetireCommand.class})
final class KeyCommand implements Runnable {
    /** The xhad stack's setting that names the key file (read by the xhad engine). */
    static final String SETTING = HeartbeatKeyFile.SETTING;
    static final String STACK = "xhad";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (new, show, check, next, promote, retire)");
    }
}
