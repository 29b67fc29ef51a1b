package org.xcp.clusterstack.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
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
}
