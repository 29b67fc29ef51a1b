package org.xcp.clusterstack.common.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.common.command.CommandResult.Outcome;

class CommandResultTest {
    @Test
    void theFirstNonBlankLineOfStderrIsKept_controlCharactersBlanked() {
        assertThat(CommandResult.exited(1, "", false, "\n\n  no\u0007 quorum \r\nmore\n").stderrLine())
                .isEqualTo("no  quorum");
        assertThat(CommandResult.exited(1, "", false, "").stderrLine()).isEmpty();
    }

    @Test
    void aLongFirstLineIsCutAt200Characters() {
        String said = CommandResult.exited(1, "", false, "x".repeat(500) + "\nnext").stderrLine();

        assertThat(said).isEqualTo("x".repeat(200) + "...");
    }

    @Test
    void onlyARunThatExitedHasAnExitStatus() {
        assertThat(CommandResult.timedOut().exitedWith(-1)).isFalse();
        assertThat(CommandResult.notStarted("error=13, Permission denied").exitedWith(-1)).isFalse();
        assertThat(CommandResult.notStarted("error=13,\nPermission denied")).isEqualTo(new CommandResult(
                Outcome.NOT_STARTED, -1, "", false, "", "error=13, Permission denied"));
    }
}
