package org.xcp.clusterstack.api;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one line an {@code ha_*} script writes on stderr when it fails, in the shape of xhad's scripts
 * ({@code xenserver/xha scripts/ha_rc}, its {@code error} function): what {@code date} prints, the message, and
 * the exit code in parentheses. xapi logs a failed script's stderr verbatim at debug level, after its own warning
 * that names the code ({@code ocaml/xapi/xha_scripts.ml}, {@code helpers.ml}); it never parses it. Where xhad's
 * line for a failed start only says that the daemon stopped, ours names the script, says why and what to do:
 *
 * <pre>Mon Dec  7 08:35:53 UTC 2026 ha_start_daemon: REASON; ADVICE (13)</pre>
 *
 * The reason comes with the failure (an {@link HaException}, the daemon's reply or start report); the advice is
 * the code's own ({@link ExitCode#advice}), so the same code always ends with the same words.
 */
public final class FailureLine {
    /** {@code date}'s format with no locale set, as xapi runs scripts (only PATH in the environment). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy",
            Locale.US);

    private FailureLine() {
    }

    /** The line, without its newline: {@code DATE WHO: REASON; ADVICE (N)}. */
    public static String of(ZonedDateTime when, String who, ExitCode code, String reason) {
        return date(when) + " " + who + ": " + sentence(code, reason) + " (" + code.number() + ")";
    }

    /** {@link #of} at the current time in the host's time zone, as {@code date} would show it. */
    public static String now(String who, ExitCode code, String reason) {
        return of(ZonedDateTime.now(), who, code, reason);
    }

    /**
     * What went wrong and what to do: the reason (the code's meaning when there is none), then {@code "; "} and the
     * code's advice unless the reason already ends with it. One line, whatever the reason held.
     */
    public static String sentence(ExitCode code, String reason) {
        String what = OneLine.of(reason);
        if (what.isEmpty()) {
            what = code.meaning();
        }
        String advice = code.advice();
        return advice.isEmpty() || what.endsWith(advice) ? what : what + "; " + advice;
    }

    /** {@code Thu Jan  1 00:00:00 UTC 1970}: the day of the month padded with a blank, the zone's abbreviation. */
    public static String date(ZonedDateTime when) {
        ZonedDateTime t = when.getZone().equals(ZoneOffset.UTC) ? when.withZoneSameInstant(ZoneId.of("UTC")) : when;
        return DATE.format(t);
    }
}
