package org.xcp.clusterstack.daemon.hygiene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code oom_score_adj} -1000: the kernel's OOM killer never picks the daemon (a killed daemon fences the host). */
final class OomScore {
    static final int NEVER_KILL = -1000;
    private static final Path FILE = Path.of("/proc/self/oom_score_adj");

    private OomScore() {
    }

    static StepOutcome adjust() {
        try {
            Files.writeString(FILE, NEVER_KILL + "\n");
            String now = current();
            return now.equals(Integer.toString(NEVER_KILL)) ? StepOutcome.done(HygieneStep.OOM_SCORE_ADJ, now)
                    : StepOutcome.refused(HygieneStep.OOM_SCORE_ADJ, FILE + " reads " + now + " after writing "
                            + NEVER_KILL);
        } catch (IOException e) {
            return StepOutcome.refused(HygieneStep.OOM_SCORE_ADJ, "writing " + FILE + ": " + CgroupEscape.reason(e));
        }
    }

    static String current() throws IOException {
        return Files.readString(FILE).strip();
    }
}
