package org.xcp.clusterstack.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.ManifestReader;
import org.xcp.clusterstack.api.manifest.SuggestedTimeouts;
import org.xcp.clusterstack.api.spi.StackManifest;

/**
 * Finds each stack's manifest: the resource {@code META-INF/cluster-stack/<name>.xml} its jar carries,
 * validated against the schema, whose name and {@code ha_supported_srs} must be its provider's. A stack
 * that carries none gets one made from its provider, with every script xapi runs required.
 */
public final class StackManifests {
    public static final String RESOURCE_DIR = "META-INF/cluster-stack/";
    static final SuggestedTimeouts DEFAULT_TIMEOUTS = new SuggestedTimeouts(60, 130, 30);

    private StackManifests() {
    }

    public static ManifestDocument forProvider(StackManifest provider, String version) {
        String resource = RESOURCE_DIR + provider.name() + ".xml";
        URL url = Thread.currentThread().getContextClassLoader().getResource(resource);
        if (url == null) {
            url = StackManifests.class.getClassLoader().getResource(resource);
        }
        return forProvider(provider, version, url, ExitCode.INTERNAL_BUG);
    }

    /**
     * A door stack's manifest, from its own jars only ({@code loader} finds nothing of this tool's): a bad one is
     * the stack's fault, exit 1.
     */
    static ManifestDocument forDoorProvider(StackManifest provider, String version, java.net.URLClassLoader loader) {
        return forProvider(provider, version, loader.findResource(RESOURCE_DIR + provider.name() + ".xml"),
                ExitCode.INVALID_PARAMETER);
    }

    private static ManifestDocument forProvider(StackManifest provider, String version, URL url, ExitCode fault) {
        String resource = RESOURCE_DIR + provider.name() + ".xml";
        if (url == null) {
            return new ManifestDocument(provider.name(), version, provider.description(), provider.fencing(),
                    ManifestDocument.NEVER_CALLED, provider.supportedSrs(), DEFAULT_TIMEOUTS);
        }
        ManifestDocument m;
        try (InputStream in = url.openStream()) {
            m = ManifestReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new HaException(fault, "cannot read " + resource + ": " + e.getMessage());
        } catch (HaException e) {
            throw new HaException(fault, "stack " + provider.name() + " ships an invalid manifest: "
                    + e.getMessage());
        }
        if (!m.name().equals(provider.name())) {
            throw new HaException(fault, resource + " names stack '" + m.name()
                    + "' but its provider is '" + provider.name() + "'");
        }
        if (!m.supportedSrs().map(Set::copyOf).equals(provider.supportedSrs().map(Set::copyOf))) {
            throw new HaException(fault, resource + ": ha_supported_srs " + m.supportedSrs()
                    + " differs from its provider's " + provider.supportedSrs());
        }
        return m;
    }
}
