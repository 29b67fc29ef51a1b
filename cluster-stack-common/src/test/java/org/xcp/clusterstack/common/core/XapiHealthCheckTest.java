package org.xcp.clusterstack.common.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSectionBuilder;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.spi.XapiOutcome;

/**
 * Spec §7.4, xhad's xapi health check, as the core decides it for every stack, on a virtual clock: every tXapi
 * from Online on; a failure restarts xapi, at most XapiRestartAttempts times counted since the last restart that
 * worked unless that was over a day ago; still failing, the host fences itself 2 t1 later, only while armed; more
 * than five checks in a row that cannot be started fence it too.
 */
class XapiHealthCheckTest {
    private static final long S = 1_000_000_000L;
    private static final HaUuid GENERATION = HaUuid.parse("a55e901b-fd4c-4037-abbf-c0dd3960dc4a");
    private static final List<HaUuid> IDS = List.of(HaUuid.parse("00000001-1111-4222-8333-000000000000"),
            HaUuid.parse("00000002-1111-4222-8333-000000000001"));
    // tXapi 60 s, TXapi 10 s, t1 4 s (xhad's defaults), one restart a day of at most 30 s unless given
    private static final long INTERVAL = 60 * S;
    private static final long NOTIFY = 8 * S;

    /** The smallest engine kind: Online when told, a fixed membership; the core is what is tested. */
    static final class ProbeCore extends MemberCore {
        ProbeCore(DaemonConfig config, long now) {
            super(config, GlobalSection.initial(GENERATION, 2).withPoolState(PoolState.ACTIVE), false, now);
        }

        void goOnline(long now, List<Action> out) {
            online(HostSet.of(0, 1), now, out);
        }

        @Override
        protected void step(long now, List<Action> out) {
        }

        @Override
        public HostSet hbdomain(long now) {
            return HostSet.of(0, 1);
        }

        @Override
        public HostSet sfdomain(long now) {
            return HostSet.of(0, 1);
        }

        @Override
        protected boolean statefileLost() {
            return false;
        }

        @Override
        protected HostSet withoutStatefile(long now) {
            return HostSet.EMPTY;
        }

        @Override
        protected long[] heardTimes() {
            return new long[] {-1, -1};
        }

        @Override
        protected void describe(HostSectionBuilder own, long now) {
        }

        @Override
        protected boolean engineAccelerating(long now) {
            return false;
        }
    }

    private final List<Action> actions = new ArrayList<>();
    private long now = 1_000 * S;
    private ProbeCore core;

    private void start(int attempts) {
        DaemonConfigBuilder b = DaemonConfig.builder().generation(GENERATION).heartbeatInterface("lo")
                .stateFile(Path.of("/tmp/none")).parameter(Parameter.XAPI_RESTART_ATTEMPTS, attempts);
        IDS.forEach(id -> b.host(id, "127.0.0." + (IDS.indexOf(id) + 1)));
        core = new ProbeCore(b.build(IDS.get(0)), now);
        core.watchXapi(true);
        core.goOnline(now, actions);
        actions.clear();
    }

    /** Runs the clock on by {@code nanos}, a tick every 100 ms, keeping what the core asks for. */
    private void advance(long nanos) {
        long end = now + nanos;
        while (now < end) {
            now = Math.min(end, now + 100_000_000L);
            actions.addAll(core.tick(now));
        }
    }

    /** Runs the clock on by {@code nanos} in steps of a second, every check asked for passing at once. */
    private void healthyFor(long nanos) {
        long end = now + nanos;
        while (now < end) {
            now = Math.min(end, now + S);
            actions.addAll(core.tick(now));
            taken(Action.CheckXapi.class).forEach(this::passes);
        }
        actions.clear();
    }

    private <A extends Action> List<A> taken(Class<A> kind) {
        List<A> out = actions.stream().filter(kind::isInstance).map(kind::cast).toList();
        actions.removeIf(kind::isInstance);
        return out;
    }

    private List<EventKind> recorded() {
        List<EventKind> kinds = taken(Action.Record.class).stream().map(r -> r.event().kind()).toList();
        return kinds;
    }

