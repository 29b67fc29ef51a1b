package org.xcp.clusterstack.common.settings;

import java.nio.file.Path;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
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
        Optional<byte[]> bytes = InputFile.readIfPresent(file, "a stack settings file", MAX_FILE_BYTES,
                ExitCode.INVALID_CONFIG_FILE);
        if (bytes.isEmpty()) {
            return StackSettings.none(file);
        }
        String text = InputFile.utf8(file, bytes.get(), ExitCode.INVALID_CONFIG_FILE);
        return StackSettings.parse(file, text);
    }
}
