package org.xcp.clusterstack.control;

import java.util.Arrays;
import java.util.Locale;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** The first argument of {@link Verb#FIST}: {@code enable NAME}, {@code disable NAME} or {@code list}. */
public enum FistAction {
    ENABLE(true),
    DISABLE(true),
    LIST(false);

    private final boolean takesName;

    FistAction(boolean takesName) {
        this.takesName = takesName;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean takesName() {
        return takesName;
    }

    public static FistAction parse(String word) {
        return Arrays.stream(values()).filter(a -> a.word().equals(word)).findFirst()
                .orElseThrow(FistAction::usage);
    }

    public static HaException usage() {
        return new HaException(ExitCode.INVALID_PARAMETER, "usage: fist enable NAME, fist disable NAME or fist list");
    }
}
