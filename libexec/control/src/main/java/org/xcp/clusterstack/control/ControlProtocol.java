package org.xcp.clusterstack.control;

/**
 * The control socket's protocol: the client writes one line, {@code VERB [ARG]}; the daemon answers with a
 * line holding the exit code, then the bytes the script prints on stdout, then closes. {@code fist} (fault
 * injection) answers 0 and the enabled points, one a line, or 1 and a one-line error.
 */
public final class ControlProtocol {
    public static final String STATE = "state";
    public static final String STATUS = "status";
    public static final String LIVESET = "liveset";
    public static final String PROPOSE_MASTER = "propose_master";
    public static final String DISARM_FENCING = "disarm_fencing";
    public static final String SET_POOL_STATE = "set_pool_state";
    public static final String SET_EXCLUDED = "set_excluded";
    public static final String CLEAR_EXCLUDED = "clear_excluded";
    public static final String STOP = "stop";
    /** {@code fist enable NAME}, {@code fist disable NAME}, {@code fist list}: the fault points. */
    public static final String FIST = "fist";
    public static final String FIST_ENABLE = "enable";
    public static final String FIST_DISABLE = "disable";
    public static final String FIST_LIST = "list";

    private ControlProtocol() {
    }
}
