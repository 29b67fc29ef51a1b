package org.xcp.clusterstack.xhad.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The freshness rule of docs/heartbeat-auth.md, receipt step 4, as two hosts A (index 0) and B (index 1) live it. */
class SenderLivesTest {
    private static final int W = 8;
    private static final int A = 0;
    private static final int B = 1;

    @Test
    void twoHostsThatNeverHeardEachOtherAreFreshAfterOneExchange() {
        SenderLives a = new SenderLives(100, W);
        SenderLives b = new SenderLives(200, W);
        a.sent(1);
        // A's first heartbeat echoes nothing: B only remembers it, to echo it
        assertThat(b.admit(A, 100, 1, a.echoIncarnation(B), a.echoSequence(B))).isEqualTo(DropReason.NOT_FRESH);
        b.sent(1);
        // B's heartbeat echoes A's own life and sequence: fresh, accepted
        assertThat(a.admit(B, 200, 1, b.echoIncarnation(A), b.echoSequence(A))).isNull();
        a.sent(2);
        assertThat(b.admit(A, 100, 2, a.echoIncarnation(B), a.echoSequence(B))).isNull();
        // from now on, in sequence is enough
        assertThat(b.admit(A, 100, 3, 0, 0)).isNull();
    }

    @Test
    void aReplayOfAnAcceptedHeartbeatIsStaleForever() {
        SenderLives a = believing(B, 200, 5);
        assertThat(a.admit(B, 200, 5, 0, 0)).isEqualTo(DropReason.STALE_SEQUENCE);
        assertThat(a.admit(B, 200, 4, 0, 0)).isEqualTo(DropReason.STALE_SEQUENCE);
        for (int s = 2; s < 100; s++) {
            a.sent(s); // however long ago: nothing like xhad's reset when the sender left the hbdomain
        }
        assertThat(a.admit(B, 200, 5, 100, 1)).isEqualTo(DropReason.STALE_SEQUENCE);
    }

    @Test
    void aRestartedSenderIsBelievedOnceItEchoesMe() {
        SenderLives a = believing(B, 200, 50);
        a.sent(2);
        // B restarted (incarnation 300, counting from 1) and has not heard A yet: not fresh, not in sequence
        assertThat(a.admit(B, 300, 1, 0, 0)).isEqualTo(DropReason.NOT_FRESH);
        assertThat(a.echoIncarnation(B)).isEqualTo(200); // A still echoes the life it believes
        // once B echoes A's own life, the new life is believed
        assertThat(a.admit(B, 300, 2, 100, 2)).isNull();
        assertThat(a.echoIncarnation(B)).isEqualTo(300);
        assertThat(a.echoSequence(B)).isEqualTo(2);
    }

    @Test
    void aHeartbeatOfAnEarlierLifeOfMineIsNotFresh() {
        SenderLives restarted = new SenderLives(101, W); // I restarted: my old life was 100
        restarted.sent(1);
        assertThat(restarted.admit(B, 200, 77, 100, 1)).isEqualTo(DropReason.NOT_FRESH);
    }

    @Test
    void anEchoOlderThanTheWindowIsNotFresh() {
        SenderLives a = new SenderLives(100, W);
        for (int s = 1; s <= 1 + W + 1; s++) {
            a.sent(s);
        }
        assertThat(a.admit(B, 200, 1, 100, 1)).isEqualTo(DropReason.NOT_FRESH); // W + 1 of my heartbeats ago
        assertThat(a.admit(B, 200, 2, 100, 2)).isNull(); // W ago: still fresh
    }

    @Test
    void anEchoOfASequenceIHaveNotSentIsNotFresh() {
        SenderLives a = new SenderLives(100, W);
        a.sent(5);
        assertThat(a.admit(B, 200, 1, 100, 6)).isEqualTo(DropReason.NOT_FRESH);
        assertThat(a.admit(B, 200, 1, 100, 0)).isEqualTo(DropReason.NOT_FRESH);
    }

    @Test
    void theLastWordsOfAnOlderLifeCannotDisplaceTheNewOne() {
        SenderLives a = new SenderLives(100, W);
        a.sent(1);
        assertThat(a.admit(B, 300, 1, 100, 1)).isNull(); // B's new life, believed
        // B's old life's last heartbeat, fresh (it echoed A's sequence 1), replayed now
        assertThat(a.admit(B, 200, 90, 100, 1)).isEqualTo(DropReason.STALE_SEQUENCE);
        assertThat(a.echoIncarnation(B)).isEqualTo(300);
    }

    @Test
    void aLowerIncarnationIsBelievedWhenTheHigherOneFellSilent() {
        SenderLives a = new SenderLives(100, W);
        a.sent(1);
        assertThat(a.admit(B, 300, 1, 100, 1)).isNull();
        for (int s = 2; s <= 2 + W; s++) {
            a.sent(s); // B silent for more than W of my heartbeats: its clock went back when it restarted
        }
        assertThat(a.admit(B, 250, 1, 100, 2 + W)).isNull();
    }

    @Test
    void theHandshakeRemembersTheHighestLifeSeenNotTheLatestArrival() {
        SenderLives a = new SenderLives(100, W);
        assertThat(a.admit(B, 300, 7, 0, 0)).isEqualTo(DropReason.NOT_FRESH);
        assertThat(a.admit(B, 200, 99, 0, 0)).isEqualTo(DropReason.NOT_FRESH); // a replay of an older life
        assertThat(a.echoIncarnation(B)).isEqualTo(300);
        assertThat(a.echoSequence(B)).isEqualTo(7);
        assertThat(a.admit(B, 300, 8, 0, 0)).isEqualTo(DropReason.NOT_FRESH);
        assertThat(a.echoSequence(B)).isEqualTo(8);
    }

    @Test
    void sequencesWrapAsXhadsDo() {
        SenderLives a = believing(B, 200, -1); // 0xFFFFFFFF
        assertThat(a.admit(B, 200, 5, 0, 0)).isNull(); // more than 2^31 behind: the counter wrapped, so newer
    }

    /** A host (incarnation 100) that believes {@code sender}'s life {@code incarnation} at {@code sequence}. */
    private static SenderLives believing(int sender, long incarnation, int sequence) {
        SenderLives a = new SenderLives(100, W);
        a.sent(1);
        assertThat(a.admit(sender, incarnation, sequence, 100, 1)).isNull();
        return a;
    }
}
