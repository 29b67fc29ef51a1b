package org.xcp.clusterstack.daemon.managed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.LivesetStatus;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.daemon.managed.ManagedCore;

/**
 * The promises of spec §7 on a managed pool, one scenario each, for both fencing authorities, with every
 * invariant of {@link ManagedInvariants} watching.
 */
class ManagedScenarioSimTest {
    private static final Duration ANSWER = Duration.ofSeconds(20);

    private static void run(FencingAuthority.Holder holder, long seed, java.util.function.Consumer<ManagedPool> s) {
        ManagedPool.run(ManagedSetup.of(3, seed, holder), pool -> {
            ManagedInvariants.watch(pool);
            s.accept(pool);
        });
    }

    private static void online(ManagedPool pool) {
        pool.startAll();
        assertThat(pool.runUntil(Duration.ofSeconds(10), () -> pool.runs().stream().allMatch(ManagedRun::online)))
                .as("every host Online").isPresent();
        assertThat(pool.poolState()).contains(PoolState.ACTIVE);
    }

    private static ManagedPool.Reply answer(ManagedPool pool, long id) {
        assertThat(pool.runUntil(ANSWER, () -> pool.reply(id).isPresent())).as("request %d answered", id).isPresent();
        return pool.reply(id).orElseThrow();
    }

