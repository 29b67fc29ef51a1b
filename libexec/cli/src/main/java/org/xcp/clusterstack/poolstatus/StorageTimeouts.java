package org.xcp.clusterstack.poolstatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcp.clusterstack.api.spi.StackSettings;

/**
 * Where the storage's I/O timeout comes from: the stack's {@code storage-io-timeout} setting (milliseconds) when
 * set, else the host's multipath configuration. multipath holds a path-less I/O for {@code no_path_retry} checks of
 * {@code polling_interval} seconds each (default 5), or for ever with {@code no_path_retry queue} or the
 * {@code queue_if_no_path} feature; {@code fail} (multipath's default) answers at once. The largest value in any
 * section counts: the statefile may sit on any of the devices.
 */
public final class StorageTimeouts {
    static final int DEFAULT_POLLING_INTERVAL = 5;
    private static final Pattern NO_PATH_RETRY = Pattern.compile("^\\s*no_path_retry\\s+\"?([A-Za-z0-9]+)\"?");
    private static final Pattern POLLING = Pattern.compile("^\\s*polling_interval\\s+\"?(\\d+)\"?");
    private static final Pattern QUEUE_FEATURE = Pattern.compile("^\\s*features\\s+\".*queue_if_no_path.*\"");

    private StorageTimeouts() {
    }

    public static Optional<StorageTimeout> read(StackSettings settings, Path multipathConf) {
        if (settings.get(StackSettings.STORAGE_IO_TIMEOUT).isPresent()) {
            Duration d = settings.millis(StackSettings.STORAGE_IO_TIMEOUT, Duration.ZERO);
            return Optional.of(StorageTimeout.of(d, settings.file() + " " + StackSettings.STORAGE_IO_TIMEOUT));
        }
        try {
            return multipath(Files.readString(multipathConf), multipathConf.toString());
        } catch (NoSuchFileException e) {
            return Optional.empty(); // no multipath on this host
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The I/O timeout a multipath.conf text gives; empty when it sets no {@code no_path_retry}. */
    static Optional<StorageTimeout> multipath(String text, String source) {
        int polling = DEFAULT_POLLING_INTERVAL;
        long retries = -1;
        boolean queue = false;
        for (String raw : text.split("\n")) {
            String line = raw.replaceAll("#.*", "");
            Matcher p = POLLING.matcher(line);
            if (p.find()) {
                polling = Integer.parseInt(p.group(1));
            }
            Matcher r = NO_PATH_RETRY.matcher(line);
            if (r.find()) {
                String v = r.group(1);
                if (v.equals("queue")) {
                    queue = true;
                } else if (v.matches("\\d+")) {
                    retries = Math.max(retries, Long.parseLong(v));
                } else if (v.equals("fail")) {
                    retries = Math.max(retries, 0);
                }
            }
            if (QUEUE_FEATURE.matcher(line).find()) {
                queue = true;
            }
        }
        if (queue) {
            return Optional.of(StorageTimeout.forever(source + " (no_path_retry queue)"));
        }
        if (retries < 0) {
            return Optional.empty();
        }
        return Optional.of(StorageTimeout.of(Duration.ofSeconds(retries * polling), source + " (no_path_retry "
                + retries + " x polling_interval " + polling + " s)"));
    }
}
