package org.xcp.clusterstack.xapiconf;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Helpers that keep every error message on one line, whatever bytes a file or a name holds. */
final class Text {
    private Text() {
    }

    /**
     * Double-quoted, with backslash, quote and every control character escaped: a CR left by a CRLF file
     * shows as {@code \r} instead of breaking the line, and an empty value is visible as {@code ""}.
     */
    static String quote(String s) {
        return quote(s, false);
    }

    /** Like {@link #quote(String)} for bytes held one per char (ISO-8859-1): bytes from 0x80 show as \xNN. */
    static String quoteBytes(String latin1) {
        return quote(latin1, true);
    }

    private static String quote(String s, boolean bytes) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (bytes && cp >= 0x80) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
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
