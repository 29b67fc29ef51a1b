package org.xcp.clusterstack.corosync.membership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A tools directory whose {@code corosync-quorumtool} and {@code corosync-cmapctl} replay a captured scenario
 * (stdout, stderr, exit status), switchable while a source reads it, or hang like a stopped corosync.
 */
final class FakeCorosync {
    private final Path dir;

    private FakeCorosync(Path dir) {
        this.dir = dir;
    }

    static FakeCorosync replaying(Path dir, String scenario) {
        FakeCorosync fake = new FakeCorosync(dir);
        fake.tool(CorosyncTools.QUORUMTOOL, "quorumtool");
        fake.tool(CorosyncTools.CMAPCTL, "cmapctl");
        fake.switchTo(scenario);
        return fake;
    }

    Path dir() {
        return dir;
    }

    /** From now on the tools answer as in {@code captured/<scenario>}. */
    void switchTo(String scenario) {
        Captured c = Captured.of(scenario);
        for (String tool : new String[] {"quorumtool", "cmapctl"}) {
            for (String part : new String[] {"out", "err", "rc"}) {
                write(dir.resolve(tool + "." + part), c.text(tool + "." + part));
            }
        }
    }

    /** Replaces what the tool prints with {@code stdout}, exiting {@code rc}. */
    void answer(String tool, String stdout, int rc) {
        write(dir.resolve(tool + ".out"), stdout);
        write(dir.resolve(tool + ".err"), "");
        write(dir.resolve(tool + ".rc"), rc + "\n");
    }

    /** The tools block until killed; each writes its pid to {@code <tool>.pid} first. */
    void hang(boolean on) {
        try {
            if (on) {
                Files.writeString(dir.resolve("hang"), "");
            } else {
                Files.deleteIfExists(dir.resolve("hang"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long lastPid(String tool) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(tool + ".pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void tool(String name, String files) {
        String d = dir.toString();
        write(dir.resolve(name), "#!/bin/sh\n"
                + "echo $$ > '" + d + "/" + files + ".pid'\n"
                + "if [ -e '" + d + "/hang' ]; then exec sleep 600; fi\n"
                + "cat '" + d + "/" + files + ".out'\n"
                + "cat '" + d + "/" + files + ".err' >&2\n"
                + "exit \"$(cat '" + d + "/" + files + ".rc')\"\n");
        try {
            Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(tmp, text);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
