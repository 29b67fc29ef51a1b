package org.xcp.clusterstack.cli;

import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import picocli.CommandLine.Command;

/** {@code cluster-stack key promote FILE}: step 2, send with the next key, still accept the old one. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Rotation step 2: the next key becomes current, the current one previous.",
            "Run it only once every host has the file of 'key next'. Copy the file to every host of the pool,"
                + " then run 'key retire'. Refused (exit 1) without a next key, or while a previous key is still"
                + " accepted."})
final class KeyPromoteCommand extends KeyRotationStep {
    @Override
    HeartbeatKeys step(HeartbeatKeys keys) {
        return keys.promote();
    }

    @Override
    String done(HeartbeatKeys before, HeartbeatKeys after) {
        return "promoted " + after.current().idText() + " to current, " + before.current().idText()
                + " is previous";
    }

    @Override
    String next(HeartbeatKeys after) {
        return "where " + after.current().idText() + " is sent and " + after.previous().orElseThrow().idText()
                + " still accepted; once every host has it: cluster-stack key retire " + file;
    }
}
