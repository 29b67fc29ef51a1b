package org.xcp.clusterstack.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;

/** A verb is spelled once: the script's name without ha_ is the shim's verb and the socket's. */
class VerbTest {
    @Test
    void everyScriptHasOneVerbSpelledAsItsFileNameWithoutHa() {
        for (HaScript script : HaScript.values()) {
            assertThat(Arrays.stream(Verb.values()).filter(v -> v.script().equals(java.util.Optional.of(script))))
                    .as(script.fileName()).containsExactly(Verb.of(script));
            assertThat("ha_" + Verb.of(script).word()).isEqualTo(script.fileName());
        }
    }

    @Test
    void theDaemonOnlyVerbsHaveNoScript() {
        assertThat(Arrays.stream(Verb.values()).filter(v -> v.script().isEmpty()))
                .containsExactly(Verb.STATE, Verb.STATUS, Verb.FIST);
        assertThat(Verb.STATE.word()).isEqualTo("state");
        assertThat(Verb.FIST.word()).isEqualTo("fist");
    }

    @Test
    void everyWordParsesBackToItsVerb() {
        for (Verb verb : Verb.values()) {
            assertThat(Verb.parse(verb.word())).isEqualTo(verb);
        }
        assertThat(Arrays.stream(Verb.values()).map(Verb::word).distinct()).hasSize(Verb.values().length);
    }

    @Test
    void anUnknownWordIsExit1InOneLineNamingTheKnown() {
        assertThatThrownBy(() -> Verb.parse("liveset"))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER))
                .hasMessageStartingWith("unknown verb 'liveset' (known: set_pool_state, start_daemon,")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theSocketTakesOnlyTheArgumentsTheScriptsAndTheCliSend() {
        for (Verb verb : Verb.values()) {
            switch (verb) {
                case START_DAEMON -> assertRefused(verb, List.of(), "start_daemon is done by the scripts' client,"
                        + " never asked of a daemon");
                case SET_POOL_STATE -> {
                    verb.checkArgs(List.of("ACTIVE"));
                    verb.checkArgs(List.of("INVALID"));
                }
                case FIST -> {
                    verb.checkArgs(List.of("list"));
                    verb.checkArgs(List.of("enable", "sf.slow.once"));
                    verb.checkArgs(List.of("disable", "sf.slow.once"));
                }
                default -> {
                    verb.checkArgs(List.of());
                    assertRefused(verb, List.of("-C", "/etc/xensource/xhad.conf"), verb.word()
                            + " takes no arguments, not 2 ('-C /etc/xensource/xhad.conf')");
                }
            }
        }
    }

    @Test
    void aPoolStateOtherThanActiveOrInvalidIsExit1NamingIt() {
        assertRefused(Verb.SET_POOL_STATE, List.of("BOGUS"), "set_pool_state takes ACTIVE or INVALID, not 'BOGUS'");
        assertRefused(Verb.SET_POOL_STATE, List.of("active"), "set_pool_state takes ACTIVE or INVALID, not 'active'");
        assertRefused(Verb.SET_POOL_STATE, List.of("NONE"), "set_pool_state takes ACTIVE or INVALID, not 'NONE'");
        assertRefused(Verb.SET_POOL_STATE, List.of(), "set_pool_state takes one pool state (ACTIVE or INVALID),"
                + " not 0 arguments");
        assertRefused(Verb.SET_POOL_STATE, List.of("ACTIVE", "INVALID"), "set_pool_state takes one pool state"
                + " (ACTIVE or INVALID), not 2 arguments");
    }

    /** xapi's {@code ha_set_pool_state init} is the client's own, and 15 while a daemon runs (spec §1.4). */
    @Test
    void initIsNeverAskedOfADaemonItIs15() {
        assertThatThrownBy(() -> Request.of(Verb.SET_POOL_STATE, "INIT"))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.DAEMON_IS_PRESENT))
                .hasMessageStartingWith("set_pool_state INIT: a daemon runs on this host;")
                .hasMessageNotContaining("\n");
    }

    @Test
    void fistTakesListOrEnableOrDisableWithAName() {
        for (List<String> bad : List.of(List.<String>of(), List.of("list", "sf.slow"), List.of("enable"),
                List.of("disable", "a", "b"), List.of("on", "sf.slow"))) {
            assertRefused(Verb.FIST, bad, "usage: fist enable NAME, fist disable NAME or fist list");
        }
    }

    private static void assertRefused(Verb verb, List<String> args, String message) {
        assertThatThrownBy(() -> new Request(verb, args)).as("%s %s", verb.word(), args)
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER))
                .hasMessage(message);
    }
}
