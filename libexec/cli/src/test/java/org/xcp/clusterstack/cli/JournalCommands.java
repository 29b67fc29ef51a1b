package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** {@code cluster-stack} run as {@link Main} runs it (the same factory), over the journals in test resources. */
final class JournalCommands {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return CommandLines.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    /** {@code src/test/resources/journals/<name>}: what a 3-host pool's log bases held (its README). */
    static Path pool(String name) {
        try {
            return Path.of(JournalCommands.class.getResource("/journals/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hostDir(String pool, String uuid) {
        return pool(pool).resolve("xhad").resolve(uuid).toString();
    }
}
