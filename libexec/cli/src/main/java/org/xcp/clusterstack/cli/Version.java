package org.xcp.clusterstack.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The pom's project.version, which the jar plugin writes into cluster-stack.jar's manifest (Implementation-Version),
 * the one place the tarball and the RPM spec take it from too. Run from a classes directory (an IDE, a unit test)
 * there is no manifest, and it says "development".
 */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {CommandLines.NAME + " " + current()};
    }

    /** This build's version, or "development". */
    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
