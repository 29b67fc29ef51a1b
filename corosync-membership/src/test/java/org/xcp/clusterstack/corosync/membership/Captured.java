package org.xcp.clusterstack.corosync.membership;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real tool output under {@code captured/<scenario>/} (see the README there). */
record Captured(String scenario) {
    static Captured of(String scenario) {
        return new Captured(scenario);
    }

    String text(String file) {
        String name = "captured/" + scenario + "/" + file;
        try (InputStream in = Captured.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int quorumtoolExit() {
        return Integer.parseInt(text("quorumtool.rc").strip());
    }

    QuorumStatus quorum() throws MalformedOutput {
        return QuorumStatus.parse(quorumtoolExit(), text("quorumtool.out"));
    }

    CmapKeys cmap() throws MalformedOutput {
        return CmapKeys.parse(text("cmapctl.out"));
    }
}
