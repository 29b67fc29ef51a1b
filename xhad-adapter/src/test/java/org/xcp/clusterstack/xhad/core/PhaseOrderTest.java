package org.xcp.clusterstack.xhad.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.statefile.SmPhase;

/** Spec §7.3 and xhad's sm.c: the order of a fault-handler round, and when a member has reached my phase. */
class PhaseOrderTest {
    @Test
    void aRoundGoesThroughEveryPhaseOfXhadInOrderAndEndsAtStarted() {
        List<SmPhase> round = new ArrayList<>();
        for (SmPhase p = SmPhase.FHREADY; p != SmPhase.STARTED; p = PhaseOrder.next(p)) {
            round.add(p);
        }
        assertThat(round).containsExactly(SmPhase.FHREADY, SmPhase.FH1, SmPhase.FH1DONE, SmPhase.FH2,
                SmPhase.FH2DONE, SmPhase.FH3, SmPhase.FH3DONE, SmPhase.FH4, SmPhase.FH4DONE);
        assertThat(PhaseOrder.next(SmPhase.STARTED)).isEqualTo(SmPhase.FHREADY);
    }

    @Test
    void membersMeetOnTheStatefileAtFh1DoneAndFh2Only() {
        assertThat(List.of(SmPhase.values())).filteredOn(PhaseOrder::alsoOnStatefile)
                .containsExactly(SmPhase.FH1DONE, SmPhase.FH2);
    }

    @Test
    void aMemberAtMyPhaseOrFurtherOnHasReachedItOneBehindHasNot() {
        for (SmPhase mine = SmPhase.FH1; mine != SmPhase.FH4DONE; mine = PhaseOrder.next(mine)) {
            assertThat(PhaseOrder.reached(mine.code(), mine)).as("at %s", mine).isTrue();
            assertThat(PhaseOrder.reached(PhaseOrder.next(mine).code(), mine)).as("one past %s", mine).isTrue();
            assertThat(PhaseOrder.reached(mine.code() - 1, mine)).as("one behind %s", mine).isFalse();
        }
    }

    @Test
    void openingARoundAMemberStillFinishingThePreviousOneIsBehind() {
        assertThat(PhaseOrder.reached(SmPhase.FHREADY.code(), SmPhase.FHREADY)).isTrue();
        assertThat(PhaseOrder.reached(SmPhase.FH1.code(), SmPhase.FHREADY)).isTrue();
        assertThat(PhaseOrder.reached(SmPhase.FH4.code(), SmPhase.FHREADY)).isFalse();
        assertThat(PhaseOrder.reached(SmPhase.FH4DONE.code(), SmPhase.FHREADY)).isFalse();
        assertThat(PhaseOrder.reached(SmPhase.STARTED.code(), SmPhase.FHREADY)).isFalse();
    }

    @Test
    void closingARoundAMemberBackAtStartedOrInTheNextRoundIsDone() {
        assertThat(PhaseOrder.reached(SmPhase.STARTED.code(), SmPhase.FH4DONE)).isTrue();
        assertThat(PhaseOrder.reached(SmPhase.FHREADY.code(), SmPhase.FH4DONE)).isTrue();
        assertThat(PhaseOrder.reached(SmPhase.FH4.code(), SmPhase.FH4DONE)).isFalse();
        assertThat(PhaseOrder.reached(SmPhase.FH4DONE.code(), SmPhase.STARTED))
                .as("I leave STARTED only when nobody is still at FH4DONE: a C host there waits for STARTED").isFalse();
        assertThat(PhaseOrder.reached(SmPhase.STARTED.code(), SmPhase.STARTED)).isTrue();
        assertThat(PhaseOrder.reached(SmPhase.FHREADY.code(), SmPhase.STARTED)).isTrue();
    }

    @Test
    void aPhaseThatIsNoFaultHandlerPhaseIsNotThere() {
        assertThat(PhaseOrder.reached(SmPhase.STARTING.code(), SmPhase.FH2)).isFalse();
        assertThat(PhaseOrder.reached(SmPhase.ABORTED.code(), SmPhase.FH2)).isFalse();
        assertThat(PhaseOrder.reached(42, SmPhase.FH2)).isFalse();
    }

    @Test
    void onTheStatefileASectionStillShowingTheLastRoundsFh4DoesNotCountAtFh1Done() {
        assertThat(PhaseOrder.reachedOnStatefile(SmPhase.FH1DONE.code(), SmPhase.FH1DONE)).isTrue();
        assertThat(PhaseOrder.reachedOnStatefile(SmPhase.FH2.code(), SmPhase.FH1DONE)).isTrue();
        assertThat(PhaseOrder.reachedOnStatefile(SmPhase.FH2DONE.code(), SmPhase.FH1DONE)).isTrue();
        assertThat(PhaseOrder.reachedOnStatefile(SmPhase.FH4.code(), SmPhase.FH1DONE)).isFalse();
        assertThat(PhaseOrder.reachedOnStatefile(SmPhase.FH1.code(), SmPhase.FH1DONE)).isFalse();
        assertThat(PhaseOrder.reachedOnStatefile(SmPhase.FH4DONE.code(), SmPhase.FH2)).isTrue();
        assertThat(PhaseOrder.reachedOnStatefile(SmPhase.FH1DONE.code(), SmPhase.FH2)).isFalse();
    }
}
