package org.xcp.clusterstack.api.liveset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.xcp.clusterstack.api.liveset.LivesetText.deleteElement;
import static org.xcp.clusterstack.api.liveset.LivesetText.element;
import static org.xcp.clusterstack.api.liveset.LivesetText.insertBefore;
import static org.xcp.clusterstack.api.liveset.LivesetText.replaceElement;
import static org.xcp.clusterstack.api.liveset.LivesetText.setText;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * Every row of "What xapi's liveset parser accepts" (fixtures/xapi/README.md) plus spec §4.3, as
 * mutations of the real xhad output: accepted rows must read the right values, rejected rows must
 * throw HaException(INTERNAL_BUG) naming the problem.
 */
class XapiAcceptanceTableTest {
    private static final String H1 = LivesetFixtures.text("liveset-3up-h1.xml");
    private static final String STARTING = LivesetFixtures.text("liveset-starting.xml");
    private static final String END = "</ha_liveset_info>";

    @ParameterizedTest(name = "accepts: {0}")
    @MethodSource("accepted")
    void accepts(String row, String xml, Consumer<Liveset> check) {
        check.accept(LivesetReader.read(xml));
    }

    @ParameterizedTest(name = "rejects: {0}")
    @MethodSource("rejected")
    void rejects(String row, String xml, String problem) {
        Throwable thrown = catchThrowable(() -> LivesetReader.read(xml));

        assertThat(thrown).isInstanceOf(HaException.class);
        HaException e = (HaException) thrown;
        assertThat(e.exitCode()).isEqualTo(ExitCode.INTERNAL_BUG);
        assertThat(e.getMessage()).startsWith("liveset: ").contains(problem).doesNotContain("\n");
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                accept("real xhad output, Online, 3 hosts", H1, is(LivesetFixtures.threeUpOnH1())),
                accept("real xhad output, Starting, no hosts", STARTING, is(LivesetFixtures.startingOnH3())),
                accept("status online (lower case)", setText(H1, "status", 1, "online"), status(LivesetStatus.ONLINE)),
                accept("status OFFLINE", setText(H1, "status", 1, "OFFLINE"), status(LivesetStatus.OFFLINE)),
                accept("status sTaRtInG", setText(H1, "status", 1, "sTaRtInG"), status(LivesetStatus.STARTING)),
                accept("host boolean true", setText(H1, "master", 2, "true"), host(1, h -> assertThat(h.master()).isTrue())),
                accept("host boolean True", setText(H1, "master", 2, "True"), host(1, h -> assertThat(h.master()).isTrue())),
                accept("host boolean ' TRUE '", setText(H1, "master", 2, " TRUE "), host(1, h -> assertThat(h.master()).isTrue())),
                accept("host boolean false over lines", setText(H1, "liveness", 2, "\n  false\n"),
                        host(1, h -> assertThat(h.live()).isFalse())),
                accept("warning boolean TRUE", setText(H1, "statefile_lost", 1, "TRUE"), warning(true)),
                accept("warning boolean ' TRUE ' (trimmed)", setText(H1, "statefile_lost", 1, " TRUE "), warning(true)),
                accept("warning boolean true reads FALSE", setText(H1, "statefile_lost", 1, "true"), warning(false)),
                accept("warning boolean True reads FALSE", setText(H1, "statefile_lost", 1, "True"), warning(false)),
                accept("warning boolean 1 reads FALSE", setText(H1, "statefile_lost", 1, "1"), warning(false)),
                accept("warning boolean empty reads FALSE", setText(H1, "statefile_lost", 1, ""), warning(false)),
                accept("unknown element at top level", insertBefore(H1, "<host>", 1, "<colour>blue</colour><x><y/></x>"), sameAsH1()),
                accept("unknown element in host", insertBefore(H1, "<liveness>", 2, "<rack>7</rack><nested><a>1</a></nested>"), sameAsH1()),
                accept("unknown element in localhost after HostID", insertBefore(H1, "<HostIndex>", 1, "<site>lab</site>"), sameAsH1()),
                accept("unknown attributes", H1.replace("<status>", "<status lang=\"en\">")
                        .replace("<host>", "<host id=\"x\">").replace("<HostID>", "<HostID a='1'>")
                        .replace("version=\"1.0\">", "version=\"9.9\" extra=\"1\">"), sameAsH1()),
                accept("host children in another order", replaceElement(H1, "host", 2, reversedHost2()), sameAsH1()),
                accept("status and localhost after the hosts", statusAndLocalhostLast(), sameAsH1()),
                accept("the same host twice, counted twice", insertBefore(H1, "<raw_status_on_local_host>", 1,
                        element(H1, "host", 2) + "\n  "), l -> {
                            assertThat(l.hosts()).hasSize(4);
                            assertThat(l.hosts().get(3)).isEqualTo(l.hosts().get(1));
                        }),
                accept("a Starting document that lists hosts", setText(H1, "status", 1, "Starting"), l -> {
                    assertThat(l.status()).isEqualTo(LivesetStatus.STARTING);
                    assertThat(l.hosts()).isEqualTo(LivesetFixtures.threeUpOnH1().hosts());
                }),
                accept("no XML declaration", H1.substring(H1.indexOf('\n') + 1), sameAsH1()),
                accept("comments", H1.replace("<host>", "<!-- a host --><host>")
                        .replace("<status>Online</status>", "<status><!-- hi -->Online</status>")
                        .replace("<ha_liveset_info", "<!-- before --><ha_liveset_info"), sameAsH1()),
                accept("garbage after the root element", H1 + "garbage <<< &nonsense; </ha_liveset_info>\0", sameAsH1()),
                accept("CRLF line ends", H1.replace("\n", "\r\n"), sameAsH1()),
                accept("tabs and newlines between elements", H1.replace("\n  <host>", "\n\t\t<host>"), sameAsH1()));
    }

    static Stream<Arguments> rejected() {
        Stream<Arguments> table = Stream.of(
                reject("status with a leading space", setText(H1, "status", 1, " Online"), "<status> is ' Online'"),
                reject("status with a trailing space", setText(H1, "status", 1, "Online "), "<status> is 'Online '"),
                reject("status with newlines", setText(H1, "status", 1, "\n    Online\n  "), "<status> is '\\n    Online\\n  '"),
                reject("status empty", setText(H1, "status", 1, ""), "<status> does not hold exactly one text"),
                reject("status self-closed", replaceElement(H1, "status", 1, "<status/>"), "<status> does not hold exactly one text"),
                reject("status only spaces", setText(H1, "status", 1, "   "), "<status> does not hold exactly one text"),
                reject("status holding an element", setText(H1, "status", 1, "On<b/>line"), "<status> does not hold exactly one text"),
                reject("status missing", deleteElement(H1, "status", 1), "no <status>"),
                reject("status bogus", setText(H1, "status", 1, "bogus"), "<status> is 'bogus'"),
                reject("localhost missing", deleteElement(H1, "localhost", 1), "no <localhost>"),
                reject("localhost HostID missing", deleteElement(H1, "HostID", 1), "<localhost> does not start with <HostID>"),
                reject("localhost HostIndex before HostID", replaceElement(H1, "localhost", 1,
                        "<localhost><HostIndex>0</HostIndex><HostID>772c21cf-451b-4ca7-93ae-87327ea1aa9b</HostID></localhost>"),
                        "<localhost> does not start with <HostID>"),
                reject("localhost text before HostID", insertBefore(H1, "<HostID>", 1, "id:"), "<localhost> does not start with <HostID>"),
                reject("localhost HostID with spaces", setText(H1, "HostID", 1, " 772c21cf-451b-4ca7-93ae-87327ea1aa9b"),
                        "<localhost> <HostID> is ' 772c21cf"),
                reject("localhost HostID not a UUID", setText(H1, "HostID", 1, "host-1"), "<localhost> <HostID> is 'host-1', not a UUID"),
                reject("localhost HostID empty", setText(H1, "HostID", 1, ""), "<localhost> <HostID> does not hold exactly one text"),
                reject("host boolean 1", setText(H1, "liveness", 2, "1"), "<host> #2 <liveness> is '1', not true or false"),
                reject("host boolean empty", setText(H1, "excluded", 3, ""), "<host> #3 <excluded> is '', not true or false"),
                reject("host HostID not a UUID", setText(H1, "HostID", 3, "91419cea29944e24a74e7ef331ca6358"), "<host> #2 <HostID>"),
                reject("empty input", "", "not well-formed"),
                reject("blank input", " \n", "not well-formed"),
                reject("only the declaration", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "not well-formed"),
                reject("truncated in the middle", H1.substring(0, H1.length() / 2), "not well-formed"),
                reject("truncated before the root end tag", H1.substring(0, H1.lastIndexOf(END)), "not well-formed"),
                reject("another root element", H1.replace("ha_liveset_info", "ha_liveset"), "root element is <ha_liveset>"),
                reject("a namespaced root element", H1.replace("ha_liveset_info", "x:ha_liveset_info"), "root element is <x:ha_liveset_info>"),
                reject("an empty root", "<ha_liveset_info/>", "no <status>"),
                reject("garbage before the root", "garbage" + H1.substring(H1.indexOf('\n') + 1), "not well-formed"),
                reject("no input at all", null, "not well-formed"));
        return Stream.of(table, missingHostFields(), missingRawStatusEntries(), missingWarnings(), badIntegers())
                .flatMap(s -> s);
    }

    private static Stream<Arguments> missingHostFields() {
        return Stream.of("HostID", "liveness", "master", "statefile_access", "statefile_corrupted", "excluded")
                .map(field -> reject("host without " + field, replaceElement(H1, "host", 2, deleteElement(element(H1, "host", 2), field, 1)),
                        "<host> #2 has no <" + field + ">"));
    }

    private static Stream<Arguments> missingRawStatusEntries() {
        Stream<Arguments> latencies = Stream.of("statefile_latency", "heartbeat_latency", "Xapi_healthcheck_latency")
                .flatMap(name -> Stream.of(name, name + "_max", name + "_min"))
                .map(entry -> reject("raw status without " + entry, deleteElement(H1, entry, 1),
                        "<raw_status_on_local_host> has no <" + entry + ">"));
        Stream<Arguments> perHost = Stream.of("HostID", "time_since_last_update_on_statefile", "time_since_last_heartbeat",
                        "time_since_xapi_restart_first_attempted", "heartbeat_active_list_on_heartbeat",
                        "heartbeat_active_list_on_statefile")
                .map(entry -> reject("host_raw_data without " + entry, replaceElement(H1, "host_raw_data", 2,
                                deleteElement(element(H1, "host_raw_data", 2), entry, 1)),
                        "<host_raw_data> #2 has no <" + entry + ">"));
        Stream<Arguments> badValues = Stream.of(
                reject("a list member that is not a UUID", setText(H1, "heartbeat_active_list_on_statefile", 3,
                        "772c21cf-451b-4ca7-93ae-87327ea1aa9b host-2"), "<host_raw_data> #3 <heartbeat_active_list_on_statefile>"),
                reject("host_raw_data HostID not a UUID", setText(H1, "HostID", 6, "h2"), "<host_raw_data> #2 <HostID> is 'h2'"));
        return Stream.of(latencies, perHost, badValues).flatMap(s -> s);
    }

    private static Stream<Arguments> missingWarnings() {
        return Stream.of("statefile_lost", "heartbeat_approaching_timeout", "statefile_approaching_timeout",
                        "Xapi_healthcheck_approaching_timeout", "network_bonding_error")
                .map(entry -> reject("warnings without " + entry, deleteElement(H1, entry, 1),
                        "<warning_on_local_host> has no <" + entry + ">"));
    }

    private static Stream<Arguments> badIntegers() {
        return Stream.of("abc", "1.5", "", "12ms", "0x", "1e3", "4611686018427387904", "TRUE")
                .map(value -> reject("raw status value '" + value + "'", setText(H1, "heartbeat_latency_min", 1, value),
                        "<raw_status_on_local_host> <heartbeat_latency_min> is '" + value + "', not an integer"));
    }

    /** Host 2's children from last to first. */
    private static String reversedHost2() {
        List<String> lines = element(H1, "host", 2).lines().toList();
        StringBuilder out = new StringBuilder("<host>\n");
        for (int i = lines.size() - 2; i >= 1; i--) {
            out.append(lines.get(i)).append('\n');
        }
        return out.append("  </host>").toString();
    }

    private static String statusAndLocalhostLast() {
        String moved = element(H1, "status", 1) + element(H1, "localhost", 1);
        String without = deleteElement(deleteElement(H1, "status", 1), "localhost", 1);
        return insertBefore(without, END, 1, moved + "\n");
    }

    private static Arguments accept(String row, String xml, Consumer<Liveset> check) {
        return arguments(row, xml, check);
    }

    private static Arguments reject(String row, String xml, String problem) {
        return arguments(row, xml, problem);
    }

    private static Consumer<Liveset> is(Liveset expected) {
        return l -> assertThat(l).isEqualTo(expected);
    }

    private static Consumer<Liveset> sameAsH1() {
        return is(LivesetFixtures.threeUpOnH1());
    }

    private static Consumer<Liveset> status(LivesetStatus expected) {
        return l -> assertThat(l.status()).isEqualTo(expected);
    }

    private static Consumer<Liveset> host(int index, Consumer<HostEntry> check) {
        return l -> check.accept(l.hosts().get(index));
    }

    private static Consumer<Liveset> warning(boolean statefileLost) {
        return l -> assertThat(l.warnings().orElseThrow().statefileLost()).isEqualTo(statefileLost);
    }
}
