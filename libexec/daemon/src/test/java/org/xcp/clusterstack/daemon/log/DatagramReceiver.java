package org.xcp.clusterstack.daemon.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jnr.constants.platform.AddressFamily;
import jnr.constants.platform.Sock;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** A system log stand-in: a Unix datagram socket bound at a path, read without blocking (JNR, as the sender). */
final class DatagramReceiver implements AutoCloseable {
    /** The libc calls a receiver needs and the sender does not. */
    public interface Libc {
        int socket(int domain, int type, int protocol);

        int bind(int fd, @In byte[] address, int length);

        @ssize_t long recv(int fd, @Out byte[] buffer, @size_t long length, int flags);

        int close(int fd);
    }

    private static final Libc LIBC = LibraryLoader.create(Libc.class).load("c");

    private final int fd;

    DatagramReceiver(Path path) throws IOException {
        fd = LIBC.socket(AddressFamily.AF_UNIX.intValue(), Sock.SOCK_DGRAM.intValue(), 0);
        byte[] address = UnixDatagramSocket.address(path);
        if (fd < 0 || LIBC.bind(fd, address, address.length) < 0) {
            throw new IOException("cannot bind a datagram socket at " + path);
        }
    }

    /** The next datagram, waiting at most {@code limit}. */
    Optional<String> next(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        byte[] buffer = new byte[8192];
        while (true) {
            long n = LIBC.recv(fd, buffer, buffer.length, UnixDatagramSocket.SEND_FLAGS);
            if (n >= 0) {
                return Optional.of(new String(buffer, 0, (int) n, StandardCharsets.UTF_8));
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(5);
        }
    }

    /** Every datagram waiting now. */
    List<String> drain() throws InterruptedException {
        List<String> all = new ArrayList<>();
        for (Optional<String> d = next(Duration.ZERO); d.isPresent(); d = next(Duration.ZERO)) {
            all.add(d.get());
        }
        return all;
    }

    @Override
    public void close() {
        LIBC.close(fd);
    }
}
