package org.xcp.clusterstack.daemon;

import java.util.List;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.control.FistAction;
import org.xcp.clusterstack.control.Reply;

/**
 * The control socket's {@code fist} verb: {@code enable NAME}, {@code disable NAME} or {@code list}. Answers 0
 * and the points enabled afterwards, one a line, or 1 and a one-line message (an unknown name lists the known).
 */
final class FaultSwitch {
    private FaultSwitch() {
    }

    static Reply handle(FaultPoints faults, List<String> args, EngineLog log) {
        try {
            FistAction action = args.isEmpty() ? null : FistAction.parse(args.get(0));
            if (action == null || args.size() != (action.takesName() ? 2 : 1)) {
                throw FistAction.usage();
            }
            if (action != FistAction.LIST) {
                String name = args.get(1);
                if (action == FistAction.ENABLE) {
                    faults.enable(name);
                } else {
                    faults.disable(name);
                }
                log.warn("fault point " + name + (action == FistAction.ENABLE ? " enabled" : " disabled")
                        + " through the control socket");
            }
        } catch (HaException e) {
            return Reply.failed(e);
        }
        StringBuilder enabled = new StringBuilder();
        faults.enabledNames().forEach(n -> enabled.append(n).append('\n'));
        return Reply.ok(enabled.toString());
    }
}
