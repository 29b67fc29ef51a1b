package org.xcp.clusterstack.ocfs2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.StackSettings;

/**
 * Which cluster stack OCFS2 runs on (stacks.md §3.7): the kernel's own o2cb, or the user stack ({@code pcmk}:
 * corosync and the kernel's fs/dlm). Setting {@code ocfs2.cluster_stack = auto|o2cb|pcmk}; {@code auto} reads
 * the kernel's {@code /sys/fs/ocfs2/cluster_stack} (setting {@code ocfs2.cluster_stack_file}).
 */
public enum ClusterStackMode {
    O2CB("o2cb"),
    PCMK("pcmk");

    public static final String KEY = "ocfs2.cluster_stack";
    public static final String FILE_KEY = "ocfs2.cluster_stack_file";
    public static final String AUTO = "auto";
    public static final Path DEFAULT_FILE = Path.of("/sys/fs/ocfs2/cluster_stack");
    public static final Set<String> KEYS = Set.of(KEY, FILE_KEY);

    private final String text;

    ClusterStackMode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The mode the settings choose; exit 7 for a bad value, 16 when {@code auto} finds no answer. */
    public static ClusterStackMode of(StackSettings settings) {
        String v = settings.choice(KEY, AUTO, Set.of(AUTO, O2CB.text, PCMK.text));
        if (!v.equals(AUTO)) {
            return v.equals(O2CB.text) ? O2CB : PCMK;
        }
        Path file = settings.path(FILE_KEY, DEFAULT_FILE);
        String shown;
        try {
            shown = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, file + " does not exist, so OCFS2's cluster stack"
                    + " cannot be told (is the ocfs2 module loaded?): load it, or set " + KEY + " = o2cb or pcmk");
        } catch (IOException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, file + ": cannot be read: " + e.getMessage());
        }
        for (ClusterStackMode m : values()) {
            if (m.text.equals(shown)) {
                return m;
            }
        }
        throw new HaException(ExitCode.INVALID_ENVIRONMENT, file + ": expected o2cb or pcmk, got '" + shown + "'");
    }
}
