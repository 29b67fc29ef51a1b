package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.xcp.clusterstack.api.HaScript;

/** RPMs built here with rpmbuild, and what {@code rpm -qp} says of one. */
final class Rpms {
    private Rpms() {
    }

    /** Builds {@code spec} with {@code source} in {@code top}/SOURCES: its packages by name, less {@code prefix}. */
    static Map<String, Path> build(Path spec, Path source, Path top, String prefix) throws IOException {
        Files.createDirectories(top.resolve("SOURCES"));
        Files.copy(source, top.resolve("SOURCES").resolve(source.getFileName()));
        Cli.Result build = Cli.exec(List.of("rpmbuild", "--define", "_topdir " + top, "-bb", spec.toString()), 300);
        assertThat(build.status()).as(build.stderr()).isZero();
        Map<String, Path> rpms = new TreeMap<>();
        try (Stream<Path> files = Files.walk(top.resolve("RPMS"))) {
            for (Path rpm : files.filter(p -> p.toString().endsWith(".rpm")).toList()) {
                rpms.put(query(rpm, "%{NAME}").replaceFirst("^" + prefix, ""), rpm);
            }
        }
        return rpms;
    }

    /**
     * A noarch package NAME built in {@code top}, with these spec lines and, if {@code xhaDir} is given, xha's eight
     * scripts in it (each {@code exit 0}): a stand-in for a package a host has.
     */
    static Path standIn(Path top, String name, String version, String lines, String xhaDir) throws IOException {
        Files.createDirectories(top);
        StringBuilder files = new StringBuilder();
        StringBuilder install = new StringBuilder();
        if (!xhaDir.isEmpty()) {
            install.append("mkdir -p %{buildroot}" + xhaDir + "\n");
            for (HaScript script : HaScript.values()) {
                String file = xhaDir + "/" + script.fileName();
                install.append("printf '#!/bin/sh\\nexit 0\\n' >%{buildroot}" + file + "\nchmod 0755 %{buildroot}"
                        + file + "\n");
                files.append(file + "\n");
            }
        }
        Path spec = Fixtures.write(top.resolve(name + ".spec"), "Name: " + name + "\nVersion: " + version
                + "\nRelease: 1\nSummary: a stand-in for a test\nLicense: none\nBuildArch: noarch\nAutoReqProv: no\n"
                + lines + "\n%description\nA stand-in for a test.\n%install\n" + install + "%files\n" + files);
        Cli.Result build = Cli.exec(List.of("rpmbuild", "--define", "_topdir " + top, "-bb", spec.toString()), 120);
        assertThat(build.status()).as(build.stderr()).isZero();
        try (Stream<Path> rpms = Files.walk(top.resolve("RPMS"))) {
            return rpms.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
    }

    static String query(Path rpm, String format) {
        return Cli.exec(List.of("rpm", "-qp", "--queryformat", format, rpm.toString())).succeeded().stdout();
    }

    /** {@code rpm -qp WHICH}: {@code --requires}, {@code --provides}, {@code --conflicts}, {@code --scripts}, ... */
    static List<String> lines(Path rpm, String which) {
        return Cli.exec(List.of("rpm", "-qp", which, rpm.toString())).succeeded().stdout().lines().toList();
    }
}
