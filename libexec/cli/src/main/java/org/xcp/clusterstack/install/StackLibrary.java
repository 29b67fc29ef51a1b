package org.xcp.clusterstack.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * The one directory of jars every installed stack shares ({@code /usr/share/cluster-stack/lib} on a host): the
 * api, common, control, client, daemon, the in-tree stacks and their libraries, each once. A stack's directory
 * holds no jar; its {@code ha_env.rc} names this directory relative to itself. The scripts' class-data-sharing
 * archive is {@code ../client.jsa} beside it, one for every stack (their client class path is the same).
 */
public final class StackLibrary {
    /** The scripts' class-data archive, in the library's parent directory. */
    public static final String CLIENT_ARCHIVE = "client.jsa";

    private final Path dir;
    private final List<Path> jars;

    private StackLibrary(Path dir, List<Path> jars) {
        this.dir = dir;
        this.jars = List.copyOf(jars);
    }

    /** The jars where they are, for a caller that lays them out itself (the demo): their own directory. */
    public static StackLibrary inPlace(List<Path> jars) {
        List<Path> libraries = libraries(jars);
        return new StackLibrary(libraries.get(0).toAbsolutePath().normalize().getParent(), libraries);
    }

    /**
     * The library in {@code dir}: the jars are copied there only if it is not where they already are (a
     * package's staging root, a scratch root); a copy made by an earlier install that this one no longer ships is
     * removed (the names are kept in {@code dir/.installed}), nothing else.
     */
    public static StackLibrary placedIn(Path dir, List<Path> ownJars) {
        List<Path> libraries = libraries(ownJars);
        Path target = dir.toAbsolutePath().normalize();
        Path source = libraries.get(0).toAbsolutePath().normalize().getParent();
        try {
            if (Files.isDirectory(target) && Files.isSameFile(target, source)) {
                return new StackLibrary(target, libraries);
            }
            Files.createDirectories(target);
            Set<String> previous = InstallRecord.read(target);
            Set<String> written = new LinkedHashSet<>();
            List<Path> placed = new ArrayList<>();
            for (Path jar : libraries) {
                Path copy = target.resolve(jar.getFileName().toString());
                InstallRecord.copy(jar, copy);
                written.add(copy.getFileName().toString());
                placed.add(copy);
            }
            InstallRecord.removeNoLongerWritten(target, previous, written);
            InstallRecord.write(target, written);
            return new StackLibrary(target, placed);
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot place the stacks' jars in " + target + ": " + e);
        }
    }

    /**
     * The library already in {@code dir}, as an install placed it: what {@code install --archive-only} (a package's
     * {@code %post}) makes the archive for. Exit 16 if the scripts' client is not there.
     */
    public static StackLibrary existing(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        try (var files = Files.list(target)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            StackLibrary library = new StackLibrary(target, jars);
            library.clientJarNames(); // exit 16 when the client, or a jar it needs, is missing
            return library;
        } catch (IOException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "no library of the stacks' jars in " + target
                    + " (install places it there): " + e.getMessage());
        }
    }

    /** Every jar but the CLI's own (the first of {@code ownJars}): the CLI is not a library of the stacks. */
    private static List<Path> libraries(List<Path> ownJars) {
        List<Path> libraries = ownJars.stream().filter(j -> !j.getFileName().toString().equals("cluster-stack.jar"))
                .toList();
        if (libraries.isEmpty()) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "no jar beside this tool's own: it runs from"
                    + " cluster-stack.jar with lib/ beside it");
        }
        return libraries;
    }

    public Path dir() {
        return dir;
    }

    public List<Path> jars() {
        return jars;
    }

    /** The scripts' class-data archive every stack shares: {@code client.jsa} in the library's parent. */
    public Path archive() {
        return dir.getParent().resolve(CLIENT_ARCHIVE);
    }

    /** The scripts' class path, as jar names in this directory (the client's manifest says which). */
    List<String> clientJarNames() {
        return ClientClassPath.of(jars);
    }

    String clientMain() {
        return ClientClassPath.mainClass(jars);
    }

    /** The scripts' class path as absolute paths, as the archive's training run uses it. */
    String clientClassPath() {
        return String.join(":", clientJarNames().stream().map(n -> dir.resolve(n).toString()).toList());
    }
}
