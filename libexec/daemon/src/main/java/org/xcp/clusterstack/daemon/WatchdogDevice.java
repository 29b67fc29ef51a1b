package org.xcp.clusterstack.daemon;

import java.io.IOException;

/**
 * The three things the daemon does to a Linux watchdog device, behind a seam: a real device resets the
 * machine, so {@link DevWatchdogFencer}'s behaviour is tested against a fake, and {@link JnrWatchdogDevice}
 * (the real calls) against files that are not watchdogs.
 */
interface WatchdogDevice {
    /** {@code WDIOC_SETTIMEOUT}; returns the timeout the driver actually set (it may round). */
    int setTimeout(int seconds) throws IOException;

    /** {@code WDIOC_KEEPALIVE}, or a one-byte write where the driver has no such ioctl. */
    void keepAlive() throws IOException;

    /** Writes the magic 'V' and closes: the driver stops the countdown (unless built with nowayout). */
    void magicClose() throws IOException;

    /** Closes without the magic 'V': the countdown goes on, and the machine is reset when it runs out. */
    void close() throws IOException;
}
