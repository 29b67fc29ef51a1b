package org.xcp.clusterstack.control;

import java.util.List;
import java.util.Objects;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.OneLine;

/**
 * One request to a host's daemon: a verb and its arguments, each a non-empty word without white space (a pool
 * state, a fault point's name), and only those the verb is sent with ({@link Verb#checkArgs}): so neither end can
 * make or take another. On the wire it is one line ({@link ControlProtocol}).
 */
public record Request(Verb verb, List<String> args) {
    public Request {
        Objects.requireNonNull(verb, "verb");
        args = List.copyOf(args);
        for (String arg : args) {
            if (!isWord(arg)) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "'" + OneLine.of(arg)
                        + "' cannot be an argument of " + verb.word() + ": a word without spaces is");
            }
        }
        verb.checkArgs(args);
    }

    /** Non-empty, no white space or control character (a loop: the scripts' client starts cold). */
    private static boolean isWord(String arg) {
        if (arg.isEmpty()) {
            return false;
        }
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    public static Request of(Verb verb, String... args) {
        return new Request(verb, List.of(args));
    }

    /** The one argument this verb takes; exit 1 in one line otherwise. */
    public String onlyArg() {
        if (args.size() != 1) {
            throw new HaException(ExitCode.INVALID_PARAMETER, verb.word() + " takes one argument, not " + args.size());
        }
        return args.get(0);
    }

    /** As on the wire, without the end of line: for logs and messages. */
    @Override
    public String toString() {
        return args.isEmpty() ? verb.word() : verb.word() + " " + String.join(" ", args);
    }
}
