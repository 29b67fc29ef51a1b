package org.xcp.clusterstack.daemon.hygiene;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.spi.StackSettings;

/**
 * The stack setting {@code process-hygiene}, the same for every stack: {@code best-effort} (the default) makes a
 * step the machine refuses a warning; {@code required} ends the start with exit 2 (xhad's MTC_EXIT_SYSTEM_ERROR,
 * which is what xhad does when it cannot get real-time scheduling); {@code off} leaves the process as its caller
 * made it, to compare with and without.
 */
public enum HygieneMode {
    REQUIRED("required"),
    BEST_EFFORT("best-effort"),
    OFF("off");

    private final String word;

    HygieneMode(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The mode {@code settings} ask for; an unknown word is exit 7 naming the file, the line and the key. */
    public static HygieneMode of(StackSettings settings) {
        Set<String> words = Arrays.stream(values()).map(HygieneMode::word).collect(Collectors.toSet());
        String word = settings.choice(StackSettings.PROCESS_HYGIENE, BEST_EFFORT.word, words);
        return Arrays.stream(values()).filter(m -> m.word.equals(word)).findFirst().orElseThrow();
    }
}