    /** §7.1, §7.8: under INIT the manager lists every host but one daemon never starts: no subset goes Online. */
    @ParameterizedTest
    @EnumSource(FencingAuthority.Holder.class)
    void underInitAMissingDaemonKeepsTheOthersStartingThenTheyEndWith12(FencingAuthority.Holder holder) {
        run(holder, 11, pool -> {
            pool.start(0);
            pool.start(1); // host 2's manager runs and is listed; its daemon never starts
            pool.runFor(Duration.ofSeconds(5));
            long id = pool.proposeMaster(0);
            pool.step();
            assertThat(pool.reply(id)).as("propose_master while Starting is answered at once")
                    .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(ExitCode.INVALID_LOCALHOST_STATE));
            assertThat(pool.liveset(0).status()).isEqualTo(LivesetStatus.STARTING);

            Duration tenable = pool.setup().tenable();
            pool.runUntil(tenable.plusSeconds(5), () -> pool.runs().stream().noneMatch(ManagedRun::running));
            for (int i = 0; i < 2; i++) {
                ManagedRun r = pool.host(i);
                assertThat(r.onlineAt()).as("host %d never Online alone", i).isEmpty();
                assertThat(r.end()).as("host %d ends", i).hasValueSatisfying(e ->
                        assertThat(e.code().number()).isEqualTo(12));
                assertThat(r.endedAt().orElseThrow()).as("after EnableJoinTimeout, at its next tick")
                        .isGreaterThan(tenable).isLessThanOrEqualTo(tenable.plusMillis(200));
            }
            assertThat(pool.poolState()).as("no liveset was formed").contains(PoolState.INIT);
        });
    }

    /** stacks.md §5.3: a dead master stays master=TRUE, and live until its fence window has passed. */
    @ParameterizedTest
    @EnumSource(FencingAuthority.Holder.class)
    void aDeadMasterIsShownMasterAndLiveUntilTheFenceWindowHasPassed(FencingAuthority.Holder holder) {
        run(holder, 12, pool -> {
            online(pool);
            assertThat(answer(pool, pool.proposeMaster(0)).isTrue()).isTrue();
            pool.runFor(Duration.ofSeconds(3));
            Duration crash = pool.time();
            pool.crash(0, Duration.ZERO);
            Duration window = ManagedCore.fenceWindow(pool.config(1), pool.setup().authority(), pool.setup().poll());
            Duration earliest = crash.plus(pool.setup().detection()).plus(window);
            AtomicReference<Duration> dropped = new AtomicReference<>();
            pool.afterEveryStep(p -> {
                for (int i = 1; i < 3; i++) {
                    HostEntry master = p.liveset(i).hosts().get(0);
                    assertThat(master.master()).as("host %d shows the dead master master=TRUE", i).isTrue();
                    if (!master.live() && dropped.get() == null) {
                        dropped.set(p.time());
                    }
                }
            });
            assertThat(pool.runUntil(earliest.plusSeconds(10), () -> dropped.get() != null)).isPresent();
            assertThat(dropped.get()).as("dropped only after detection + the fence window " + window)
                    .isGreaterThanOrEqualTo(earliest);
        });
    }

    /** §7.7: ha_set_excluded under a daemon ends it with 19, once the flag is on disk. */
    @ParameterizedTest
    @EnumSource(FencingAuthority.Holder.class)
    void setExcludedUnderADaemonEndsItWith19OnceTheFlagIsOnDisk(FencingAuthority.Holder holder) {
        run(holder, 13, pool -> {
            online(pool);
            assertThat(answer(pool, pool.disarm(2)).code()).isEqualTo(ExitCode.SUCCESS);
            AtomicInteger flagAtEnd = new AtomicInteger(-1);
            pool.afterEveryStep(p -> {
                if (p.host(2).end().isPresent() && flagAtEnd.get() < 0) {
                    flagAtEnd.set(p.statefile().host(2).excluded());
                }
            });
            long id = pool.setExcluded(2, true);
            assertThat(pool.runUntil(ANSWER, () -> pool.host(2).end().isPresent())).isPresent();
            assertThat(pool.host(2).end().orElseThrow().code().number()).isEqualTo(19);
            assertThat(flagAtEnd.get()).as("the excluded flag on disk when the daemon ended").isEqualTo(1);
            assertThat(pool.reply(id)).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(ExitCode.SUCCESS));
            // the others drop it once they read the flag, after the fence window, and it is alive: left on purpose
            pool.runFor(Duration.ofSeconds(30));
            assertThat(pool.host(0).liveset(pool.nanos())).isEqualTo(HostSet.of(0, 1));
            assertThat(pool.alive(2)).isTrue();
        });
    }

    /** §5.5: a version change of the global section ends every daemon with 9, a generation change with 10. */
    @ParameterizedTest
    @EnumSource(FencingAuthority.Holder.class)
    void aVersionOrGenerationChangeWhileRunningEndsEveryDaemon(FencingAuthority.Holder holder) {
        for (int code : new int[] {9, 10}) {
            run(holder, 14 + code, pool -> {
                online(pool);
                GlobalSection g = pool.statefile().global();
                GlobalSection changed = code == 9
                        ? new GlobalSection(g.sig(), g.sigInv(), 0, 3, g.lengthGlobal(), g.lengthHostSpecific(),
                                g.maxHosts(), g.genUuid(), g.poolState(), g.master(), g.configHosts(), g.endMarker())
                                .resealed()
                        : GlobalSection.initial(ManagedConfigs.OTHER_GENERATION, 3).withPoolState(PoolState.ACTIVE);
                pool.writeGlobal(changed);
                assertEveryDaemonEndsWith(pool, code);
                assertThat(pool.start(0)).as("a new start is refused the same way").hasValueSatisfying(c ->
                        assertThat(c.number()).isEqualTo(code));
            });
        }
    }

    /** §7.8: INIT written under running daemons (the statefile re-initialised) ends them with 11. */
    @ParameterizedTest
    @EnumSource(FencingAuthority.Holder.class)
    void initWrittenWhileRunningEndsEveryDaemonWith11(FencingAuthority.Holder holder) {
        run(holder, 15, pool -> {
            online(pool);
            pool.writeGlobal(pool.statefile().global().withPoolState(PoolState.INIT));
            assertEveryDaemonEndsWith(pool, 11);
        });
    }

    private static void assertEveryDaemonEndsWith(ManagedPool pool, int code) {
        Duration at = pool.time();
        Duration cycle = pool.setup().t2().plusMillis(500);
        assertThat(pool.runUntil(cycle.plusMillis(200), () -> pool.runs().stream().noneMatch(ManagedRun::running)))
                .as("every daemon ends within one statefile cycle").isPresent();
        for (int i = 0; i < 3; i++) {
            Optional<org.xcp.clusterstack.common.core.Action.End> end = pool.host(i).end();
            assertThat(end).as("host %d", i).hasValueSatisfying(e -> {
                assertThat(e.code().number()).isEqualTo(code);
                assertThat(e.disarm()).as("a clean end").isTrue();
            });
            assertThat(pool.host(i).endedAt().orElseThrow()).isGreaterThan(at);
            assertThat(pool.alive(i)).as("nobody is fenced").isTrue();
        }
    }

    /** §7.6: a propose_master answered FALSE leaves no lock_request in that host's next section. */
    @ParameterizedTest
    @EnumSource(FencingAuthority.Holder.class)
    void aProposalAnsweredFalseLeavesNoLockRequestInTheNextSection(FencingAuthority.Holder holder) {
        run(holder, 16, pool -> {
            online(pool);
            assertThat(answer(pool, pool.proposeMaster(0)).isTrue()).isTrue();
            for (int host : new int[] {2, 1}) {
                long id = pool.proposeMaster(host);
                assertThat(answer(pool, id).isFalse()).as("host %d answers FALSE", host).isTrue();
                long sequence = Integer.toUnsignedLong(pool.statefile().host(host).sequence());
                assertThat(pool.runUntil(ANSWER, () -> Integer.toUnsignedLong(pool.statefile().host(host).sequence())
                        > sequence)).isPresent();
                assertThat(pool.statefile().host(host).lockRequest()).as("host %d's next section", host).isZero();
                assertThat(pool.statefile().host(0).lockGrant().contains(host)).as("nobody grants to %d", host)
                        .isFalse();
            }
            assertThat(pool.master()).contains(pool.hostId(0));
        });
    }
}
