package org.xcp.clusterstack.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;
import org.xcp.clusterstack.common.Providers;

/**
 * Every stack this tool can install: its own, found on its class path ({@link Providers}), and those behind the
 * third-party door, one directory per stack under the stacks directory ({@link DoorStack}). The one place
 * {@code install} and {@code verify} ask; the daemon host then loads a door stack because {@code ha_env.rc} puts
 * its jars on the daemon's class path. Every door directory is checked when the catalog is made, before anything
 * is written: a refusal is one line and exit 1, and leaves everything as it was.
 */
public final class StackCatalog {
    /** The third-party door on a host. */
    public static final String DEFAULT_STACKS_DIR = "/usr/lib/cluster-stack/stacks";
    /** Names another door when {@code --stacks-dir} is not given (tests, a scratch root). */
    public static final String STACKS_DIR_ENV = "CLUSTER_STACK_STACKS_DIR";

    private final Map<String, FoundStack> stacks;

    private StackCatalog(Map<String, FoundStack> stacks) {
        this.stacks = stacks;
    }

    /** This host's door: {@code CLUSTER_STACK_STACKS_DIR} when set (tests, a scratch root), else the default. */
    public static Path hostDoor() {
        String env = System.getenv(STACKS_DIR_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(DEFAULT_STACKS_DIR);
    }

    /** This tool's stacks and those in {@code stacksDir} (none if it does not exist); exit 1 for a bad door stack. */
    public static StackCatalog of(Path stacksDir, String version) {
        Map<String, FoundStack> found = new LinkedHashMap<>();
        for (ClusterStackProvider p : Providers.all()) {
            found.put(p.manifest().name(), FoundStack.inTree(StackManifests.forProvider(p.manifest(), version)));
        }
        for (Path dir : doorDirectories(stacksDir)) {
            FoundStack door = DoorStack.read(dir, version);
            FoundStack same = found.get(door.name());
            if (same != null) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "two stacks named '" + door.name() + "': "
                        + where(same) + " and " + dir + " (remove one)");
            }
            found.put(door.name(), door);
        }
        return new StackCatalog(found);
    }

    /** The directories under the door, sorted; none if it does not exist. Files and hidden entries are not stacks. */
    private static List<Path> doorDirectories(Path stacksDir) {
        if (!Files.isDirectory(stacksDir)) {
            if (Files.exists(stacksDir)) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "--stacks-dir " + stacksDir + " is not a directory");
            }
            return List.of();
        }
        try (Stream<Path> entries = Files.list(stacksDir)) {
            return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot list the stacks directory " + stacksDir + ": " + e);
        }
    }

    private static String where(FoundStack s) {
        return s.door().map(Path::toString).orElse("this tool's own");
    }

    /** Every stack, by name. */
    public List<FoundStack> all() {
        return stacks.values().stream().sorted(java.util.Comparator.comparing(FoundStack::name)).toList();
    }

    public Optional<FoundStack> named(String name) {
        return Optional.ofNullable(stacks.get(name));
    }

    /** The stacks {@code names} names, or every one if it names none; exit 1 for a name no stack has. */
    public List<FoundStack> select(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        List<FoundStack> chosen = new ArrayList<>();
        for (String name : names) {
            FoundStack s = named(name).orElseThrow(() -> new HaException(ExitCode.INVALID_PARAMETER, "--stack "
                    + name + ": no such stack (have: " + String.join(", ", stacks.keySet().stream().sorted()
                    .toList()) + ")"));
            if (!chosen.contains(s)) {
                chosen.add(s);
            }
        }
        return List.copyOf(chosen);
    }
}
