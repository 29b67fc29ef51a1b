package org.xcp.clusterstack.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.xcp.clusterstack.api.ApiVersion;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;

/**
 * A stack jar made by a test: provider classes compiled now by the JDK's compiler against this class path, the
 * service file naming them, and a MANIFEST recording (or not) the API version it was built against.
 */
final class TinyStackJar {
    private final Map<String, String> providers = new LinkedHashMap<>(); // class name -> stack name
    private String apiVersion = ApiVersion.CURRENT.toString();
    private boolean declare = true;

    static TinyStackJar providing(String stack) {
        return new TinyStackJar().andProviding(stack);
    }

    /** A jar of plain classes, a library a stack needs: no provider, no service file. */
    static TinyStackJar library() {
        TinyStackJar j = new TinyStackJar();
        j.declare = false;
        j.apiVersion = null;
        return j;
    }

    TinyStackJar andProviding(String stack) {
        providers.put("door.s" + providers.size() + "_" + stack.replaceAll("\\W", "_") + ".Provider", stack);
        return this;
    }

    TinyStackJar builtAgainst(String version) {
        apiVersion = version;
        return this;
    }

    TinyStackJar withoutApiVersion() {
        apiVersion = null;
        return this;
    }

    /** The classes are there, but no {@code META-INF/services} file names them. */
    TinyStackJar undeclared() {
        declare = false;
        return this;
    }

    Path writeTo(Path jar) throws IOException {
        Path work = Files.createTempDirectory("tiny-stack-src");
        try {
            return writeTo(jar, work);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private Path writeTo(Path jar, Path work) throws IOException {
        List<String> sources = new ArrayList<>();
        for (Map.Entry<String, String> p : providers.entrySet()) {
            String pkg = p.getKey().substring(0, p.getKey().lastIndexOf('.'));
            Path src = work.resolve(pkg.replace('.', '/')).resolve("Provider.java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, """
                    package %s;
                    public final class Provider implements org.xcp.clusterstack.api.spi.ClusterStackProvider {
                        @Override
                        public org.xcp.clusterstack.api.spi.StackManifest manifest() {
                            return new org.xcp.clusterstack.api.spi.StackManifest("%s", "a stack a test compiled",
                                    "self", java.util.Optional.empty());
                        }
                    }
                    """.formatted(pkg, p.getValue()));
            sources.add(src.toString());
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        if (!sources.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                    System.getProperty("java.class.path")));
            args.addAll(sources);
            assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac").isZero();
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (apiVersion != null) {
            manifest.getMainAttributes().put(new Attributes.Name(ApiVersion.ATTRIBUTE), apiVersion);
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    add(out, classes.relativize(f).toString(), Files.readAllBytes(f));
                }
            }
            if (declare && !providers.isEmpty()) {
                add(out, "META-INF/services/" + ClusterStackProvider.class.getName(),
                        (String.join("\n", providers.keySet()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void add(OutputStream o, String name, byte[] bytes) throws IOException {
        JarOutputStream out = (JarOutputStream) o;
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
