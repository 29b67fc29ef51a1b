package org.xcp.clusterstack.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;

/**
 * What a script or the CLI asks of a host's daemon, spelled once: the word a shim passes to the scripts' client
 * is the word on the control socket. A verb behind one of the {@code ha_*} scripts carries its {@link HaScript}
 * and is spelled as that script's file name without {@code ha_}; the daemon-only verbs (asked by
 * {@code ha_start_daemon}'s wait and by the CLI) carry none.
 */
public enum Verb {
    SET_POOL_STATE(HaScript.SET_POOL_STATE),
    /** Done by the scripts' client itself; a running daemon refuses it. */
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
