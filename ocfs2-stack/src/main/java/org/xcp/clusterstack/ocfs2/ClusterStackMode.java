package org.xcp.clusterstack.ocfs2;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.InputFile;
import org.xcp.clusterstack.api.spi.SettingKey;
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
    /** A sysfs attribute is at most a page; 64 KiB leaves room. */
    static final long MAX_FILE_BYTES = 64 << 10;
    /** The keys that choose the mode, as the man page lists them. */
    public static final List<SettingKey> SETTING_KEYS = List.of(
            new SettingKey(KEY, AUTO, "o2cb, pcmk, or auto: read the kernel's answer from the file below"),
            new SettingKey(FILE_KEY, DEFAULT_FILE.toString(), "shows o2cb or pcmk while the ocfs2 module is"
                    + " loaded; missing in auto mode is exit 16"));
    public static final Set<String> KEYS = SettingKey.names(SETTING_KEYS);

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
        // a sysfs attribute (4 KiB at most); a FIFO or a device put there by a setting is refused before it is opened
        byte[] bytes = InputFile.readIfPresent(file, "a sysfs attribute", MAX_FILE_BYTES, ExitCode.INVALID_ENVIRONMENT)
                .orElseThrow(() -> new HaException(ExitCode.INVALID_ENVIRONMENT, file + " does not exist, so OCFS2's"
                        + " cluster stack cannot be told (is the ocfs2 module loaded?): load it, or set " + KEY
                        + " = o2cb or pcmk"));
        String shown = InputFile.utf8(file, bytes, ExitCode.INVALID_ENVIRONMENT).strip();
        for (ClusterStackMode m : values()) {
            if (m.text.equals(shown)) {
                return m;
            }
        }
        throw new HaException(ExitCode.INVALID_ENVIRONMENT, file + ": expected o2cb or pcmk, got '" + shown + "'");
    }
}
