package org.xcp.clusterstack.selector;

import java.util.List;
import java.util.Objects;
import org.xcp.clusterstack.xapiconf.StackName;
import org.xcp.clusterstack.xapiconf.SupportedSrs;

/**
 * The checks of {@code Pool.enable_ha} in the order of selector.md §6, steps 1 to 5. Nothing is written
 * here: a caller writes {@link EnableDecision#record()} only when this returns, so a request that fails any
 * check changes nothing (the framework's difference from xapi, which writes the stack before step 5).
 *
 * <p>Step 1 checks only {@code HA_IS_ENABLED}; licence, PIFs and host liveness are xapi's. Of the heartbeat SR
 * checks of step 5 the selector knows master attachment and the whitelist: an SR without an attached master
 * PBD fails {@code SR_NO_PBDS}; PBDs of other hosts, the VDI operations and the free space are xapi's to
 * check, and pass here.
 */
public final class HaEnableCheck {
    private final StackSelector selector;
    private final InstalledStacks master;
    private final StackReadiness readiness;

    public HaEnableCheck(StackSelector selector, InstalledStacks master, StackReadiness readiness) {
        this.selector = Objects.requireNonNull(selector, "selector");
        this.master = Objects.requireNonNull(master, "master");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    /** @throws SelectorError the first check that fails, in §6's order */
    public EnableDecision check(PoolSnapshot pool, PoolRecord current, EnableRequest request) {
        if (current.haEnabled()) {
            throw new SelectorError(XenApiErrorCode.HA_IS_ENABLED, List.of(),
                    "HA is already enabled, with " + Quote.quote(current.haClusterStack()));
        }
        String stack = selector.resolve(pool, request.clusterStack(), master);
        if (request.isAutomatic()) {
            requireInstalled(stack);
        }
        readiness.check(stack, pool);
        return new EnableDecision(stack, statefileSr(pool, StackName.of(stack), request.heartbeatSrs()));
    }

    /** Step 3, a framework rule: xapi would find out only after writing the stack and creating the VDIs. */
    private void requireInstalled(String stack) {
        if (!StackName.isValid(stack)) {
            throw SelectorError.unknownClusterStack(stack, "was chosen automatically but is not a valid stack name: "
                    + StackName.problem(stack).orElseThrow());
        }
        if (!master.isInstalled(StackName.of(stack))) {
            throw SelectorError.unknownClusterStack(stack, "was chosen automatically but is not installed " + master);
        }
    }

    /**
     * Step 5: the first heartbeat SR alone, with its errors; or, with none given, the first SR in canonical
     * order that passes, skipping the others silently.
     */
    private Sr statefileSr(PoolSnapshot pool, StackName stack, List<String> heartbeatSrs) {
        SupportedSrs whitelist = master.supportedSrs(stack);
        if (!heartbeatSrs.isEmpty()) {
            String ref = heartbeatSrs.get(0);
            Sr sr = pool.sr(ref).orElseThrow(() -> SelectorError.handleInvalid("SR", ref));
            if (!sr.attachedOnMaster()) {
                throw new SelectorError(XenApiErrorCode.SR_NO_PBDS, List.of(sr.ref()),
                        "heartbeat SR " + sr.ref() + " is not attached on the master");
            }
            if (!whitelist.accepts(sr.type())) {
                throw new SelectorError(XenApiErrorCode.INCOMPATIBLE_STATEFILE_SR, List.of(sr.type()),
                        "SR type " + Quote.plainOrQuoted(sr.type()) + " not in " + describe(whitelist)
                                + " for stack " + stack);
            }
            return sr;
        }
        return pool.srs().stream()
                .filter(sr -> sr.attachedOnMaster() && whitelist.accepts(sr.type()))
                .findFirst()
                .orElseThrow(() -> new SelectorError(XenApiErrorCode.CANNOT_CREATE_STATE_FILE, List.of(),
                        "no SR attached on the master can hold the statefile for stack " + stack
                                + " (its ha_supported_srs: " + describe(whitelist) + ")"));
    }

    private static String describe(SupportedSrs whitelist) {
        return whitelist.whitelist().map(Quote::list).orElse("absent, any type");
    }
}
