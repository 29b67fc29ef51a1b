package org.xcp.clusterstack.daemon.hygiene;

import jnr.constants.platform.Errno;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.byref.IntByReference;

/** The libc calls of the hygiene JNR-POSIX does not bind: a thread's scheduling, and locking memory. */
final class LinuxCalls {
    static final int SCHED_OTHER = 0;
    static final int SCHED_RR = 2;
    /** Or'ed into a policy: a thread or process this one makes starts at SCHED_OTHER, not real-time. */
    static final int SCHED_RESET_ON_FORK = 0x40000000;
    static final int MCL_CURRENT = 1;
    static final int MCL_FUTURE = 2;
    /** Linux 4.4: lock a page when it is first touched, instead of touching every mapped page now. */
    static final int MCL_ONFAULT = 4;

    /** libc's prototypes; a {@code struct sched_param} is one int, its priority. */
    public interface Libc {
        int sched_setscheduler(int tid, int policy, IntByReference param);

        int sched_getscheduler(int tid);

        int sched_getparam(int tid, IntByReference param);

        int mlockall(int flags);
    }

    private static final class Native {
        static final Libc LIBC = LibraryLoader.create(Libc.class).load("c");
    }

    private LinuxCalls() {
    }

    static Libc libc() {
        return Native.LIBC;
    }

    /** The errno of this thread's last failed call, as a name and its meaning. */
    static String lastError() {
        int errno = LastError.getLastError(jnr.ffi.Runtime.getRuntime(Native.LIBC));
        Errno e = Errno.valueOf(errno);
        return e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.name() + " (" + e.description() + ")";
    }
}
