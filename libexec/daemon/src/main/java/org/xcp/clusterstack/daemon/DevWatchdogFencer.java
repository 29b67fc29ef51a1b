package org.xcp.clusterstack.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.function.IntConsumer;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.Fencer;

/**
 * {@code WatchdogMode HYPERVISOR}: the kernel watchdog device. On a Xen dom0 {@code /dev/watchdog} is the
 * hypervisor's watchdog (the xen_wdt driver), so a host that stops petting it is reset by Xen even when dom0
 * hangs. Opening the device starts its countdown, so it is set at once to the heartbeat watchdog timeout Wh
 * ({@code WDIOC_SETTIMEOUT}) and petted every t1 from the start ({@code WDIOC_KEEPALIVE}); disarming writes
 * the magic 'V' and closes, which stops it. A self-fence sets the timeout to 1 s and halts the JVM, so
 * nothing pets it again: xhad's "set both watchdogs to 1 s and sleep forever" (spec §7.4).
 *
 * <p>Closing a fencer that was never armed also stops the countdown (a start that failed must not reset the
 * host); closing an armed one leaves it running (the exit-19 trap of spec §7.7). A JVM that dies before it
 * is armed leaves the countdown running too, as a crashed xhad leaves its watchdogs.
 *
 * <p>What cannot be tested here: no machine this project is tested on has a watchdog device, and a real one
 * would reset the machine. So the fencer's behaviour is tested against a fake {@link WatchdogDevice}, and the
 * JNR calls ({@link JnrWatchdogDevice}) against {@code /dev/null} and plain files, where the ioctls fail with
 * ENOTTY; that xen_wdt accepts the two ioctls and the magic close, and that a 1 s timeout resets the host,
 * is known from the driver's source only.
 */
final class DevWatchdogFencer implements Fencer {
    static final Path DEVICE = Path.of("/dev/watchdog");
    /** The timeout a self-fence sets: the smallest the watchdog API has. */
    static final int FENCE_TIMEOUT_SECONDS = 1;
    /** What the process ends with when it fences itself (its watchdog then resets the host). */
    static final int FENCED_STATUS = 2;

    private final WatchdogDevice device;
    private final EngineLog log;
    private final IntConsumer halt;
    private boolean open = true;
    private volatile boolean armed;
    private volatile boolean disarmed;
    private volatile boolean fencing;

    DevWatchdogFencer(WatchdogDevice device, EngineLog log, IntConsumer halt) {
        this.device = device;
        this.log = log;
        this.halt = halt;
    }

    /** Opens the device and sets its timeout to {@code timeout}; exit 4 (WATCHDOG_ERROR) when it cannot. */
    static DevWatchdogFencer open(Path path, Duration timeout, EngineLog log) {
        JnrWatchdogDevice device;
        try {
            // never create it: as root, opening a missing /dev/watchdog for writing could make a plain file
            if (!Files.readAttributes(path, BasicFileAttributes.class).isOther()) {
                throw new IOException("not a device");
            }
            device = JnrWatchdogDevice.open(path);
        } catch (IOException e) {
            throw cannot(path, e);
        }
        DevWatchdogFencer fencer = new DevWatchdogFencer(device, log, Runtime.getRuntime()::halt);
        fencer.start(path, timeout);
        return fencer;
    }

    /** Sets the timeout to Wh and pets once; on failure stops the countdown again and ends with exit 4. */
    void start(Path path, Duration timeout) {
        int wanted = (int) Math.min(Integer.MAX_VALUE, timeout.toSeconds());
        try {
            int set = device.setTimeout(wanted);
            if (set != wanted) {
                log.warn("the watchdog " + path + " took a timeout of " + set + " s where Wh is " + wanted + " s");
            }
            device.keepAlive();
            log.info("watchdog " + path + " open: timeout " + set + " s");
        } catch (IOException e) {
            try {
                device.magicClose();
            } catch (IOException again) {
                log.warn("stopping the watchdog " + path + " after a failed start: " + again.getMessage());
            }
            open = false;
            throw cannot(path, e);
        }
    }

    private static HaException cannot(Path path, IOException e) {
        return new HaException(ExitCode.WATCHDOG_ERROR, "cannot use the watchdog " + path + " (WatchdogMode"
                + " HYPERVISOR): " + e.getMessage());
    }

    @Override
    public synchronized void arm() {
        if (disarmed || !open) {
            log.warn("arming ignored: fencing was disarmed for good");
            return;
        }
        armed = true;
    }

    @Override
    public synchronized void pet() {
        if (!open || fencing) {
            return;
        }
        try {
            device.keepAlive();
        } catch (IOException e) {
            log.warn("petting the watchdog: " + e.getMessage());
        }
    }

    @Override
    public synchronized void disarm() {
        armed = false;
        disarmed = true;
        if (open) {
            open = false;
            try {
                device.magicClose();
                log.info("watchdog disarmed (magic close)");
            } catch (IOException e) {
                log.warn("disarming the watchdog: " + e.getMessage());
            }
        }
    }

    @Override
    public boolean isArmed() {
        return armed;
    }

    @Override
    public void fenceNow(String reason) {
        if (!armed) {
            log.warn("self-fence not done, fencing is disarmed: " + reason);
            return;
        }
        fencing = true; // no pet from now on, whatever thread asks
        log.error("SELF-FENCE: " + reason + ": watchdog timeout set to " + FENCE_TIMEOUT_SECONDS
                + " s and no more pets; the hypervisor resets this host");
        synchronized (this) {
            try {
                device.setTimeout(FENCE_TIMEOUT_SECONDS);
            } catch (IOException e) {
                log.warn("setting the watchdog to " + FENCE_TIMEOUT_SECONDS + " s: " + e.getMessage()
                        + "; it fires after its own timeout instead");
            }
        }
        halt.accept(FENCED_STATUS);
    }

    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        if (!armed) {
            disarm(); // never armed: nothing may fence this host, so stop the countdown opening started
            return;
        }
        open = false;
        try {
            device.close();
            log.warn("watchdog closed while armed: it resets this host unless a new daemon pets it in time");
        } catch (IOException e) {
            log.warn("closing the watchdog: " + e.getMessage());
        }
    }
}
