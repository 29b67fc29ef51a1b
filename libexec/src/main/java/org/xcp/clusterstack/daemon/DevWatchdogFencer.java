package org.xcp.clusterstack.daemon;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.Fencer;

/**
 * {@code WatchdogMode HYPERVISOR}: the kernel watchdog device. On a Xen dom0 {@code /dev/watchdog} is the
 * hypervisor's watchdog (the xen_wdt driver), so a host that stops petting it is reset by Xen even when
 * dom0 hangs. Opening the device starts its countdown (the driver's timeout, 60 s by default), so the
 * daemon pets it from the start; disarming writes the magic 'V' before closing, which stops it.
 *
 * <p>No machine this project is tested on has a watchdog device (and a real one would reset it), so only
 * the absence is tested: exit 4, as xhad when it cannot open a watchdog.
 */
final class DevWatchdogFencer implements Fencer {
    static final Path DEVICE = Path.of("/dev/watchdog");

    private final DaemonLog log;
    private FileOutputStream device;
    private volatile boolean armed;

    private DevWatchdogFencer(FileOutputStream device, DaemonLog log) {
        this.device = device;
        this.log = log;
    }

    static DevWatchdogFencer open(Path path, DaemonLog log) {
        try {
            // never create it: as root, opening a missing /dev/watchdog for writing would make a plain file
            if (!Files.readAttributes(path, BasicFileAttributes.class).isOther()) {
                throw new IOException("not a device");
            }
            return new DevWatchdogFencer(new FileOutputStream(path.toFile(), true), log);
        } catch (IOException e) {
            throw new HaException(ExitCode.WATCHDOG_ERROR, "cannot open the watchdog " + path + " (WatchdogMode"
                    + " HYPERVISOR): " + e.getMessage());
        }
    }

    @Override
    public synchronized void arm() {
        armed = true;
    }

    @Override
    public synchronized void pet() {
        write('\0');
    }

    @Override
    public synchronized void disarm() {
        armed = false;
        write('V');
        close();
    }

    @Override
    public boolean isArmed() {
        return armed;
    }

    @Override
    public void fenceNow(String reason) {
        if (armed) {
            log.warn("fencing now: " + reason);
            Runtime.getRuntime().halt(2); // stop petting; the watchdog resets the host
        }
    }

    @Override
    public synchronized void close() {
        if (device != null) {
            try {
                device.close();
            } catch (IOException e) {
                log.warn("closing the watchdog: " + e);
            }
            device = null;
        }
    }

    private void write(char c) {
        if (device == null) {
            return;
        }
        try {
            device.write(c);
            device.flush();
        } catch (IOException e) {
            log.warn("writing to the watchdog: " + e);
        }
    }
}
