package org.xcp.clusterstack.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The version of this API, {@code MAJOR.MINOR}, that a stack is built against and a runtime supports. The API
 * jar's manifest carries it as {@value #ATTRIBUTE}; a stack jar records there the version it was built against
 * (its build writes it from the BOM's {@code cluster-stack.api.version}). The rule: a runtime runs a stack built
 * against the same MAJOR and a MINOR no newer than its own (a minor version only adds; a major one may remove or
 * change what a stack relies on).
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The manifest attribute of the API jar and of every stack jar. */
    public static final String ATTRIBUTE = "Cluster-Stack-API-Version";

    /** The version this runtime's API is: the build's {@code cluster-stack.api.version}. */
    public static final ApiVersion CURRENT = readCurrent();

    public ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("a negative API version: " + major + "." + minor);
        }
    }

    /** {@code MAJOR.MINOR}; exit 1 for anything else, saying what was found. */
    public static ApiVersion parse(String text) {
        String s = text == null ? "" : text.strip();
        if (!s.matches("\\d{1,6}\\.\\d{1,6}")) {
            throw new HaException(ExitCode.INVALID_PARAMETER, ATTRIBUTE + " '" + OneLine.of(s) + "' is not MAJOR.MINOR"
                    + " (e.g. " + CURRENT + ")");
        }
        int dot = s.indexOf('.');
        return new ApiVersion(Integer.parseInt(s.substring(0, dot)), Integer.parseInt(s.substring(dot + 1)));
    }

    /** The version a jar's manifest records, if it records one. */
    public static Optional<ApiVersion> of(Manifest manifest) {
        if (manifest == null) {
            return Optional.empty();
        }
        String value = manifest.getMainAttributes().getValue(new Attributes.Name(ATTRIBUTE));
        return value == null ? Optional.empty() : Optional.of(parse(value));
    }

    /** Whether a runtime of this version runs a stack built against {@code builtAgainst}: same major, minor no newer. */
    public boolean runs(ApiVersion builtAgainst) {
        return major == builtAgainst.major && minor >= builtAgainst.minor;
    }

    /** Why this runtime does not run a stack built against {@code builtAgainst}; empty if it does. */
    public Optional<String> refusal(ApiVersion builtAgainst) {
        if (runs(builtAgainst)) {
            return Optional.empty();
        }
        return Optional.of(major != builtAgainst.major
                ? "built against API " + builtAgainst + ", and this runtime's API is " + this
                    + " (another major version: rebuild the stack against " + major + ".x)"
                : "built against API " + builtAgainst + ", newer than this runtime's " + this
                    + " (update cluster-stack, or build the stack against " + this + ")");
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    private static ApiVersion readCurrent() {
        try (InputStream in = ApiVersion.class.getResourceAsStream("api-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("api-version.properties is missing from the API jar");
            }
            Properties p = new Properties();
            p.load(in);
            return parse(p.getProperty("version"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read api-version.properties: " + e, e);
        }
    }
}
