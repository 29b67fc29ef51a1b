package org.xcp.clusterstack.recover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who holds a POSIX lock on a file, from {@code /proc/locks}: each line is
 * {@code N: POSIX ADVISORY WRITE PID MAJ:MIN:INODE START END}; waiters ({@code N: -> ...}) and open file description
 * locks (pid -1) name no holder.
 */
final class ProcLocks {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private ProcLocks() {
    }

    static Optional<Long> holderOf(Path file) {
        long inode;
        try {
            inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            return holder(Files.readAllLines(PROC_LOCKS), inode);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> holder(Iterable<String> lines, long inode) {
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || f[1].equals("->") || !f[1].equals("POSIX")) {
                continue;
            }
            String[] device = f[5].split(":");
            try {
                if (device.length == 3 && Long.parseLong(device[2]) == inode) {
                    long pid = Long.parseLong(f[4]);
                    if (pid > 0) {
                        return Optional.of(pid);
                    }
                }
            } catch (NumberFormatException e) {
                // not a line of the expected shape
            }
        }
        return Optional.empty();
    }
}
