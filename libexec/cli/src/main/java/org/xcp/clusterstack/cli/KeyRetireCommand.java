package org.xcp.clusterstack.cli;

import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import picocli.CommandLine.Command;

/** {@code cluster-stack key retire FILE}: step 3, the old key is no longer accepted. */
@Command(name = "retire", mixinStandardHelpOptions = true,
        description = {"Rotation step 3: drop the previous key; no host accepts it any more.",
            "Run it only once every host has the file of 'key promote', then copy the file to every host of the"
                + " pool. Refused (exit 1) without a previous key."})
final class KeyRetireCommand extends KeyRotationStep {
    @Override
    HeartbeatKeys step(HeartbeatKeys keys) {
        return keys.retire();
    }

    @Override
    String refusalHint() {
        return ": a rotation is 'key next', 'key promote', then 'key retire'";
    }

    @Override
    String done(HeartbeatKeys before, HeartbeatKeys after) {
        return "retired " + before.previous().orElseThrow().idText();
    }

    @Override
    String next(HeartbeatKeys after) {
        return "and the rotation is complete once every host has it";
    }
}
