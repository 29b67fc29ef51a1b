import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites JNR's jffi native jar ({@code jni/<platform>/libjffi-*.so} for some 25 platforms) so that it keeps only
 * the directory {@code jni/<platform>/} of the platform the package is built for: a host can load no other.
 * Deterministic, so that the same input makes the same bytes: entries in name order, every time 1980-01-01 00:00.
 * Run by build-package.sh as {@code java KeepOneNativeLibrary.java JAR PLATFORM}; a platform the jar has no
 * library for is one line on stderr and exit 1, and the jar is left as it was.
 */
public final class KeepOneNativeLibrary {
    private static final LocalDateTime FIXED = LocalDateTime.of(1980, 1, 1, 0, 0);

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: KeepOneNativeLibrary JAR PLATFORM (e.g. x86_64-Linux)");
            System.exit(1);
        }
        Path jar = Path.of(args[0]);
        String keep = "jni/" + args[1] + "/";
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (ZipFile in = new ZipFile(jar.toFile())) {
            List<ZipEntry> entries = new ArrayList<>(in.stream().toList());
            entries.sort(Comparator.comparing(ZipEntry::getName));
            if (entries.stream().noneMatch(e -> !e.isDirectory() && e.getName().startsWith(keep))) {
                System.err.println(jar.getFileName() + " has no native library for " + args[1] + " (it has "
                        + entries.stream().map(ZipEntry::getName).filter(n -> n.matches("jni/[^/]+/"))
                                .map(n -> n.substring(4, n.length() - 1)).toList() + ")");
                System.exit(1);
            }
            try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(file)) {
                for (ZipEntry e : entries) {
                    String name = e.getName();
                    if (name.startsWith("jni/") && !name.equals("jni/") && !name.startsWith(keep)) {
                        continue; // another platform's library, or its directory
                    }
                    ZipEntry copy = new ZipEntry(name);
                    copy.setTimeLocal(FIXED);
                    out.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
