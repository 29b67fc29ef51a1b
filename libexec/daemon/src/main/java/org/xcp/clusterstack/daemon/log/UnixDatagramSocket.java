package org.xcp.clusterstack.daemon.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jnr.constants.platform.AddressFamily;
import jnr.constants.platform.Errno;
import jnr.constants.platform.Sock;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * A Unix datagram socket connected to a path, such as {@code /dev/log}, through JNR-FFI: Java's channels cannot
 * make one ({@code SocketChannel} is a stream). Sends never block ({@code MSG_DONTWAIT}): a receiver whose queue
 * is full costs the datagram, never the sender's time. Every failure names the call and errno.
 */
final class UnixDatagramSocket implements Closeable {
    /** {@code MSG_DONTWAIT | MSG_NOSIGNAL} (Linux). */
    static final int SEND_FLAGS = 0x40 | 0x4000;
    /** {@code SOCK_CLOEXEC} (Linux): the user watchdog and other children must not inherit it. */
    static final int SOCK_CLOEXEC = 02000000;
    /** {@code sizeof(sun_path)} on Linux, its final NUL included. */
    static final int PATH_MAX = 108;

    /** The libc calls used, bound by JNR-FFI. */
    public interface Libc {
        int socket(int domain, int type, int protocol);

        int connect(int fd, @In byte[] address, int length);

        @ssize_t long send(int fd, @In byte[] buffer, @size_t long length, int flags);

        int close(int fd);
    }

    static final class Native {
        static final Libc LIBC = LibraryLoader.create(Libc.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);

        static int errno() {
            return LastError.getLastError(RUNTIME);
        }
    }

    /** The receiver is gone or was never there: nothing listens at the path ({@code ENOENT}, {@code ECONNREFUSED}...). */
    static final class Unreachable extends IOException {
        private final Errno errno;

        Unreachable(String message, Errno errno) {
            super(message);
            this.errno = errno;
        }

        /** Whether the path holds no socket at all (as {@code /dev/log} on a machine without a system log). */
        boolean absent() {
            return errno == Errno.ENOENT;
        }
    }

    private final Path path;
    private int fd;

    private UnixDatagramSocket(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** A socket connected to the datagram socket bound at {@code path}. */
    static UnixDatagramSocket connect(Path path) throws IOException {
        byte[] address = address(path);
        int fd = Native.LIBC.socket(AddressFamily.AF_UNIX.intValue(), Sock.SOCK_DGRAM.intValue() | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_UNIX, SOCK_DGRAM): " + errnoText(Native.errno()));
        }
        if (Native.LIBC.connect(fd, address, address.length) < 0) {
            int errno = Native.errno();
            Native.LIBC.close(fd);
            throw new Unreachable("connect " + path + ": " + errnoText(errno), Errno.valueOf(errno));
        }
        return new UnixDatagramSocket(path, fd);
    }

    /**
     * Sends one datagram without waiting: true once sent, false when the receiver's queue is full (the datagram
     * is lost). {@link Unreachable} when the receiver went away (a restarted journald makes a new socket).
     */
    synchronized boolean send(byte[] datagram) throws IOException {
        if (fd < 0) {
            throw new IOException(path + ": the socket is closed");
        }
        if (Native.LIBC.send(fd, datagram, datagram.length, SEND_FLAGS) >= 0) {
            return true;
        }
        int errno = Native.errno();
        Errno e = Errno.valueOf(errno);
        if (e == Errno.EAGAIN || e == Errno.EWOULDBLOCK || e == Errno.ENOBUFS) {
            return false;
        }
        throw new Unreachable("send to " + path + ": " + errnoText(errno), e);
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            Native.LIBC.close(fd);
            fd = -1;
        }
    }

    /** {@code struct sockaddr_un}: the family in host byte order, then the path and its NUL. */
    static byte[] address(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length + 1 > PATH_MAX) {
            throw new IOException("socket path " + path + " is longer than " + (PATH_MAX - 1) + " bytes");
        }
        return ByteBuffer.allocate(2 + name.length + 1).order(ByteOrder.nativeOrder())
                .putShort((short) AddressFamily.AF_UNIX.intValue()).put(name).put((byte) 0).array();
    }

    static String errnoText(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.name() + " (" + e.description() + ")";
    }
}
