package org.xcp.clusterstack.api.liveset;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple4;
import org.xcp.clusterstack.api.HaUuid;

/** Generators of valid liveset values: anything a daemon could legitimately print. */
final class LivesetArbitraries {
    private LivesetArbitraries() {
    }

    static Arbitrary<HaUuid> uuids() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(HaUuid.LENGTH).map(HaUuid::new);
    }

    static Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(-1, 63);
    }

    /** Every value OCaml's int holds, edges included. */
    static Arbitrary<Long> ocamlInts() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(OcamlRange.MIN, OcamlRange.MAX),
                Arbitraries.longs().between(-1, 200_000));
    }

    static Arbitrary<Liveset> online() {
        return Combinators.combine(uuids(), indexes(), hostEntries().list().ofMaxSize(5),
                        rawStatus().optional(), timeouts().optional(), warnings().optional())
                .as((local, index, hosts, raw, timeouts, warnings) ->
                        new Liveset(LivesetStatus.ONLINE, local, index, hosts, raw, timeouts, warnings));
    }

    /** Starting or Offline: only status and localhost are printed. */
    static Arbitrary<Liveset> notOnline() {
        return Combinators.combine(Arbitraries.of(LivesetStatus.STARTING, LivesetStatus.OFFLINE), uuids(), indexes())
                .as((status, local, index) -> status == LivesetStatus.STARTING
                        ? Liveset.starting(local, index)
                        : new Liveset(status, local, index, List.of(), Optional.empty(),
                                Optional.empty(), Optional.empty()));
    }

    private static Arbitrary<HostEntry> hostEntries() {
        Arbitrary<Boolean> b = Arbitraries.of(true, false);
        return Combinators.combine(uuids(), indexes(), b, b, b, b, b).as(HostEntry::new);
    }

    private static Arbitrary<Latency> latencies() {
        return Combinators.combine(ocamlInts(), ocamlInts(), ocamlInts()).as(Latency::new);
    }

    private static Arbitrary<RawStatus> rawStatus() {
        return Combinators.combine(latencies(), latencies(), latencies(), hostRawData().list().ofMaxSize(4))
                .as(RawStatus::new);
    }

    private static Arbitrary<HostRawData> hostRawData() {
        Arbitrary<List<HaUuid>> list = uuids().list().ofMaxSize(4);
        Arbitrary<Tuple4<List<HaUuid>, List<HaUuid>, List<HaUuid>, List<HaUuid>>> lists =
                Combinators.combine(list, list, list, list).as(Tuple::of);
        // What xhad promises for xapi_error_string: printable ASCII, possibly empty.
        Arbitrary<String> errors = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
        return Combinators.combine(uuids(), indexes(), ocamlInts(), ocamlInts(), ocamlInts(), errors, lists)
                .as((id, index, sf, hb, xapi, error, l) ->
                        new HostRawData(id, index, sf, hb, xapi, error, l.get1(), l.get2(), l.get3(), l.get4()));
    }

    private static Arbitrary<Timeouts> timeouts() {
        return Combinators.combine(ocamlInts(), ocamlInts(), ocamlInts(), ocamlInts(), ocamlInts()).as(Timeouts::new);
    }

    private static Arbitrary<Warnings> warnings() {
        Arbitrary<Boolean> b = Arbitraries.of(true, false);
        return Combinators.combine(b, b, b, b, b).as(Warnings::new);
    }
}
