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
        Path client = clientJar(jars);
        List<String> names = new ArrayList<>(List.of(client.getFileName().toString()));
        String classPath = manifestAttribute(client, Attributes.Name.CLASS_PATH);
        for (String needed : classPath.trim().split("\\s+")) {
            if (jars.stream().noneMatch(j -> j.getFileName().toString().equals(needed))) {
                throw new HaException(ExitCode.INVALID_ENVIRONMENT, "the scripts' client needs " + needed
                        + ", which is not among this tool's jars");
            }
            names.add(needed);
        }
        return List.copyOf(names);
    }

    /** The class the shims run, as the client's jar names it ({@code Main-Class}); exit 16 if it names none. */
    static String mainClass(List<Path> jars) {
        return manifestAttribute(clientJar(jars), Attributes.Name.MAIN_CLASS).strip();
    }

    private static Path clientJar(List<Path> jars) {
        return jars.stream().filter(j -> j.getFileName().toString().startsWith(StackInstaller.CLIENT_JAR_PREFIX))
                .findFirst().orElseThrow(() -> new HaException(ExitCode.INVALID_ENVIRONMENT, "the scripts' client jar ("
                        + StackInstaller.CLIENT_JAR_PREFIX + "*.jar) is not among this tool's jars"));
    }

    private static String manifestAttribute(Path client, Attributes.Name name) {
        String value;
        try (JarFile jar = new JarFile(client.toFile())) {
            value = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue(name);
        } catch (IOException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot read " + client + ": " + e.getMessage());
        }
        if (value == null) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, client + " names no " + name + " in its manifest");
        }
        return value;
    }
}
