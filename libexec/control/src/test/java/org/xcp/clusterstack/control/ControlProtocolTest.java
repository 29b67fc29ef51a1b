package org.xcp.clusterstack.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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
                "set_pool_state\tACTIVE\n", "x".repeat(300) + "\n", "set_pool_state BOGUS\n",
                "set_pool_state\n", "set_pool_state ACTIVE INVALID\n", "set_pool_state active\n",
                "query_liveset now\n", "start_daemon\n", "fist\n", "fist enable\n", "fist list x\n",
                "fist on sf.slow\n")) {
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

    @Test
    void aRequestIsReadWhenItsLineIsWholeAndNotBefore() {
        byte[] buffer = new byte[ControlProtocol.MAX_REQUEST_BYTES + 1];
        byte[] sent = bytes("set_pool_state INVALID\n");
        System.arraycopy(sent, 0, buffer, 0, sent.length);

        for (int length = 0; length < sent.length; length++) {
            assertThat(ControlProtocol.requestIn(buffer, length)).as("%d bytes", length).isEmpty();
        }
        assertThat(ControlProtocol.requestIn(buffer, sent.length))
                .contains(Request.of(Verb.SET_POOL_STATE, "INVALID"));
    }

    @Test
    void aRequestLongerThanTheLimitIsRefusedOnceTheBufferIsFull() {
        byte[] buffer = bytes("f".repeat(ControlProtocol.MAX_REQUEST_BYTES + 1));

        assertThat(ControlProtocol.requestIn(buffer, ControlProtocol.MAX_REQUEST_BYTES)).isEmpty();
        assertThatThrownBy(() -> ControlProtocol.requestIn(buffer, buffer.length))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER))
                .hasMessage("malformed request: longer than " + ControlProtocol.MAX_REQUEST_BYTES + " bytes");
        byte[] endsJustPast = bytes("f".repeat(ControlProtocol.MAX_REQUEST_BYTES) + "\n");
        assertThatThrownBy(() -> ControlProtocol.requestIn(endsJustPast, endsJustPast.length))
                .hasMessageContaining("longer than");
    }

    @Test
    void anythingAfterTheRequestsLineIsRefused() {
        byte[] two = bytes("state\nstatus\n");

        assertThatThrownBy(() -> ControlProtocol.requestIn(two, two.length))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER))
                .hasMessage("malformed request: more than one line");
    }

    @Property
    void everyRequestDecodesToItself(@ForAll("requests") Request request) {
        assertThat(ControlProtocol.decodeRequest(ControlProtocol.encode(request))).isEqualTo(request);
    }

    @Property
    void noPrefixOfARequestIsARequestAndTheWholeLineIs(@ForAll("requests") Request request) {
        byte[] line = ControlProtocol.encode(request);
        byte[] buffer = java.util.Arrays.copyOf(line, ControlProtocol.MAX_REQUEST_BYTES + 1);

        for (int length = 0; length < line.length; length++) {
            assertThat(ControlProtocol.requestIn(buffer, length)).isEmpty();
        }
        assertThat(ControlProtocol.requestIn(buffer, line.length)).contains(request);
    }

    /** Every request the scripts and the CLI send, and only those. */
    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40);
        return Arbitraries.oneOf(
                Arbitraries.of(Verb.values()).filter(v -> v != Verb.START_DAEMON && v != Verb.SET_POOL_STATE
                        && v != Verb.FIST).map(Request::of),
                Arbitraries.of("ACTIVE", "INVALID").map(s -> Request.of(Verb.SET_POOL_STATE, s)),
                Arbitraries.just(Request.of(Verb.FIST, "list")),
                Combinators.combine(Arbitraries.of("enable", "disable"), name)
                        .as((action, n) -> Request.of(Verb.FIST, action, n)));
    }

    @Provide
    Arbitrary<ExitCode> codes() {
        return Arbitraries.of(ExitCode.class);
    }
}