    /** The next check, which must come exactly tXapi after the last one ended. */
    private Action.CheckXapi nextCheck() {
        advance(INTERVAL - 100_000_000L);
        assertThat(taken(Action.CheckXapi.class)).as("no check before tXapi").isEmpty();
        advance(100_000_000L);
        List<Action.CheckXapi> checks = taken(Action.CheckXapi.class);
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).limit()).isEqualTo(Duration.ofSeconds(10));
        return checks.get(0);
    }

    private void report(long id, XapiOutcome.Ended ended, int exit, String output) {
        actions.addAll(core.onXapiOutcome(new XapiOutcome(id, ended, exit, output, 120, ended
                == XapiOutcome.Ended.NOT_STARTED ? "fork: no memory" : ""), now));
    }

    private void passes(Action.CheckXapi c) {
        report(c.id(), XapiOutcome.Ended.EXITED, 0, "");
    }

    private Action.RestartXapi failsAndRestarts(Action.CheckXapi c, String output) {
        report(c.id(), XapiOutcome.Ended.EXITED, 1, output);
        assertThat(recorded()).containsExactly(EventKind.XAPI_CHECK_FAILED);
        List<Action.RestartXapi> r = taken(Action.RestartXapi.class);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).limit()).isEqualTo(Duration.ofSeconds(30));
        return r.get(0);
    }

    private List<Action.SelfFence> fences() {
        return taken(Action.SelfFence.class);
    }

    @Test
    void aHealthyXapiIsCheckedEveryIntervalAndNothingElseHappens() {
        start(1);
        for (int i = 0; i < 5; i++) {
            passes(nextCheck());
        }
        assertThat(taken(Action.RestartXapi.class)).isEmpty();
        assertThat(recorded()).isEmpty();
        assertThat(fences()).isEmpty();
        EngineView v = core.view(now);
        assertThat(v.xapi().latency().peek().last()).isEqualTo(120);
        assertThat(v.xapi().msSinceRestartBegan(0, now)).isEqualTo(-1);
        assertThat(v.xapi().errors()[0]).isEmpty();
    }

    @Test
    void aFailureCuredByARestartFencesNobodyAndTheJournalShowsBoth() {
        start(1);
        Action.RestartXapi r = failsAndRestarts(nextCheck(), "xapi: no answer\n");
        assertThat(r.attempt()).isEqualTo(1);
        advance(2 * S);
        EngineView restarting = core.view(now);
        assertThat(restarting.xapi().msSinceRestartBegan(0, now)).isEqualTo(2000);
        assertThat(restarting.xapi().errors()[0]).isEqualTo("xapi: no answer");
        assertThat(ownSectionSinceRestart()).as("the statefile section says so too").isBetween(2000, 2200);
        report(r.id(), XapiOutcome.Ended.EXITED, 0, "");
        List<Action.Record> restarted = new ArrayList<>(actions.stream().filter(Action.Record.class::isInstance)
                .map(Action.Record.class::cast).toList());
        assertThat(restarted).hasSize(1);
        assertThat(restarted.get(0).event().kind()).isEqualTo(EventKind.XAPI_RESTART);
        assertThat(restarted.get(0).event().evidence()).containsEntry("worked", true);
        actions.clear();
        assertThat(core.view(now).xapi().msSinceRestartBegan(0, now)).isEqualTo(-1);
        passes(nextCheck());
        assertThat(core.view(now).xapi().errors()[0]).as("a passed check clears the error").isEmpty();
        healthyFor(3 * INTERVAL);
        assertThat(fences()).isEmpty();
    }

    @Test
    void restartsUsedUpWithinTheDayFenceTheArmedHostTwoT1Later() {
        start(1);
        Action.RestartXapi r = failsAndRestarts(nextCheck(), "down");
        report(r.id(), XapiOutcome.Ended.EXITED, 0, "");
        actions.clear();
        report(nextCheck().id(), XapiOutcome.Ended.TIMED_OUT, -1, "");
        assertThat(recorded()).containsExactly(EventKind.XAPI_CHECK_FAILED);
        assertThat(taken(Action.RestartXapi.class)).as("the day's one attempt is used").isEmpty();
        advance(NOTIFY - 100_000_000L);
        assertThat(fences()).as("xhad waits 2 t1 first").isEmpty();
        advance(100_000_000L);
        List<Action.SelfFence> f = fences();
        assertThat(f).hasSize(1);
        assertThat(f.get(0).reason()).startsWith("xapi's health check failed and restarting xapi did not cure it");
        assertThat(f.get(0).record().evidence()).containsEntry("reason", "xapi-health-check");
        advance(INTERVAL * 2);
        assertThat(taken(Action.CheckXapi.class)).as("a fenced host checks nothing more").isEmpty();
    }

    @Test
    void statusSeesTheLastCheckTheFailuresInARowTheRestartsUsedAndThePendingFence() {
        start(1);
        XapiCheckState before = core.view(now).xapi().local();
        assertThat(before.lastCheck()).isEmpty();
        assertThat(before.msSinceLastCheck(now)).isEqualTo(-1);
        assertThat(before.restartsAllowed()).isEqualTo(1);
        passes(nextCheck());
        advance(3 * S);
        XapiCheckState healthy = core.view(now).xapi().local();
        assertThat(healthy.lastCheck()).get().satisfies(o -> assertThat(o.succeeded()).isTrue());
        assertThat(healthy.msSinceLastCheck(now)).isEqualTo(3000);
        assertThat(healthy.failedInARow()).isZero();
        assertThat(healthy.msUntilSelfFence(now)).isEqualTo(-1);

        advance(INTERVAL - 3 * S);
        Action.RestartXapi r = failsAndRestarts(taken(Action.CheckXapi.class).get(0), "down");
        assertThat(core.view(now).xapi().local()).satisfies(s -> {
            assertThat(s.failedInARow()).isEqualTo(1);
            assertThat(s.restartsUsed()).isEqualTo(1);
            assertThat(s.error()).isEqualTo("down");
        });
        report(r.id(), XapiOutcome.Ended.EXITED, 0, "");
        actions.clear();
        assertThat(core.view(now).xapi().local().restartsUsed()).as("used until a day after it worked").isEqualTo(1);
        report(nextCheck().id(), XapiOutcome.Ended.TIMED_OUT, -1, "");
        advance(S);
        XapiCheckState fencing = core.view(now).xapi().local();
        assertThat(fencing.failedInARow()).isEqualTo(2);
        assertThat(fencing.lastCheck()).get().extracting(XapiOutcome::ended).isEqualTo(XapiOutcome.Ended.TIMED_OUT);
        assertThat(fencing.checkLimitMs()).isEqualTo(10_000);
        assertThat(fencing.msUntilSelfFence(now)).isEqualTo(NOTIFY / 1_000_000 - 1000);
    }

    @Test
    void aRestartThatDoesNotWorkFencesToo() {
        start(2);
        Action.RestartXapi first = failsAndRestarts(nextCheck(), "");
        report(first.id(), XapiOutcome.Ended.EXITED, 1, "Failed to restart xapi.service");
        List<Action.RestartXapi> second = taken(Action.RestartXapi.class);
        assertThat(second).as("the second attempt of two").hasSize(1);
        assertThat(second.get(0).attempt()).isEqualTo(2);
        report(second.get(0).id(), XapiOutcome.Ended.TIMED_OUT, -1, "");
        assertThat(recorded()).containsExactly(EventKind.XAPI_RESTART, EventKind.XAPI_RESTART);
        advance(NOTIFY);
        assertThat(fences()).hasSize(1);
    }

    @Test
    void aDisarmedHostNeverFencesForXapiAndGoesOnChecking() {
        start(1);
        actions.addAll(core.request(new Request.Disarm(1), now));
        actions.clear();
        Action.RestartXapi r = failsAndRestarts(nextCheck(), "down");
        report(r.id(), XapiOutcome.Ended.EXITED, 1, "");
        advance(NOTIFY);
        assertThat(fences()).isEmpty();
        assertThat(taken(Action.Log.class)).anyMatch(l -> l.message().startsWith("would self-fence, but fencing is"
                + " disarmed: xapi's health check failed"));
        passes(nextCheck());
        assertThat(fences()).isEmpty();
    }

    @Test
    void theDaysCountOfRestartsStartsAgainADayAfterTheLastThatWorked() {
        start(1);
        Action.RestartXapi r = failsAndRestarts(nextCheck(), "");
        report(r.id(), XapiOutcome.Ended.EXITED, 0, "");
        actions.clear();
        assertThat(core.view(now).xapi().local().restartsUsed()).isEqualTo(1);
        healthyFor(XapiWatch.DAY); // every check passes for a day after the restart
        // the first check past the day fails: the count started again, so xapi is restarted, not the host fenced
        advance(INTERVAL);
        assertThat(core.view(now).xapi().local().restartsUsed()).as("over a day later").isZero();
        List<Action.CheckXapi> due = taken(Action.CheckXapi.class);
        assertThat(due).hasSize(1);
        failsAndRestarts(due.get(0), "");
        advance(NOTIFY);
        assertThat(fences()).isEmpty();
    }

    @Test
    void withinTheDayASecondFailureFindsNoAttemptLeft() {
        start(1);
        Action.RestartXapi r = failsAndRestarts(nextCheck(), "");
        report(r.id(), XapiOutcome.Ended.EXITED, 0, "");
        actions.clear();
        healthyFor(XapiWatch.DAY - 10 * INTERVAL);
        advance(INTERVAL);
        List<Action.CheckXapi> due = taken(Action.CheckXapi.class);
        assertThat(due).hasSize(1);
        report(due.get(0).id(), XapiOutcome.Ended.EXITED, 1, "");
        assertThat(taken(Action.RestartXapi.class)).isEmpty();
        advance(NOTIFY);
        assertThat(fences()).hasSize(1);
    }

    @Test
    void moreThanFiveChecksInARowThatCannotStartFenceTheHost() {
        start(1);
        for (int i = 0; i < 5; i++) {
            report(nextCheck().id(), XapiOutcome.Ended.NOT_STARTED, -1, "");
        }
        passes(nextCheck()); // one that runs starts the count again
        for (int i = 0; i < 5; i++) {
            report(nextCheck().id(), XapiOutcome.Ended.NOT_STARTED, -1, "");
        }
        Action.CheckXapi sixth = nextCheck();
        assertThat(fences()).isEmpty();
        assertThat(taken(Action.RestartXapi.class)).as("a check that did not run is no failure of xapi").isEmpty();
        report(sixth.id(), XapiOutcome.Ended.NOT_STARTED, -1, "");
        advance(NOTIFY);
        List<Action.SelfFence> f = fences();
        assertThat(f).hasSize(1);
        assertThat(f.get(0).reason()).isEqualTo("xapi's health check could not be started 6 times in a row: fork: no"
                + " memory");
    }

    @Test
    void anAnswerThatNeverComesIsAKillAtTheLimitAndALateOneIsIgnored() {
        start(1);
        Action.CheckXapi c = nextCheck();
        advance(20 * S + 100_000_000L); // TXapi 10 s plus 10 s of slack
        assertThat(recorded()).containsExactly(EventKind.XAPI_CHECK_FAILED);
        Action.RestartXapi r = taken(Action.RestartXapi.class).get(0);
        actions.clear();
        report(c.id(), XapiOutcome.Ended.EXITED, 0, ""); // the lost answer, late
        assertThat(actions).isEmpty();
        report(r.id(), XapiOutcome.Ended.EXITED, 0, "");
        assertThat(recorded()).containsExactly(EventKind.XAPI_RESTART);
    }

    @Test
    void withoutXapiNothingIsEverChecked() {
        DaemonConfigBuilder b = DaemonConfig.builder().generation(GENERATION).heartbeatInterface("lo")
                .stateFile(Path.of("/tmp/none"));
        IDS.forEach(id -> b.host(id, "127.0.0." + (IDS.indexOf(id) + 1)));
        core = new ProbeCore(b.build(IDS.get(0)), now);
        core.goOnline(now, actions);
        advance(10 * INTERVAL);
        assertThat(taken(Action.CheckXapi.class)).isEmpty();
    }

    /** What this host's next statefile write says of its xapi restart. */
    private int ownSectionSinceRestart() {
        core.onStatefileRead(true, false, java.util.Optional.empty(), List.of(), 0, now); // the cycle in flight ends
        return core.tick(now).stream().filter(Action.StatefileCycle.class::isInstance)
                .map(a -> ((Action.StatefileCycle) a).own().sinceXapiRestartFirstAttempted()).findFirst()
                .orElseGet(() -> {
                    throw new AssertionError("no statefile cycle");
                });
    }
}
