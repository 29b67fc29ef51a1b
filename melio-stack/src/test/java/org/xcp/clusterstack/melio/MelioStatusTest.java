package org.xcp.clusterstack.melio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcp.clusterstack.melio.MelioFixtures.A;
import static org.xcp.clusterstack.melio.MelioFixtures.B;
import static org.xcp.clusterstack.melio.MelioFixtures.C;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xcp.clusterstack.api.HaUuid;

/** The {@code status} answer, version 1 (CONTRACT.md §2.1): what is accepted, and what exactly is wrong otherwise. */
class MelioStatusTest {
    static final Set<HaUuid> POOL = Set.of(A, B, C);

    static MelioStatus parse(String text) throws MelioStatus.Malformed {
        return MelioStatus.parse(text, POOL, A);
    }

    @Test
    void aWellFormedAnswerIsReadAsIs() throws Exception {
        MelioStatus s = parse(MelioFixtures.status("yes", List.of(A, C), 30_000, "yes"));

        assertThat(s).isEqualTo(new MelioStatus(true, Set.of(A, C), Duration.ofSeconds(30),
                "the partition with the lowest host UUID wins an even split", true));
    }

    @Test
    void keysMayComeInAnyOrderAndBlankLinesAreIgnored() throws Exception {
        String answer = "member=" + A.dashed() + "\n\nfencing_armed=no\ntie_break=votes\nquorate=yes\n"
                + "fence_window_ms=1\nversion=1";

        assertThat(parse(answer)).isEqualTo(new MelioStatus(true, Set.of(A), Duration.ofMillis(1), "votes", false));
    }

    @Test
    void membersAreHostUuidsAsXhadReadsThem_caseAndDashesDoNotMatter() throws Exception {
        String answer = MelioFixtures.quorate(A).replace(A.dashed(), A.compact().toUpperCase());

        assertThat(parse(answer).members()).containsExactly(A);
    }

    @Test
    void aNonQuorateAnswerNeedNotListTheLocalHost() throws Exception {
        assertThat(parse(MelioFixtures.status("no", List.of(), 30_000, "yes")).members()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            nothing at all              || no version line (expected version=1 first)
            a line without '='          | version=1;quorate yes | line 2 is not key=value: 'quorate yes'
            an empty key                | version=1;=yes | line 2 is not key=value: '=yes'
            another version             | version=2;quorate=yes | version=2 on line 1: this stack speaks version 1 only
            an unknown key              | version=1;master=yes | unknown key 'master' on line 2
            a key given twice           | version=1;quorate=yes;quorate=no | 'quorate' given twice (lines 2 and 3)
            missing keys                | version=1;quorate=no | missing fence_window_ms, tie_break, fencing_armed
            quorate not yes or no       | version=1;quorate=true;fence_window_ms=1;tie_break=x;fencing_armed=yes | quorate='true' on line 2: expected yes or no
            quorate with a space        | version=1;quorate= yes;fence_window_ms=1;tie_break=x;fencing_armed=yes | quorate=' yes' on line 2: expected yes or no
            armed not yes or no         | version=1;quorate=no;fence_window_ms=1;tie_break=x;fencing_armed=1 | fencing_armed='1' on line 5: expected yes or no
            a window in seconds         | version=1;quorate=no;fence_window_ms=20s;tie_break=x;fencing_armed=yes | fence_window_ms='20s' on line 3: expected a positive whole number of milliseconds
            a zero window               | version=1;quorate=no;fence_window_ms=0;tie_break=x;fencing_armed=yes | fence_window_ms='0' on line 3: expected a positive whole number of milliseconds
            a negative window           | version=1;quorate=no;fence_window_ms=-5;tie_break=x;fencing_armed=yes | fence_window_ms='-5' on line 3: expected a positive whole number of milliseconds
            an empty tie-break          | version=1;quorate=no;fence_window_ms=5;tie_break=;fencing_armed=yes | tie_break on line 4: expected 1 to 200 printable characters
            a member that is no UUID    | version=1;member=host1 | member 'host1' on line 2 is not a host UUID: it has 5 characters without dashes, a UUID has 32
            a member that is not hex    | version=1;member=zzzzzzzz-0000-4000-8000-000000000001 | member 'zzzzzzzz-0000-4000-8000-000000000001' on line 2 is not a host UUID: it is not made of hex digits
            CR line ends                | version=1\\r;quorate=no | version=1? on line 1: this stack speaks version 1 only
            """)
    void aMalformedAnswerSaysExactlyWhatIsWrong(String what, String answer, String problem) {
        String text = answer == null ? "" : answer.replace(";", "\n").replace("\\r", "\r");

        assertThatThrownBy(() -> parse(text)).isInstanceOf(MelioStatus.Malformed.class).hasMessage(problem);
    }

    @Test
    void aMemberOutsideThePoolIsNamed() {
        String answer = MelioFixtures.quorate(A, MelioFixtures.STRANGER);

        assertThatThrownBy(() -> parse(answer)).hasMessage("member " + MelioFixtures.STRANGER
                + " on line 4 is not a host of this pool");
    }

    @Test
    void aQuorateAnswerMustListTheLocalHost() {
        assertThatThrownBy(() -> parse(MelioFixtures.quorate(B))).hasMessage("quorate=yes but the local host " + A
                + " is not among the members");
    }

    @Test
    void aLongTieBreakIsRefused() {
        String answer = MelioFixtures.quorate(A).replaceAll("tie_break=.*", "tie_break=" + "x".repeat(201));

        assertThatThrownBy(() -> parse(answer))
                .hasMessage("tie_break on line 5: expected 1 to 200 printable characters");
    }
}
