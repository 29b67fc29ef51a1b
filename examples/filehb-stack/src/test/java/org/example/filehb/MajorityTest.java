package org.example.filehb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaUuid;

class MajorityTest {
    static final HaUuid A = HaUuid.parse("00000001-0000-4000-8000-0000000000a1");
    static final HaUuid B = HaUuid.parse("00000002-0000-4000-8000-0000000000b2");
    static final HaUuid C = HaUuid.parse("00000003-0000-4000-8000-0000000000c3");
    static final HaUuid D = HaUuid.parse("00000004-0000-4000-8000-0000000000d4");

    @Test
    void moreThanHalfOfThePoolRuns() {
        Majority three = Majority.of(List.of(C, A, B));
        assertThat(three.holds(Set.of(B, C))).isTrue();
        assertThat(three.holds(Set.of(C))).isFalse();
    }

    @Test
    void ofTwoHalvesTheOneWithTheLowestHostRuns() {
        Majority four = Majority.of(List.of(A, B, C, D));
        assertThat(four.holds(Set.of(A, D))).isTrue();
        assertThat(four.holds(Set.of(B, C))).isFalse();
        Majority two = Majority.of(List.of(B, A));
        assertThat(two.holds(Set.of(A))).isTrue();
        assertThat(two.holds(Set.of(B))).isFalse();
    }

    @Test
    void hostsOutsideThePoolDoNotCount() {
        assertThat(Majority.of(List.of(A, B, C)).holds(Set.of(A, D))).isFalse();
    }
}
