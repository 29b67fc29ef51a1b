package org.xcp.clusterstack.common.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.StackSettings;

/** A stack's settings file on disk ({@link StackSettings#fileFor}): read whole, parsed by the api's format. */
public final class StackSettingsFile {
    private StackSettingsFile() {
    }

    /** Reads {@code file}; a missing file is {@link StackSettings#none}, an unreadable one exit 6. */
    public static StackSettings read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return StackSettings.none(file);
        } catch (IOException e) {
            throw new HaException(ExitCode.CAN_NOT_READ_CONFIG_FILE, file + ": cannot read: " + e.getMessage());
        }
        return StackSettings.parse(file, text);
    }
}
