package org.xcp.clusterstack.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** The control socket's wire format, byte for byte, and what a malformed message becomes. */
class ControlProtocolTest {
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestIsOneLineOfWords() {
        assertThat(text(ControlProtocol.encode(Request.of(Verb.QUERY_LIVESET)))).isEqualTo("query_liveset\n");
        assertThat(text(ControlProtocol.encode(Request.of(Verb.FIST, "enable", "sf.slow.once"))))
                .isEqualTo("fist enable sf.slow.once\n");
        assertThat(ControlProtocol.decodeRequest(bytes("set_pool_state ACTIVE\n")))
                .isEqualTo(Request.of(Verb.SET_POOL_STATE, "ACTIVE"));
    }

    @Test
    void aReplyIsAHeaderAMessageLineAndTheOutput() {
        assertThat(text(ControlProtocol.encode(Reply.ok("TRUE\n")))).isEqualTo("0 5\n\nTRUE\n");
        assertThat(text(ControlProtocol.encode(new Reply(ExitCode.INVALID_LOCALHOST_STATE,
                "this host is not Online\nyet", "")))).isEqualTo("17 0\nthis host is not Online yet\n");
        assertThat(ControlProtocol.decodeReply(bytes("0 13\n\nsf.slow.once\n"))).isEqualTo(Reply.ok("sf.slow.once\n"));
        assertThat(ControlProtocol.decodeReply(bytes("14 0\nno daemon\n")))
                .isEqualTo(new Reply(ExitCode.DAEMON_IS_NOT_PRESENT, "no daemon", ""));
    }

    @Test
    void theOutputLengthCountsBytesNotCharacters() {
        Reply reply = Reply.ok("é\n");

        assertThat(text(ControlProtocol.encode(reply))).startsWith("0 3\n");
        assertThat(ControlProtocol.decodeReply(ControlProtocol.encode(reply))).isEqualTo(reply);
    }

    @Test
    void malformedRepliesAreExit3InOneLine() {
        for (String bad : List.of("", "0", "zero 0\n\n", "0\n\n", "0 5\n\nTRUE", "0 2\n\nTRUE\n", "42 0\n\n",
                "0 99999999999\n\n", "0 0\n", "-1 0\n\n", "0 0 0\n\n")) {
            assertThatThrownBy(() -> ControlProtocol.decodeReply(bytes(bad))).as("'%s'", bad)
                    .isInstanceOfSatisfying(HaException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.TRANSIENT_SYSTEM_ERROR))
                    .hasMessageStartingWith("malformed reply: ").hasMessageNotContaining("\n");
        }
    }

    @Test
    void malformedRequestsAreExit1InOneLine() {
        for (String bad : List.of("", "\n", "query_liveset", "liveset\n", "fist  list\n", "fist list \n",
                "set_pool_state\tACTIVE\n", "x".repeat(300) + "\n")) {
            assertThatThrownBy(() -> ControlProtocol.decodeRequest(bytes(bad))).as("'%s'", bad)
                    .isInstanceOfSatisfying(HaException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER))
                    .hasMessageNotContaining("\n");
        }
    }

    @Property
    void everyReplyDecodesToItself(@ForAll("codes") ExitCode code, @ForAll @StringLength(max = 60) String message,
            @ForAll @StringLength(max = 2000) String stdout) {
        Reply reply = new Reply(code, message, stdout.replace('\uFFFD', 'x'));
        String surrogateFree = new String(bytes(reply.stdout()), StandardCharsets.UTF_8);
        Reply sent = new Reply(code, reply.message(), surrogateFree);

        assertThat(ControlProtocol.decodeReply(ControlProtocol.encode(sent)))
                .isEqualTo(new Reply(code, new String(bytes(sent.message()), StandardCharsets.UTF_8), surrogateFree));
    }

    @Property
    void everyRequestDecodesToItself(@ForAll("verbs") Verb verb,
            @ForAll @Size(max = 3) List<@StringLength(min = 1, max = 20) String> rawArgs) {
        List<String> args = rawArgs.stream().map(a -> a.replaceAll("[^!-~]", "x")).toList();
        Request request = new Request(verb, args);

        assertThat(ControlProtocol.decodeRequest(ControlProtocol.encode(request))).isEqualTo(request);
    }

    @Provide
    Arbitrary<ExitCode> codes() {
        return Arbitraries.of(ExitCode.class);
    }

    @Provide
    Arbitrary<Verb> verbs() {
        return Arbitraries.of(Verb.class);
    }
}
