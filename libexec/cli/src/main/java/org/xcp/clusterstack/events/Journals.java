package org.xcp.clusterstack.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * Every event journal under some log bases, merged. A base is what a host's daemons write under
 * ({@code /var/log/cluster-stack}: {@code <stack>/<host UUID>/events.jsonl}), or a stack's or a host's directory
 * within one, or a copy of any of these collected from another host: each host keeps its own journal on its own
 * disk, so a pool's history is the union of its hosts' directories. Rotated journals ({@code events.jsonl.1},
 * {@code events.jsonl.2.gz}) count too. Entries are sorted by time; equal times keep their file's order.
 */
public final class Journals {
    /** {@code events.jsonl} and what logrotate makes of it. */
    static final Pattern JOURNAL_NAME = Pattern.compile("events\\.jsonl(\\.[0-9]+)?(\\.gz)?");
    /** {@code <base>/<stack>/<host>/events.jsonl} is three levels down; one more for a directory of copies. */
    private static final int DEPTH = 4;
    /** By directory, then the oldest rotation first ({@code .2.gz}, {@code .1}, then the live file). */
    private static final Comparator<Path> OLDEST_FIRST = Comparator.comparing((Path p) -> String.valueOf(p.getParent()))
            .thenComparing(Journals::rotation, Comparator.reverseOrder());

    private Journals() {
    }

    /** What was read: the entries in time order, the lines that were not journal lines, the files. */
    public record Loaded(List<JournalEntry> entries, List<MalformedLine> malformed, List<Path> files) {
    }

    /** The journal files under {@code bases}, each once; exit 1 naming a base that is not there. */
    public static List<Path> find(List<Path> bases) {
        Map<Path, Path> found = new LinkedHashMap<>();
        for (Path base : bases) {
            if (!Files.exists(base)) {
                throw new HaException(ExitCode.INVALID_PARAMETER, base + ": no such log directory");
            }
            if (Files.isRegularFile(base)) {
                found.putIfAbsent(real(base), base);
                continue;
            }
            try (Stream<Path> files = Files.find(base, DEPTH, (p, a) -> a.isRegularFile()
                    && JOURNAL_NAME.matcher(p.getFileName().toString()).matches())) {
                files.sorted(OLDEST_FIRST).forEach(p -> found.putIfAbsent(real(p), p));
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new HaException(ExitCode.INVALID_PARAMETER, base + ": cannot search for journals: "
                        + e.getMessage());
            }
        }
        return List.copyOf(found.values());
    }

    /** The journal files under {@code bases}; none at all is exit 1. */
    public static List<Path> findSome(List<Path> bases) {
        List<Path> files = find(bases);
        if (files.isEmpty()) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "no event journal under " + String.join(", ",
                    bases.stream().map(Path::toString).toList()) + " (a host's daemon writes"
                    + " <log base>/<stack>/<host UUID>/events.jsonl; see docs/events.md)");
        }
        return files;
    }

    /** Finds and reads every journal under {@code bases}; none at all is exit 1. */
    public static Loaded load(List<Path> bases) {
        List<Path> files = findSome(bases);
        List<JournalEntry> entries = new ArrayList<>();
        List<MalformedLine> malformed = new ArrayList<>();
        for (Path file : files) {
            JournalReader.Contents contents = JournalReader.read(file);
            entries.addAll(contents.entries());
            malformed.addAll(contents.malformed());
        }
        return new Loaded(sorted(entries), List.copyOf(malformed), files);
    }

    /** In time order; a stable sort, so that lines of one time keep the order they were read in. */
    public static List<JournalEntry> sorted(List<JournalEntry> entries) {
        List<JournalEntry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparing(JournalEntry::time));
        return List.copyOf(copy);
    }

    private static int rotation(Path p) {
        Matcher m = JOURNAL_NAME.matcher(p.getFileName().toString());
        return m.matches() && m.group(1) != null ? Integer.parseInt(m.group(1).substring(1)) : 0;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
