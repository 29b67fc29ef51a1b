package org.xcp.clusterstack.xapiconf;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.xcp.clusterstack.api.OneLine;

/** Helpers that keep every error message on one line, whatever bytes a file or a name holds. */
final class Text {
    private Text() {
    }

    static String quote(String s) {
        return OneLine.quote(s);
    }

    static String quoteBytes(String latin1) {
        return OneLine.quoteBytes(latin1);
    }

    static String quote(Path path) {
        return quote(path.toString());
    }

    /** The operating system's reason without the path, which the caller already names. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : quoteIfNeeded(e.getMessage());
    }

    private static String quoteIfNeeded(String s) {
        return s.chars().anyMatch(Character::isISOControl) ? quote(s) : s;
    }
}
