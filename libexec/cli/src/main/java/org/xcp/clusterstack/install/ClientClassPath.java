package org.xcp.clusterstack.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * The scripts' class path, as the client's own jar states it: the client jar first, then the jars its
 * manifest's {@code Class-Path} names (written by its build, whose enforcer rule allows only the api, the
 * common module and the control protocol). Nothing else of {@code lib/} reaches a cold script's JVM.
 */
final class ClientClassPath {
    private ClientClassPath() {
    }

    /** The file names, in class-path order, among {@code jars}; exit 16 if the client or one it needs is missing. */
    static List<String> of(List<Path> jars) {
        Path client = jars.stream().filter(j -> j.getFileName().toString().startsWith(StackInstaller.CLIENT_JAR_PREFIX))
                .findFirst().orElseThrow(() -> new HaException(ExitCode.INVALID_ENVIRONMENT, "the scripts' client jar ("
                        + StackInstaller.CLIENT_JAR_PREFIX + "*.jar) is not among this tool's jars"));
        List<String> names = new ArrayList<>(List.of(client.getFileName().toString()));
        String classPath;
        try (JarFile jar = new JarFile(client.toFile())) {
            classPath = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot read " + client + ": " + e.getMessage());
        }
        if (classPath == null) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, client + " names no Class-Path in its manifest");
        }
        for (String needed : classPath.trim().split("\\s+")) {
            if (jars.stream().noneMatch(j -> j.getFileName().toString().equals(needed))) {
                throw new HaException(ExitCode.INVALID_ENVIRONMENT, "the scripts' client needs " + needed
                        + ", which is not among this tool's jars");
            }
            names.add(needed);
        }
        return List.copyOf(names);
    }
}
