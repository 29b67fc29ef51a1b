package org.xcp.clusterstack.api.spi;

import java.util.List;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * One host's membership engine: joins the pool, keeps the liveset, the master lock and the flags in the
 * statefile, and fences through the context's {@link Fencer}. The daemon host owns its life cycle and
 * serves the scripts from it; failures are {@link org.xcp.clusterstack.api.HaException}s carrying xhad's
 * exit codes.
 */
public interface MembershipEngine extends AutoCloseable {
    /** Joins the pool (spec §7.1); returns once Online, or throws with the exit code the start ends with. */
    void join();

    HostState state();

    /** What {@code ha_query_liveset} prints: Starting, or the full Online view. */
    Liveset liveset();

    /**
     * The document {@link #liveset()} gave was published (the snapshot the script prints, or a query answered by
     * the daemon): the latency windows of spec §4.1 start again, as xhad resets them at each query.
     */
    default void livesetPublished() {
    }

    /**
     * What {@code cluster-stack status} shows of the engine's own channel, as {@code key=value} lines without
     * newlines (the native engine: whether heartbeats are authenticated, and datagrams refused by reason).
     */
    default List<String> statusLines() {
        return List.of();
    }

    /** {@code ha_propose_master}: true if this host holds (or now takes) the master lock. 17 unless Online. */
    boolean proposeMaster();

    /** {@code ha_disarm_fencing}. 17 unless Online. */
    void disarmFencing();

    /** {@code ha_set_pool_state active|invalid} through the daemon: returns once the value is on disk. */
    void setPoolState(PoolState state);

    /** {@code ha_set_excluded}/{@code ha_clear_excluded} through the daemon (8 without statefile access, 11 unless ACTIVE). */
    void setExcluded(boolean excluded);

    /** Blocks until the engine ends by itself and returns why: 11 (pool INVALID), 19 (after set_excluded), ... */
    ExitCode awaitEnd() throws InterruptedException;

    /** Why the engine ended, in one line, once it has; empty while it runs or when it cannot say. */
    default java.util.Optional<String> endReason() {
        return java.util.Optional.empty();
    }

    /** Clean stop (spec §7.4): disarm, stop heartbeat and statefile activity, release everything. */
    @Override
    void close();
}
