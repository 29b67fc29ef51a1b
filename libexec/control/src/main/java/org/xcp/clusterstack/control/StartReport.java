package org.xcp.clusterstack.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.OneLine;

/**
 * Why a daemon's start failed, as the daemon reports it to {@code ha_start_daemon}: the file
 * {@link RunDir#startReport()}, one line {@code CODE REASON\n} (the exit code the daemon ends with, in decimal,
 * then its one-line reason). The daemon writes it atomically (a temporary file renamed over it) before it exits;
 * the script removes any earlier one before it starts a daemon, so a report it reads is its daemon's.
 */
public record StartReport(ExitCode code, String reason) {
    private static final Pattern LINE = Pattern.compile("(\\d{1,3}) (.*)\n?");

    public StartReport {
        Objects.requireNonNull(code, "code");
        reason = OneLine.of(reason);
    }

    public static StartReport of(HaException e) {
        return new StartReport(e.exitCode(), e.getMessage() == null ? "" : e.getMessage());
    }

    public String line() {
        return code.number() + " " + reason + "\n";
    }

    public void write(RunDir runDir) throws IOException {
        Path tmp = runDir.startReport().resolveSibling(runDir.startReport().getFileName() + ".tmp");
        Files.writeString(tmp, line(), StandardCharsets.UTF_8);
        Files.move(tmp, runDir.startReport(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The report in {@code runDir}, if there is one; a malformed one is exit 2 in one line. */
    public static Optional<StartReport> read(RunDir runDir) {
        String text;
        try {
            text = Files.readString(runDir.startReport(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot read the start report " + runDir.startReport()
                    + ": " + e);
        }
        return Optional.of(parse(text, runDir.startReport()));
    }

    static StartReport parse(String text, Path from) {
        Matcher m = LINE.matcher(text);
        Optional<ExitCode> code = m.matches() ? ExitCode.fromNumber(Integer.parseInt(m.group(1))) : Optional.empty();
        if (code.isEmpty()) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "malformed start report " + from + ": '"
                    + OneLine.of(text) + "' is not 'EXIT-CODE REASON'");
        }
        return new StartReport(code.get(), m.group(2));
    }

    /** Removes an earlier report, before a new start. */
    public static void clear(RunDir runDir) {
        try {
            Files.deleteIfExists(runDir.startReport());
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot remove the old start report " + runDir.startReport()
                    + ": " + e);
        }
    }
}
