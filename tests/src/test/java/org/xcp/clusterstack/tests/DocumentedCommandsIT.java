package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.xcp.clusterstack.cli.CommandLines;
import picocli.CommandLine;

/**
 * Every command the README and {@code docs/*.md} show as runnable works as written: in a {@code console} block,
 * a line {@code $ COMMAND   # exit N} is run with bash from the repository root and must exit N, and every
 * line shown under it must appear in its output (docs/development.md, "The documented commands are tests").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedCommandsIT {
    private static final Pattern RUNNABLE = Pattern.compile("^\\$ (.+?)\\s+# exit (\\d+)\\s*$");
    /** What the pages held when this test was written; fewer means the convention lapsed somewhere. */
    private static final int AT_LEAST = 40;
    private static final Path SCRATCH = Path.of("/var/tmp/cluster-stack-example");

    record Documented(Path page, int line, String command, int exit, List<String> shown) {
        String where() {
            return Cli.REPO.relativize(page) + ":" + line;
        }
    }

    @BeforeAll
    void freshScratch() {
        Cli.exec(List.of("rm", "-rf", "--", SCRATCH.toString()));
    }

    /** operators.md starts a one-host daemon; a failure between its start and its stop must not leave it running. */
    @AfterAll
    void stopTheOneHostDaemon() {
        Path xhad = SCRATCH.resolve("root/xhad");
        if (Files.isDirectory(xhad)) {
            Cli.exec(List.of("env", "-i", "PATH=/usr/bin:/bin:" + xhad, xhad.resolve("ha_stop_daemon").toString(), "-C",
                    Cli.REPO.resolve("examples/one-host.conf").toString()));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRunnableCommandWorksAsWritten() throws IOException {
        List<Documented> commands = new ArrayList<>();
        for (Path page : pages()) {
            commands.addAll(runnable(page));
        }
        assertThat(commands).as("runnable commands in the README and docs/").hasSizeGreaterThanOrEqualTo(AT_LEAST);
        return commands.stream().map(c -> DynamicTest.dynamicTest(c.where() + ": " + c.command(), () -> run(c)));
    }

    @Test
    void theCommandsThatTakeJsonAreTheOnesOperatorsMdNames() throws IOException {
        String text = Files.readString(Cli.REPO.resolve("docs/operators.md"));
        Matcher m = Pattern.compile("`--json` is taken by exactly these: ([^.]+)\\.").matcher(text.replace("\n", " "));
        assertThat(m.find()).as("docs/operators.md names the commands that take --json").isTrue();
        TreeSet<String> documented = new TreeSet<>();
        Matcher name = Pattern.compile("`([a-z -]+)`").matcher(m.group(1));
        while (name.find()) {
            documented.add(name.group(1));
        }
        documented.add("demo"); // named in parentheses: it joins the CLI from a checkout only
        TreeSet<String> actual = new TreeSet<>();
        collectJson(CommandLines.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                actual);
        assertThat(actual).isEqualTo(documented);
    }

    private static void collectJson(CommandLine cmd, TreeSet<String> into) {
        if (cmd.getCommandSpec().findOption("--json") != null) {
            into.add(cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^cluster-stack ", ""));
        }
        cmd.getSubcommands().values().forEach(sub -> collectJson(sub, into));
    }

    private static void run(Documented c) {
        Cli.Result r = Cli.exec(List.of("bash", "-c", "cd \"$0\" && " + c.command(), Cli.REPO.toString()), 60);
        String output = r.stdout() + r.stderr();
        assertThat(r.status()).as("%s: exit status of `%s`; output:%n%s", c.where(), c.command(), output)
                .isEqualTo(c.exit());
        for (String line : c.shown()) {
            assertThat(output).as("%s: output of `%s` shows", c.where(), c.command()).contains(line.strip());
        }
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Cli.REPO.resolve("README.md")));
        try (Stream<Path> docs = Files.list(Cli.REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The {@code $ ... # exit N} lines of the page's console blocks, each with the lines shown under it. */
    static List<Documented> runnable(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Documented> found = new ArrayList<>();
        boolean console = false;
        boolean inFence = false;
        Documented current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inFence = !inFence;
                console = inFence && line.strip().equals("```console");
                current = null;
                continue;
            }
            if (!console) {
                continue;
            }
            Matcher m = RUNNABLE.matcher(line);
            if (m.matches()) {
                current = new Documented(page, i + 1, m.group(1), Integer.parseInt(m.group(2)), new ArrayList<>());
                found.add(current);
            } else if (line.startsWith("$ ") || line.startsWith("# ")) {
                current = null; // shown, not run
            } else if (current != null && !line.isBlank() && !line.strip().equals("...")) {
                current.shown().add(line);
            }
        }
        return found;
    }
}
