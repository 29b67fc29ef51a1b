package org.xcp.clusterstack.daemon.managed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * The invariants bite: a pool broken on purpose (a fence window of zero, a sampler that hides the local host, a
 * driver that loses replies) fails the invariant that guards against it, and the same scenario unbroken passes.
 */
class ManagedInvariantsBiteTest {
    private static final Duration NO_WINDOW = Duration.ZERO;

    private static Throwable run(Optional<Duration> window, EnumSet<ManagedInvariants.Check> checks,
            Consumer<ManagedPool> scenario) {
        ManagedSetup setup = ManagedSetup.of(3, 7, FencingAuthority.Holder.MANAGER);
        ManagedPool pool = new ManagedPool(setup, new ManagedPool.Breakage(window));
        return catchThrowable(() -> ManagedPool.run(pool, p -> {
            ManagedInvariants.watch(p, checks);
            p.startAll();
            assertThat(p.runUntil(Duration.ofSeconds(10), () -> p.runs().stream().allMatch(ManagedRun::online)))
                    .isPresent();
            assertThat(p.poolState()).contains(PoolState.ACTIVE);
            scenario.accept(p);
        }));
    }

    /** Host 2, the master, is cut off; survivors elect host 0 while host 2 is not yet fenced by its manager. */
    private static void isolateTheMasterAndElectAnother(ManagedPool p) {
        long first = p.proposeMaster(2);
        p.runUntil(Duration.ofSeconds(20), () -> p.reply(first).isPresent());
        assertThat(p.reply(first).orElseThrow().isTrue()).isTrue();
        p.partition(new int[] {0, 0, 1});
        p.runFor(p.setup().detection().plusSeconds(2));
        p.proposeMaster(0);
        p.runFor(Duration.ofSeconds(25));
    }

    @Test
    void m2DroppingAHostBeforeItsFenceWindowFails() {
        Throwable broken = run(Optional.of(NO_WINDOW), EnumSet.of(ManagedInvariants.Check.M2),
                ManagedInvariantsBiteTest::isolateTheMasterAndElectAnother);
        assertThat(broken).hasMessageContaining("invariant M2").hasMessageContaining("dropped host 2");
        assertThat(run(Optional.empty(), EnumSet.allOf(ManagedInvariants.Check.class),
                ManagedInvariantsBiteTest::isolateTheMasterAndElectAnother)).isNull();
    }

    @Test
    void m1TwoMastersFail() {
        Throwable broken = run(Optional.of(NO_WINDOW), EnumSet.of(ManagedInvariants.Check.M1),
                ManagedInvariantsBiteTest::isolateTheMasterAndElectAnother);
        assertThat(broken).hasMessageContaining("invariant M1");
    }

    @Test
    void m3AnOnlineHostThatDoesNotShowItselfLiveFails() {
        Throwable broken = run(Optional.empty(), EnumSet.of(ManagedInvariants.Check.M3), p -> {
            p.breakSampler();
            p.runFor(Duration.ofSeconds(30));
        });
        assertThat(broken).hasMessageContaining("invariant M3").hasMessageContaining("shown itself not live");
    }

    @Test
    void m4AScriptWithoutAnAnswerFails() {
        Throwable broken = run(Optional.empty(), EnumSet.of(ManagedInvariants.Check.M4), p -> {
            p.loseReplies();
            p.disarm(1);
            p.runFor(Duration.ofSeconds(40));
        });
        assertThat(broken).hasMessageContaining("invariant M4").hasMessageContaining("Disarm");
    }
}
