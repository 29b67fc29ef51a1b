package org.xcp.clusterstack.api.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The captured configs of src/test/resources/config (see its README). */
final class ConfigFixtures {
    static final String XAPI_WRITTEN = "xhad-conf-written-by-xapi.xml";
    static final String XHAD_HOST1 = "config-3host-h1.xml";

    private ConfigFixtures() {
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String name) {
        try (InputStream in = ConfigFixtures.class.getResourceAsStream("/config/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /config/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DaemonConfig parse(String document) {
        return DaemonConfigReader.parse(document.getBytes(StandardCharsets.UTF_8), "xhad.conf");
    }
}
