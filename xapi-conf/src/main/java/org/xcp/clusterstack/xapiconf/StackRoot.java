package org.xcp.clusterstack.xapiconf;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * The {@code cluster-stack-root} directory: one subdirectory per installed stack (selector.md §5.2).
 * Nothing is cached; every call looks at the file system as it is now.
 *
 * <p>A stack is installed when {@code <root>/<name>} is a directory. That is stricter than xapi's plain
 * existence check (a framework rule); a symbolic link to a directory counts, as it does for xapi's
 * access check and for running the scripts inside it.
 */
public record StackRoot(Path directory) {
    /** The directory is made absolute and normalised, so containment checks compare like with like. */
    public StackRoot {
        directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /**
     * The installed stacks, sorted by name. Entries whose names are not valid stack names, plain files
     * and links to anything but a directory are not stacks and are left out.
     *
     * @throws HaException {@link ExitCode#INVALID_ENVIRONMENT} if the root cannot be listed
     */
    public List<InstalledStack> installed() {
        List<InstalledStack> stacks = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (StackName.isValid(name) && Files.isDirectory(entry)) {
                    stacks.add(new InstalledStack(new StackName(name), entry));
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            IOException cause = e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
            throw new HaException(ExitCode.INVALID_ENVIRONMENT,
                    "cannot list cluster-stack-root " + Text.quote(directory) + ": " + Text.reason(cause), e);
        }
        stacks.sort(Comparator.comparing(InstalledStack::name));
        return List.copyOf(stacks);
    }

    /** The stack of that name, if its directory exists under this root now. */
    public Optional<InstalledStack> find(StackName name) {
        Path candidate;
        try {
            candidate = directory.resolve(name.value()).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty(); // a name the platform cannot spell cannot be installed
        }
        // StackName already excludes '/', "." and ".."; this is the second lock on the same door.
        if (!directory.equals(candidate.getParent())) {
            return Optional.empty();
        }
        return Files.isDirectory(candidate) ? Optional.of(new InstalledStack(name, candidate)) : Optional.empty();
    }

    public boolean isInstalled(StackName name) {
        return find(name).isPresent();
    }
}
