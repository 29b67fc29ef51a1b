package org.xcp.clusterstack.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * Fuzzing the config reader: 10,000 mutated versions of real configs (truncations, swapped elements, bad
 * UUIDs, huge numbers, 65 hosts, bad encodings). Whatever the input, the reader either returns a config
 * that keeps every invariant of §3 or fails with exit 7 and one line; nothing else escapes.
 */
class DaemonConfigFuzzProperties {
    private static final List<String> BASES = List.of(
            ConfigFixtures.text(ConfigFixtures.XAPI_WRITTEN),
            ConfigFixtures.text(ConfigFixtures.XHAD_HOST1),
            ConfigFixtures.text("config-3host-h2.xml"),
            DaemonConfigReaderTest.withHosts(64));
    private static final Pattern LEAF = Pattern.compile("<([A-Za-z][\\w-]*)>([^<]*)</\\1>");

    /** One edit of a document, as bytes so that encodings can be broken too. */
    interface Mutation {
        byte[] apply(byte[] document);
    }

    @Property(tries = 10_000)
    void anyMutatedConfigIsEitherValidOrExit7(@ForAll("mutatedConfigs") byte[] document) {
        try {
            DaemonConfig config = DaemonConfigReader.parse(document, "fuzz.conf");
            assertThat(config.hostCount()).isBetween(1, 64);
            for (int i = 0; i < config.hostCount(); i++) {
                assertThat(config.hosts().get(i).index()).isEqualTo(i);
            }
            assertThat(config.host(config.local().hostId())).isPresent();
            Statistics.collect("accepted");
        } catch (HaException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
            assertThat(e.getMessage()).startsWith("fuzz.conf").doesNotContain("\n");
            Statistics.collect("exit 7");
        }
        Statistics.coverage(c -> {
            c.check("accepted").count(n -> n > 0);
            c.check("exit 7").count(n -> n > 0);
        });
    }

    @Property(tries = 2_000)
    void arbitraryBytesAreExit7(@ForAll byte[] document) {
        try {
            DaemonConfigReader.parse(document, "fuzz.conf");
        } catch (HaException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
            assertThat(e.getMessage()).startsWith("fuzz.conf").doesNotContain("\n");
            return;
        }
        throw new AssertionError("random bytes were accepted as an xhad.conf");
    }

    @Provide
    Arbitrary<byte[]> mutatedConfigs() {
        Arbitrary<byte[]> base = Arbitraries.of(BASES).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<List<Mutation>> edits = mutation().list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(base, edits).as((doc, list) -> {
            byte[] out = doc;
            for (Mutation m : list) {
                out = m.apply(out);
            }
            return out;
        });
    }

    private Arbitrary<Mutation> mutation() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        return Arbitraries.oneOf(
                where.map(f -> doc -> Arrays.copyOf(doc, (int) (doc.length * f))),
                Combinators.combine(where, Arbitraries.integers().between(1, 200))
                        .as((f, len) -> doc -> deleteRange(doc, (int) (doc.length * f), len)),
                Combinators.combine(where, Arbitraries.integers().between(0, 255))
                        .as((f, b) -> doc -> flipByte(doc, (int) (doc.length * f), b)),
                Combinators.combine(where, where).as((a, b) -> doc -> swapLeaves(doc, a, b)),
                Combinators.combine(where, leafValue()).as((f, v) -> doc -> replaceLeaf(doc, f, v)),
                Arbitraries.of("ISO-8859-1", "UTF-16", "UTF-32", "US-ASCII", "EBCDIC-XX", "")
                        .map(enc -> doc -> text(doc).replaceFirst("encoding=\"[^\"]*\"", "encoding=\"" + enc + "\"")
                                .getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(doc -> insertInvalidUtf8(doc)),
                Arbitraries.just(doc -> text(doc).replaceFirst("(?s)(<common-config>.*</common-config>)\\s*"
                        + "(<local-config>.*</local-config>)", "$2$1").getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(doc -> DaemonConfigReaderTest.withHosts(65).getBytes(StandardCharsets.UTF_8)));
    }

    private Arbitrary<String> leafValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "0", "-1", "+7", "4294967296", "9".repeat(40), "0x10", "1e3", "NONE",
                        "USER", "::1", "999.1.1.1", "fe80::1%lo", "aaaa", "&amp;", "<![CDATA[694]]>"),
                Arbitraries.strings().ascii().ofMaxLength(40).map(s -> s.replace("<", "").replace("&", "")),
                Arbitraries.strings().withCharRange('0', 'f').ofLength(32),
                Arbitraries.strings().all().ofMaxLength(10).map(s -> s.replace("<", "").replace("&", "")));
    }

    private static byte[] deleteRange(byte[] doc, int start, int len) {
        int end = Math.min(doc.length, start + len);
        byte[] out = new byte[doc.length - (end - start)];
        System.arraycopy(doc, 0, out, 0, start);
        System.arraycopy(doc, end, out, start, doc.length - end);
        return out;
    }

    private static byte[] flipByte(byte[] doc, int at, int value) {
        if (doc.length == 0) {
            return doc;
        }
        byte[] out = doc.clone();
        out[Math.min(at, doc.length - 1)] = (byte) value;
        return out;
    }

    private static byte[] insertInvalidUtf8(byte[] doc) {
        String s = text(doc);
        int at = s.indexOf("</HostID>");
        if (at < 0) {
            return doc;
        }
        byte[] head = s.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = s.substring(at).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + 2 + tail.length);
        out[head.length] = (byte) 0xC3;
        out[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, out, head.length + 2, tail.length);
        return out;
    }

    /** Swaps two whole leaf elements (e.g. a HostID with a StateFile): "swapped elements". */
    private static byte[] swapLeaves(byte[] doc, double a, double b) {
        String s = text(doc);
        List<int[]> leaves = leaves(s);
        if (leaves.size() < 2) {
            return doc;
        }
        int[] x = leaves.get((int) (a * (leaves.size() - 1)));
        int[] y = leaves.get((int) (b * (leaves.size() - 1)));
        if (x[0] > y[0]) {
            int[] t = x;
            x = y;
            y = t;
        }
        if (x[0] == y[0] || x[1] > y[0]) {
            return doc;
        }
        String swapped = s.substring(0, x[0]) + s.substring(y[0], y[1]) + s.substring(x[1], y[0])
                + s.substring(x[0], x[1]) + s.substring(y[1]);
        return swapped.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replaceLeaf(byte[] doc, double which, String value) {
        String s = text(doc);
        List<int[]> leaves = leaves(s);
        if (leaves.isEmpty()) {
            return doc;
        }
        int[] leaf = leaves.get((int) (which * (leaves.size() - 1)));
        Matcher m = LEAF.matcher(s.substring(leaf[0], leaf[1]));
        if (!m.matches()) {
            return doc;
        }
        String replaced = "<" + m.group(1) + ">" + value + "</" + m.group(1) + ">";
        return (s.substring(0, leaf[0]) + replaced + s.substring(leaf[1])).getBytes(StandardCharsets.UTF_8);
    }

    private static List<int[]> leaves(String s) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = LEAF.matcher(s);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    private static String text(byte[] doc) {
        return new String(doc, StandardCharsets.UTF_8);
    }
}
