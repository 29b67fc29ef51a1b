package org.xcp.clusterstack.common.settings;

import java.nio.file.Path;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.InputFile;
import org.xcp.clusterstack.api.spi.StackSettings;

/** A stack's settings file on disk ({@link StackSettings#fileFor}): read whole, parsed by the api's format. */
public final class StackSettingsFile {
    /** A settings file is a few lines. */
    static final long MAX_FILE_BYTES = 1 << 20;

    private StackSettingsFile() {
    }

    /**
     * Reads {@code file}; a missing file is {@link StackSettings#none}. Anything there that is not a regular file
     * of at most 1 MiB of UTF-8 (a FIFO, a device, a directory: refused before it is opened) or cannot be read is
     * exit 7, as a settings file that does not parse is.
     */
    public static StackSettings read(Path file) {
        String text;
        try {
            text = InputFile.readUtf8(file, "a stack settings file", MAX_FILE_BYTES, ExitCode.CAN_NOT_READ_CONFIG_FILE,
                    ExitCode.INVALID_CONFIG_FILE);
        } catch (HaException e) {
            if (e.exitCode() == ExitCode.CAN_NOT_READ_CONFIG_FILE) { // nothing there: the stack's defaults
                return StackSettings.none(file);
            }
            throw e;
        }
        return StackSettings.parse(file, text);
    }
}
