package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.api.spi.EngineLog;

/**
 * The control socket's {@code fist} verb: {@code enable NAME}, {@code disable NAME} or {@code list}. Answers 0
 * and the points enabled afterwards, one a line, or 1 and a one-line error (an unknown name lists the known).
 */
final class FaultSwitch {
    private FaultSwitch() {
    }

    static ControlClient.Reply handle(FaultPoints faults, String arg, EngineLog log) {
        String[] words = arg.strip().split("\\s+");
        try {
            switch (words[0]) {
                case ControlProtocol.FIST_ENABLE, ControlProtocol.FIST_DISABLE -> {
                    if (words.length != 2) {
                        throw usage();
                    }
                    boolean enable = words[0].equals(ControlProtocol.FIST_ENABLE);
                    if (enable) {
                        faults.enable(words[1]);
                    } else {
                        faults.disable(words[1]);
                    }
                    log.warn("fault point " + words[1] + (enable ? " enabled" : " disabled") + " through the control"
                            + " socket");
                }
                case ControlProtocol.FIST_LIST -> {
                    if (words.length != 1) {
                        throw usage();
                    }
                }
                default -> throw usage();
            }
        } catch (HaException e) {
            return new ControlClient.Reply(e.exitCode().number(), e.getMessage().replaceAll("[\\r\\n]+", " ") + "\n");
        }
        StringBuilder enabled = new StringBuilder();
        faults.enabledNames().forEach(n -> enabled.append(n).append('\n'));
        return new ControlClient.Reply(0, enabled.toString());
    }

    private static HaException usage() {
        return new HaException(ExitCode.INVALID_PARAMETER, "usage: fist enable NAME, fist disable NAME or fist list");
    }
}
