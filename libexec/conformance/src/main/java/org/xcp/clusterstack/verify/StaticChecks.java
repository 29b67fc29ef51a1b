package org.xcp.clusterstack.verify;

import static org.xcp.clusterstack.verify.Check.Group.STATIC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.ManifestReader;

/**
 * What verify checks without running anything: the manifest against its schema and the directory's name,
 * the eight scripts present (an optional one may be absent) and executable, {@code ha_supported_srs} as
 * xapi reads it (whitespace-separated SR type names, data, not a program) and as the manifest declares it.
 */
final class StaticChecks {
    private static final String SR_TYPE = "[A-Za-z0-9_\\-]{1,64}";

    private StaticChecks() {
    }

    /** Returns the manifest when it is valid. */
    static Optional<ManifestDocument> run(Path dir, Consumer<Check> out) {
        String stack = dir.getFileName().toString();
        Optional<ManifestDocument> manifest = Optional.empty();
        Path file = dir.resolve(ManifestDocument.FILE_NAME);
        try {
            ManifestDocument m = ManifestReader.read(file);
            manifest = Optional.of(m);
            out.accept(m.name().equals(stack) ? Check.passed(STATIC, "manifest")
                    : Check.failed(STATIC, "manifest", "manifest.xml names stack '" + m.name()
                    + "' but its directory is '" + stack + "' (xapi finds a stack by its directory's name)"));
        } catch (HaException e) {
            out.accept(Check.failed(STATIC, "manifest", Files.exists(file) ? "manifest.xml is invalid: "
                    + e.getMessage().replace(file + ":", "line ") : "manifest.xml is missing"));
        }
        for (HaScript script : HaScript.values()) {
            Path p = dir.resolve(script.fileName());
            String name = script.fileName();
            boolean optional = manifest.map(m -> m.isOptional(script)).orElse(false);
            if (!Files.exists(p)) {
                out.accept(optional ? Check.passed(STATIC, name) : Check.failed(STATIC, name,
                        name + " is missing" + (ManifestDocument.NEVER_CALLED.contains(script)
                        ? " and the manifest does not mark it optional" : "")));
            } else if (!Files.isRegularFile(p)) {
                out.accept(Check.failed(STATIC, name, name + " is not a regular file"));
            } else if (!Files.isExecutable(p)) {
                out.accept(Check.failed(STATIC, name, name + " is not executable (xapi checks X_OK before running it)"));
            } else {
                out.accept(Check.passed(STATIC, name));
            }
        }
        out.accept(supportedSrs(dir, manifest));
        return manifest;
    }

    private static Check supportedSrs(Path dir, Optional<ManifestDocument> manifest) {
        String name = "ha_supported_srs";
        Path file = dir.resolve(name);
        Optional<List<String>> declared = manifest.flatMap(ManifestDocument::supportedSrs);
        if (!Files.exists(file)) {
            return declared.isPresent() ? Check.failed(STATIC, name, "ha_supported_srs is missing but the manifest"
                    + " lists " + String.join(" ", declared.get()) + " (without it xapi accepts any SR type)")
                    : Check.passed(STATIC, name);
        }
        if (!Files.isRegularFile(file)) {
            return Check.failed(STATIC, name, "ha_supported_srs is not a regular file");
        }
        if (Files.isExecutable(file)) {
            return Check.failed(STATIC, name, "ha_supported_srs is executable; xapi reads it as data, never runs it");
        }
        List<String> types;
        try {
            String text = Files.readString(file);
            types = Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            return Check.failed(STATIC, name, "ha_supported_srs cannot be read as text: " + e.getMessage());
        }
        Optional<String> bad = types.stream().filter(t -> !t.matches(SR_TYPE)).findFirst();
        if (bad.isPresent()) {
            return Check.failed(STATIC, name, "ha_supported_srs holds '" + bad.get() + "', which is not an SR type name");
        }
        if (types.isEmpty()) {
            return Check.failed(STATIC, name, "ha_supported_srs lists no SR type, so xapi would accept no heartbeat SR");
        }
        if (manifest.isPresent() && declared.isEmpty()) {
            return Check.failed(STATIC, name, "ha_supported_srs lists " + String.join(" ", types)
                    + " but the manifest says any SR type");
        }
        if (declared.isPresent() && !java.util.Set.copyOf(types).equals(java.util.Set.copyOf(declared.get()))) {
            return Check.failed(STATIC, name, "ha_supported_srs lists " + String.join(" ", types)
                    + " but the manifest lists " + String.join(" ", declared.get()));
        }
        return Check.passed(STATIC, name);
    }
}
