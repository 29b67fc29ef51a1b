package org.xcp.clusterstack.cli;

import picocli.CommandLine.IVersionProvider;

/** The version comes from the jar's manifest; a class-path run says "development". */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {CommandLines.NAME + " " + (v == null ? "development" : v)};
    }
}
