package org.xcp.clusterstack.common.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.api.statefile.PoolState;

/** Spec §7.1 step 4, decision by decision, for a two-host pool (T = 10: Tboot = Tenable = 70 s). */
class StartCriteriaTest {
    private static final Duration EARLY = Duration.ofSeconds(1);
    private static final Duration LATE = Duration.ofSeconds(71);
    private final StartCriteria criteria = new StartCriteria(twoHosts());

    @Test
    void initWithEveryHostUpFormsTheWholePool() {
        assertThat(criteria.decide(view(PoolState.INIT, HostSet.of(0, 1), false, false, false), EARLY))
                .isEqualTo(new StartCriteria.Form(HostSet.of(0, 1)));
    }

    @Test
    void initNeverAllowsASubset() {
        StartCriteria.View alone = view(PoolState.INIT, HostSet.of(0), false, false, false);

        assertThat(criteria.decide(alone, EARLY)).isInstanceOf(StartCriteria.Wait.class);
        assertThat(criteria.decide(alone, LATE)).isInstanceOfSatisfying(StartCriteria.Fail.class,
                f -> assertThat(f.code()).isEqualTo(ExitCode.BOOTJOIN_TIMEOUT));
    }

    @Test
    void initWithAnExistingLivesetIs11() {
        assertThat(criteria.decide(view(PoolState.INIT, HostSet.of(0), true, false, false), EARLY))
                .isInstanceOfSatisfying(StartCriteria.Fail.class,
                        f -> assertThat(f.code()).isEqualTo(ExitCode.INVALID_POOL_STATE));
    }

    @Test
    void activeWithoutALivesetWaitsTbootThenFormsWhatItSees() {
        StartCriteria.View alone = view(PoolState.ACTIVE, HostSet.of(0), false, false, false);

        assertThat(criteria.decide(alone, EARLY)).isInstanceOf(StartCriteria.Wait.class);
        assertThat(criteria.decide(alone, LATE)).isEqualTo(new StartCriteria.Form(HostSet.of(0)));
    }

    @Test
    void anExcludedHostCannotFormALivesetWhileOthersAreNotExcluded() {
        assertThat(criteria.decide(view(PoolState.ACTIVE, HostSet.of(0), false, true, false), LATE))
                .isInstanceOfSatisfying(StartCriteria.Fail.class,
                        f -> assertThat(f.code()).isEqualTo(ExitCode.BOOT_BLOCKED_BY_EXCLUDED));
        assertThat(criteria.decide(view(PoolState.ACTIVE, HostSet.of(0), false, true, true), LATE))
                .isEqualTo(new StartCriteria.Form(HostSet.of(0)));
    }

    @Test
    void aLivePoolThatNeverAcceptsThisHostIs13AfterTboot() {
        StartCriteria.View pool = view(PoolState.ACTIVE, HostSet.of(0), true, false, false);

        assertThat(criteria.decide(pool, EARLY)).isInstanceOf(StartCriteria.Wait.class);
        assertThat(criteria.decide(pool, LATE)).isInstanceOfSatisfying(StartCriteria.Fail.class,
                f -> assertThat(f.code()).isEqualTo(ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET));
    }

    @Test
    void invalidOrNoPoolStateEndTheStart() {
        assertThat(criteria.decide(view(PoolState.INVALID, HostSet.of(0, 1), false, false, false), EARLY))
                .isInstanceOfSatisfying(StartCriteria.Fail.class,
                        f -> assertThat(f.code()).isEqualTo(ExitCode.INVALID_POOL_STATE));
        assertThat(criteria.decide(view(PoolState.NONE, HostSet.of(0, 1), false, false, false), EARLY))
                .isInstanceOfSatisfying(StartCriteria.Fail.class,
                        f -> assertThat(f.code()).isEqualTo(ExitCode.CAN_NOT_ACCESS_STATEFILE));
    }

    private static StartCriteria.View view(PoolState pool, HostSet up, boolean livesetExists, boolean excluded,
            boolean allExcluded) {
        return new StartCriteria.View(0, pool, up, up, livesetExists, excluded, allExcluded);
    }

    private static DaemonConfig twoHosts() {
        String xml = """
                <xhad-config version="1.0"><common-config>
                <GenerationUUID>5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60</GenerationUUID><UDPport>694</UDPport>
                <host><HostID>0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02</HostID><IPaddress>127.0.0.1</IPaddress></host>
                <host><HostID>6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01</HostID><IPaddress>127.0.0.2</IPaddress></host>
                <parameters><BootJoinTimeout>70</BootJoinTimeout><EnableJoinTimeout>70</EnableJoinTimeout></parameters>
                </common-config><local-config><localhost>
                <HostID>0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02</HostID><HeartbeatInterface>lo</HeartbeatInterface>
                <StateFile>/dev/null</StateFile></localhost></local-config></xhad-config>""";
        return DaemonConfigReader.parse(xml.getBytes(StandardCharsets.UTF_8), "two-hosts.conf");
    }
}
