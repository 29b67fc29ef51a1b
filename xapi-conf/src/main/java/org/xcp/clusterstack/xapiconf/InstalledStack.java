package org.xcp.clusterstack.xapiconf;

import java.nio.file.Path;
import java.util.Objects;

/** A stack found under the root: its name and its directory ({@code <root>/<name>}). */
public record InstalledStack(StackName name, Path directory) {
    public InstalledStack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
    }

    public Path supportedSrsFile() {
        return directory.resolve(SupportedSrs.FILE_NAME);
    }

    /** Read fresh on every call, never cached (selector.md §7). */
    public SupportedSrs supportedSrs() {
        return SupportedSrs.readFrom(supportedSrsFile());
    }
}
