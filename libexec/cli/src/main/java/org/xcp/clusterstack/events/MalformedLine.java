package org.xcp.clusterstack.events;

import java.nio.file.Path;

/** A line of a journal that is not a journal line (a torn last line after a crash, a hand edit): where and why. */
public record MalformedLine(Path file, int line, String reason) {
    /** One line for people: {@code FILE:LINE: not a journal line (REASON)}. */
    public String message() {
        return file + ":" + line + ": not a journal line (" + reason + ")";
    }
}
