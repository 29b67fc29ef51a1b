package org.xcp.clusterstack.common.command;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class CommandResultProperties {
    @Property
    void theStderrLineIsAlwaysOneLineOfAtMost203Characters(@ForAll String stderr) {
        String line = CommandResult.exited(2, "", false, stderr).stderrLine();

        assertThat(line).doesNotContain("\n", "\r").hasSizeLessThanOrEqualTo(203);
        assertThat(line).isEqualTo(line.strip());
    }
}
