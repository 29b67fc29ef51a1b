package org.xcp.clusterstack.xapiconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.xcp.clusterstack.api.HaException;

class XapiConfReaderProperties {
    /**
     * xapi's pattern as a Java regex: an oracle written independently of {@link ConfLine}'s scanner. DOTALL
     * because Emacs '.' only stops at LF, which a line never holds, while Java's would stop at CR.
     */
    private static final Pattern XAPI = Pattern.compile("([^=\\\\ \t]+)[\\\\ \t]*=[\\\\ \t]*(.*)", Pattern.DOTALL);

    @Property(tries = 2000)
    void theLineScannerAgreesWithXapisPattern(@ForAll("lines") String line) {
        String stripped = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
        stripped = stripped.replaceAll("[ \t]+\\z", ""); // Emacs $ is end of line: LF only, never CR
        Matcher m = XAPI.matcher(stripped);
        Optional<ConfLine.Assignment> expected = m.find()
                ? Optional.of(new ConfLine.Assignment(m.group(1), ConfLine.stripQuotes(m.group(2))))
                : Optional.empty();

        assertThat(ConfLine.parse(line)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void readingArbitraryLinesFailsOnlyWithHaException(@ForAll @Size(max = 8) List<@Size(max = 6) List<Byte>> lines)
            throws IOException {
        Path tmp = Files.createTempDirectory("xapi-conf-prop");
        try {
            Path dir = Files.createDirectories(tmp.resolve("xapi.conf.d"));
            Files.write(tmp.resolve("xapi.conf"), render(lines, 0));
            Files.write(dir.resolve("50-ha"), render(lines, 1));
            try {
                XapiConfReader.read(tmp.resolve("xapi.conf"), dir, List.of(tmp, Path.of(""))).validate();
            } catch (HaException expected) {
                assertThat(expected.getMessage()).doesNotContain("\n", "\r");
            }
        } finally {
            try (Stream<Path> all = Files.walk(tmp)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Each line starts with one of our keys (or garbage) and continues with bytes chosen to hit the rules. */
    private static byte[] render(List<List<Byte>> lines, int variant) {
        String[] keys = {"cluster-stack-root", "cluster-stack-default", "search-path", "x"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(keys[(i + variant) % keys.length].getBytes(StandardCharsets.US_ASCII));
            for (byte b : lines.get(i)) {
                out.write(interesting(b));
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static int interesting(byte b) {
        byte[] special = {'=', ' ', '\t', '\\', '#', '"', '\'', '\r', 0, '/', '.', ':', (byte) 0xc3, (byte) 0xa9,
            (byte) 0xff, 'a'};
        return (b & 0x80) == 0 ? special[b & 0x0f] : b & 0xff;
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.strings().withChars("=\\ \t#\"'\rab-_\u00e9\0").ofMaxLength(24);
    }
}
