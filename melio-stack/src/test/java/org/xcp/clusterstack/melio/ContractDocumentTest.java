package org.xcp.clusterstack.melio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.spi.StackSettings;

/** CONTRACT.md is a contract: its examples are answers the stack accepts, its sketch works, its tests exist. */
class ContractDocumentTest {
    static final Path CONTRACT = Path.of("CONTRACT.md");
    /** The pool of the example session (§2.3), seen from its first host. */
    static final HaUuid H1 = HaUuid.parse("2a1b3c4d-5e6f-4a0b-9c1d-2e3f4a5b6c7d");
    static final HaUuid H2 = HaUuid.parse("6c9e1f0a-3b2d-4e5f-8a7b-9c0d1e2f3a4b");
    static final HaUuid H3 = HaUuid.parse("d4e5f6a7-b8c9-4d0e-a1f2-b3c4d5e6f7a8");
    static final Set<HaUuid> POOL = Set.of(H1, H2, H3);

    @TempDir
    Path dir;

    /** A command of a console block and what it printed. */
    record Exchange(String command, List<String> output) {
    }

    static String text() throws Exception {
        return Files.readString(CONTRACT);
    }

    static List<String> blocks(String text, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    static List<Exchange> exchanges(String text) {
        List<Exchange> all = new ArrayList<>();
        for (String block : blocks(text, "console")) {
            Exchange current = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("$ ")) {
                    current = new Exchange(line.substring(2), new ArrayList<>());
                    all.add(current);
                } else {
                    current.output().add(line);
                }
            }
        }
        return all;
    }

    @Test
    void everyStatusAnswerInTheExampleSessionIsReadAsWritten() throws Exception {
        List<Exchange> answers = exchanges(text()).stream().filter(e -> e.command().endsWith(" status")).toList();

        assertThat(answers).hasSize(3);
        for (Exchange e : answers) {
            String answer = String.join("\n", e.output()) + "\n";
            HaUuid local = HaUuid.parse(e.output().stream().filter(l -> l.startsWith("member=")).findFirst()
                    .orElseThrow().substring("member=".length()));
            assertThat(MelioStatus.parse(answer, POOL, local).render()).isEqualTo(answer);
        }
    }

    @Test
    void theSketchWorksWithTheStackAndRefusesADisarmAsTheSessionShows() throws Exception {
        List<Exchange> session = exchanges(text());
        int disarm = session.indexOf(session.stream().filter(e -> e.command().endsWith(" disarm-fencing"))
                .findFirst().orElseThrow());
        String reason = session.get(disarm).output().get(0);
        int exit = Integer.parseInt(session.get(disarm + 1).output().get(0));
        String sketch = blocks(text(), "sh").get(0);
        String stubs = "melio_quorate() { echo yes; }\n"
                + "melio_member_host_uuids() { printf '%s\\n' " + H1.dashed() + " " + H2.dashed() + " " + H3.dashed()
                + "; }\n"
                + "melio_fence_window_ms() { echo 30000; }\n"
                + "melio_tie_break_rule() { echo 'even split: the half holding the lowest host UUID survives'; }\n"
                + "melio_fencing_armed() { echo yes; }\n"
                + "melio_disarm_fencing() { echo '" + reason + "' >&2; return 1; }\n";
        Path command = dir.resolve("melio-cluster");
        int firstLineEnd = sketch.indexOf('\n') + 1;
        Files.writeString(command, sketch.substring(0, firstLineEnd) + stubs + sketch.substring(firstLineEnd));
        command.toFile().setExecutable(true);
        DaemonConfig pool = DaemonConfig.builder().generation(HaUuid.parse("99999999-0000-4000-8000-000000000000"))
                .host(H1, "10.71.0.1").host(H2, "10.71.0.2").host(H3, "10.71.0.3")
                .heartbeatInterface("xenbr0").stateFile(Path.of("/dev/statefile")).haTimeout(60).build(H1);
        StackSettings settings = StackSettings.of(MelioFixtures.SETTINGS_FILE, java.util.Map.of(
                MelioSettings.COMMAND, command.toString(), MelioSettings.FENCE_WINDOW, "30000"));

        try (MembershipSource source = new MelioStackProvider().open(MelioFixtures.context(pool, settings,
                new MelioFixtures.Log(), new MelioFixtures.WatchdogNotForMelio()))) {
            MembershipView view = source.view();
            HaException refused = catchThrowableOfType(HaException.class, source::disarmManagerFencing);

            assertThat(view.detail()).isEqualTo("melio: quorate, 3 of 3 pool hosts");
            assertThat(view.members()).containsExactlyInAnyOrder(H1, H2, H3);
            assertThat(refused.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(refused.getMessage()).endsWith(" disarm-fencing exited " + exit + ": " + reason);
        }
    }

    @Test
    void theTestsNamedForM1ToM11ExistAndEveryOneIsNamed() throws Exception {
        String text = text();
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("`(?:(\\w+Test)\\.)?(m\\d+(?:_m\\d+)?_\\w+)`").matcher(text);
        while (m.find()) {
            named.add((m.group(1) == null ? "MelioMembershipTest" : m.group(1)) + "." + m.group(2));
        }
        Set<String> existing = new TreeSet<>();
        for (Class<?> c : List.of(MelioMembershipTest.class, MelioStackProviderTest.class)) {
            existing.addAll(Arrays.stream(c.getDeclaredMethods()).map(Method::getName)
                    .filter(n -> n.matches("m\\d+_.*")).map(n -> c.getSimpleName() + "." + n)
                    .collect(Collectors.toSet()));
        }

        assertThat(named).isEqualTo(existing);
        for (int i = 1; i <= 11; i++) {
            assertThat(text).contains("**M" + i + ": ");
        }
    }

    @Test
    void theSeamTestsNamedExist() throws Exception {
        Matcher m = Pattern.compile("`(a\\w+)`").matcher(text());
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        Set<String> methods = Arrays.stream(MelioMembershipTest.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toSet());

        assertThat(named).isNotEmpty();
        assertThat(methods).containsAll(named);
    }
}
