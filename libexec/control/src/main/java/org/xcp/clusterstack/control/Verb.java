package org.xcp.clusterstack.control;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.OneLine;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * What a script or the CLI asks of a host's daemon, spelled once: the word a shim passes to the scripts' client
 * is the word on the control socket. A verb behind one of the {@code ha_*} scripts carries its {@link HaScript}
 * and is spelled as that script's file name without {@code ha_}; the daemon-only verbs (asked by
 * {@code ha_start_daemon}'s wait and by the CLI) carry none.
 *
 * <p>It is also the one place that says which arguments a verb is sent with on the control socket
 * ({@link #checkArgs}): exactly what the scripts' client and the CLI send, nothing else.
 */
public enum Verb {
    /** {@code ACTIVE} or {@code INVALID}: {@code init} is done by the scripts' client with no daemon running. */
    SET_POOL_STATE(HaScript.SET_POOL_STATE),
    /** Done by the scripts' client itself, never sent on the socket. */
    START_DAEMON(HaScript.START_DAEMON),
    STOP_DAEMON(HaScript.STOP_DAEMON),
    QUERY_LIVESET(HaScript.QUERY_LIVESET),
    PROPOSE_MASTER(HaScript.PROPOSE_MASTER),
    DISARM_FENCING(HaScript.DISARM_FENCING),
    SET_EXCLUDED(HaScript.SET_EXCLUDED),
    CLEAR_EXCLUDED(HaScript.CLEAR_EXCLUDED),
    /** This host's state, one line: Online, Starting, ... */
    STATE(null),
    /** {@code key=value} lines for {@code cluster-stack status}. */
    STATUS(null),
    /** {@code fist ACTION [NAME]}: the fault points ({@link FistAction}). */
    FIST(null);

    private final HaScript script;

    Verb(HaScript script) {
        this.script = script;
    }

    /** The one spelling, on a shim's command line and on the socket. */
    public String word() {
        return script == null ? name().toLowerCase(Locale.ROOT) : script.verb();
    }

    /** The script this verb is the work of; empty for the daemon-only verbs. */
    public Optional<HaScript> script() {
        return Optional.ofNullable(script);
    }

    /**
     * Whether this verb is sent on the control socket with {@code args}: every verb takes none, except
     * {@code set_pool_state ACTIVE|INVALID} (the client's {@code ha_set_pool_state active|invalid}) and
     * {@code fist list|enable NAME|disable NAME} (the CLI). Anything else is exit 1 in one line naming what is
     * wrong; {@code set_pool_state INIT} is 15, as {@code ha_set_pool_state init} is while a daemon runs (spec
     * §1.4), and a daemon never acts on it; {@code start_daemon} is never sent.
     */
    public void checkArgs(List<String> args) {
        switch (this) {
            case START_DAEMON -> throw refused("start_daemon is done by the scripts' client, never asked of a daemon");
            case SET_POOL_STATE -> checkPoolState(args);
            case FIST -> checkFist(args);
            default -> {
                if (!args.isEmpty()) {
                    throw refused(word() + " takes no arguments, not " + args.size() + " ('"
                            + OneLine.of(String.join(" ", args)) + "')");
                }
            }
        }
    }

    private static void checkPoolState(List<String> args) {
        if (args.size() != 1) {
            throw refused("set_pool_state takes one pool state (ACTIVE or INVALID), not " + args.size()
                    + " arguments");
        }
        String state = args.get(0);
        if (state.equals(PoolState.INIT.name())) {
            throw new HaException(ExitCode.DAEMON_IS_PRESENT, "set_pool_state INIT: a daemon runs on this host;"
                    + " ha_set_pool_state init formats the statefile only while none runs (spec 1.4)");
        }
        if (!state.equals(PoolState.ACTIVE.name()) && !state.equals(PoolState.INVALID.name())) {
            throw refused("set_pool_state takes ACTIVE or INVALID, not '" + OneLine.of(state) + "'");
        }
    }

    private static void checkFist(List<String> args) {
        FistAction action = args.isEmpty() ? null : FistAction.parse(args.get(0));
        if (action == null || args.size() != (action.takesName() ? 2 : 1)) {
            throw FistAction.usage();
        }
    }

    private static HaException refused(String why) {
        return new HaException(ExitCode.INVALID_PARAMETER, why);
    }

    public static Verb of(HaScript script) {
        for (Verb v : values()) {
            if (v.script == script) {
                return v;
            }
        }
        throw new IllegalStateException("no verb for " + script); // a test proves there is one
    }

    /** The verb spelled {@code word}; exit 1 in one line naming the known ones otherwise. */
    public static Verb parse(String word) {
        for (Verb v : values()) { // a loop, not a stream: the scripts' client starts cold on every call
            if (v.word().equals(word)) {
                return v;
            }
        }
        throw new HaException(ExitCode.INVALID_PARAMETER, "unknown verb '" + word + "' (known: "
                + Arrays.stream(values()).map(Verb::word).collect(Collectors.joining(", ")) + ")");
    }
}
