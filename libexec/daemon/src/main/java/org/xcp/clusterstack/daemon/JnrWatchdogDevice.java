package org.xcp.clusterstack.daemon;

import java.io.IOException;
import java.nio.file.Path;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.NativeLong;
import jnr.ffi.byref.IntByReference;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * A Linux watchdog device ({@code linux/watchdog.h}) through JNR: {@code open}, {@code write} and
 * {@code close} from JNR-POSIX, {@code ioctl} (which JNR-POSIX lacks) bound from libc with JNR-FFI.
 * Opening a watchdog starts its countdown. Every failure is an {@link IOException} naming the call and errno.
 */
final class JnrWatchdogDevice implements WatchdogDevice {
    /** {@code _IOWR('W', 6, int)}. */
    static final long WDIOC_SETTIMEOUT = 0xC0045706L;
    /** {@code _IOR('W', 5, int)}. */
    static final long WDIOC_KEEPALIVE = 0x80045705L;

    /** The one libc call JNR-POSIX does not bind. */
    public interface Ioctl {
        int ioctl(int fd, NativeLong request, IntByReference argument);
    }

    private static final class Native {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
        static final Ioctl LIBC = LibraryLoader.create(Ioctl.class).load("c");
    }

    private final Path path;
    private int fd;
    /** Set once the driver answered ENOTTY to the keep-alive ioctl: pet by writing from then on. */
    private boolean petByWrite;

    private JnrWatchdogDevice(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens for writing; never creates the file (no {@code O_CREAT}). */
    static JnrWatchdogDevice open(Path path) throws IOException {
        int fd = Native.POSIX.open(path.toString(), OpenFlags.O_WRONLY.intValue() | OpenFlags.O_CLOEXEC.intValue(), 0);
        if (fd < 0) {
            throw new IOException("open " + path + ": " + errnoText(Native.POSIX.errno()));
        }
        return new JnrWatchdogDevice(path, fd);
    }

    @Override
    public synchronized int setTimeout(int seconds) throws IOException {
        IntByReference value = new IntByReference(seconds);
        ioctl(WDIOC_SETTIMEOUT, value, "WDIOC_SETTIMEOUT");
        return value.intValue();
    }

    @Override
    public synchronized void keepAlive() throws IOException {
        if (!petByWrite) {
            try {
                ioctl(WDIOC_KEEPALIVE, new IntByReference(0), "WDIOC_KEEPALIVE");
                return;
            } catch (NotATty e) {
                petByWrite = true; // any write pets every Linux watchdog driver
            }
        }
        write((byte) 0);
    }

    @Override
    public synchronized void magicClose() throws IOException {
        try {
            write((byte) 'V');
        } finally {
            close();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (fd < 0) {
            return;
        }
        int result = Native.POSIX.close(fd);
        fd = -1;
        if (result < 0) {
            throw new IOException("close " + path + ": " + errnoText(Native.POSIX.errno()));
        }
    }

    private void ioctl(long request, IntByReference argument, String name) throws IOException {
        requireOpen();
        if (Native.LIBC.ioctl(fd, new NativeLong(request), argument) < 0) {
            int errno = LastError.getLastError(jnr.ffi.Runtime.getRuntime(Native.LIBC));
            String message = name + " on " + path + ": " + errnoText(errno);
            throw errno == Errno.ENOTTY.intValue() ? new NotATty(message + " (not a watchdog)") : new IOException(message);
        }
    }

    private void write(byte b) throws IOException {
        requireOpen();
        if (Native.POSIX.write(fd, new byte[] {b}, 1) != 1) {
            throw new IOException("write to " + path + ": " + errnoText(Native.POSIX.errno()));
        }
    }

    private void requireOpen() throws IOException {
        if (fd < 0) {
            throw new IOException(path + " is closed");
        }
    }

    private static String errnoText(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.name() + " (" + e.description() + ")";
    }

    /** The driver (or the file) has no such ioctl. */
    static final class NotATty extends IOException {
        NotATty(String message) {
            super(message);
        }
    }
}
