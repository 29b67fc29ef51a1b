package org.xcp.clusterstack.cli;

import org.xcp.clusterstack.api.auth.HeartbeatKey;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import picocli.CommandLine.Command;

/** {@code cluster-stack key next FILE}: step 1 of a rotation, a new key every host accepts and none sends yet. */
@Command(name = "next", mixinStandardHelpOptions = true,
        description = {"Rotation step 1: add a new next key, accepted by every host but not yet sent.",
            "Copy the file to every host of the pool, then run 'key promote'. Refused (exit 1) while a next key"
                + " is already being rolled out."})
final class KeyNextCommand extends KeyRotationStep {
    @Override
    HeartbeatKeys step(HeartbeatKeys keys) {
        return keys.withNext(HeartbeatKey.generate());
    }

    @Override
    String done(HeartbeatKeys before, HeartbeatKeys after) {
        return "added the next key " + after.next().orElseThrow().idText();
    }

    @Override
    String next(HeartbeatKeys after) {
        return "where it is accepted and " + after.current().idText() + " still sent; once every host has it: "
                + "cluster-stack key promote " + file;
    }
}
