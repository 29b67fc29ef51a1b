package org.xcp.clusterstack.xapiconf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A fake /etc: an xapi.conf, an xapi.conf.d and an empty search path, all under one temporary directory. */
final class ConfFixture {
    final Path confFile;
    final Path confDir;

    ConfFixture(Path tmp) {
        this.confFile = tmp.resolve("xapi.conf");
        this.confDir = tmp.resolve("xapi.conf.d");
    }

    ConfFixture conf(String content) {
        write(confFile, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    ConfFixture fragment(String name, String content) {
        return fragment(name, content.getBytes(StandardCharsets.UTF_8));
    }

    ConfFixture fragment(String name, byte[] content) {
        try {
            Files.createDirectories(confDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(confDir.resolve(name), content);
        return this;
    }

    XapiConf read() {
        return read(List.of());
    }

    XapiConf read(List<Path> searchPath) {
        return XapiConfReader.read(confFile, confDir, searchPath);
    }

    static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
