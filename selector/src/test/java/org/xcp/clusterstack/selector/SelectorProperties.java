package org.xcp.clusterstack.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.xcp.clusterstack.xapiconf.StackName;
import org.xcp.clusterstack.xapiconf.SupportedSrs;

/** The selector's invariants over generated pools (the three properties, and two oracles). */
class SelectorProperties {
    @Provide
    Arbitrary<PoolSnapshot> pools() {
        return PoolArbitraries.pools();
    }

    @Provide
    Arbitrary<StackName> defaults() {
        return PoolArbitraries.defaults();
    }

    @Provide
    Arbitrary<Map<String, SupportedSrs>> installed() {
        return PoolArbitraries.installed();
    }

    @Provide
    Arbitrary<String> requests() {
        return PoolArbitraries.requests();
    }

    @Provide
    Arbitrary<PoolRecord> records() {
        return PoolArbitraries.records();
    }

    /** Whatever it chooses, automatically or on request, every constrained master-attached SR accepts. */
    @Property(tries = 3000)
    void theChosenStackSatisfiesEveryConstrainedMasterAttachedSr(@ForAll("pools") PoolSnapshot pool,
            @ForAll("defaults") StackName defaultStack, @ForAll("requests") String request,
            @ForAll("installed") Map<String, SupportedSrs> installed) {
        Outcome outcome = Outcome.of(() -> new StackSelector(defaultStack).resolve(pool, request,
                InstalledStacks.of(installed)));
        Statistics.label("outcome").collect(outcome.error == null ? "chosen" : outcome.error.code());
        if (outcome.error != null) {
            return;
        }
        for (List<String> list : PoolArbitraries.constraintLists(pool)) {
            if (!list.isEmpty()) {
                assertThat(list).as("a constrained SR's list").contains((String) outcome.value);
            }
        }
    }

    /** Listing the SRs and Clusters in another order changes nothing: not the stack, not an error's params. */
    @Property(tries = 2000)
    void theResultDoesNotDependOnTheOrderOfSrsOrClusters(@ForAll("pools") PoolSnapshot pool,
            @ForAll("defaults") StackName defaultStack, @ForAll("requests") String request,
            @ForAll("installed") Map<String, SupportedSrs> installed, @ForAll("records") PoolRecord record,
            @ForAll Random random) {
        List<Sr> srs = new ArrayList<>(pool.srs());
        List<Cluster> clusters = new ArrayList<>(pool.clusters());
        Collections.shuffle(srs, random);
        Collections.shuffle(clusters, random);
        PoolSnapshot shuffled = new PoolSnapshot(srs, pool.drivers(), clusters);
        StackSelector selector = new StackSelector(defaultStack);
        HaEnableCheck enable = new HaEnableCheck(selector, InstalledStacks.of(installed), StackReadiness.NONE);
        List<String> heartbeat = srs.isEmpty() ? List.of() : List.of(srs.get(0).ref());
        String plugged = srs.isEmpty() ? "OpaqueRef:none" : srs.get(srs.size() - 1).ref();

        for (PoolSnapshot p : List.of(pool, shuffled)) {
            assertThat(Outcome.of(() -> selector.choose(p))).isEqualTo(Outcome.of(() -> selector.choose(pool)));
            assertThat(Outcome.of(() -> selector.resolve(p, request, InstalledStacks.of(installed))))
                    .isEqualTo(Outcome.of(() -> selector.resolve(pool, request, InstalledStacks.of(installed))));
            for (List<String> hb : List.of(List.<String>of(), heartbeat)) {
                EnableRequest req = new EnableRequest(request, hb);
                assertThat(Outcome.of(() -> enable.check(p, record, req)))
                        .isEqualTo(Outcome.of(() -> enable.check(pool, record, req)));
            }
            assertThat(Outcome.of(() -> {
                PlugGate.check(p, record, plugged);
                return "ok";
            })).isEqualTo(Outcome.of(() -> {
                PlugGate.check(pool, record, plugged);
                return "ok";
            }));
        }
    }

    /** Any input: a result, or one of the selector's errors with the right number of params and one line. */
    @Property(tries = 3000)
    void noInputMakesTheSelectorFailWithAnythingButItsErrors(@ForAll("pools") PoolSnapshot pool,
            @ForAll("defaults") StackName defaultStack, @ForAll("requests") String request,
            @ForAll("installed") Map<String, SupportedSrs> installed, @ForAll("records") PoolRecord record,
            @ForAll("requests") String someRef) {
        StackSelector selector = new StackSelector(defaultStack);
        InstalledStacks master = InstalledStacks.of(installed);
        List<String> refs = new ArrayList<>(List.of(someRef, "OpaqueRef:sr0"));
        pool.srs().forEach(sr -> refs.add(sr.ref()));
        List<Supplier<Object>> operations = new ArrayList<>();
        operations.add(() -> selector.choose(pool));
        operations.add(() -> selector.resolve(pool, request, master));
        operations.add(() -> new ClusterGate(selector).create(pool, record, new Cluster("OpaqueRef:new", "new", request)));
        for (String ref : refs) {
            operations.add(() -> new HaEnableCheck(selector, master, StackReadiness.NONE)
                    .check(pool, record, new EnableRequest(request, List.of(ref))));
            operations.add(() -> {
                PlugGate.check(pool, record, ref);
                return "ok";
            });
        }
        pool.clusters().forEach(c -> operations.add(() -> new ClusterGate(selector).destroy(pool, record, c.ref())));
        operations.add(() -> new ClusterGate(selector).destroy(pool, record, someRef));
        operations.add(() -> new HaEnableCheck(selector, master, StackReadiness.NONE)
                .check(pool, record, new EnableRequest(request, List.of())));

        for (Supplier<Object> operation : operations) {
            try {
                assertThat(operation.get()).isNotNull();
            } catch (SelectorError e) {
                assertThat(e.params()).hasSize(e.code().arity());
                assertThat(e.getMessage()).startsWith(e.code().name()).doesNotContain("\n", "\r");
            }
        }
    }

    /** Oracle for §4: automatic mode conflicts exactly when no stack is on every constrained SR's list. */
    @Property(tries = 3000)
    void automaticModeConflictsExactlyWhenTheConstraintListsShareNoStack(@ForAll("pools") PoolSnapshot pool,
            @ForAll("defaults") StackName defaultStack) {
        Outcome outcome = Outcome.of(() -> new StackSelector(defaultStack).choose(pool));
        if (!PoolArbitraries.everyTypeHasADriver(pool)) {
            assertThat(outcome.error.code()).isEqualTo(XenApiErrorCode.INTERNAL_ERROR);
            assertThat(outcome.error.params()).containsExactly(SelectorError.SR_TYPE_NOT_FOUND);
            return;
        }
        List<List<String>> constrained = PoolArbitraries.constraintLists(pool).stream().filter(l -> !l.isEmpty()).toList();
        if (constrained.isEmpty()) {
            int stacks = PoolArbitraries.clusterStacks(pool).size();
            if (stacks > 1) {
                assertThat(outcome.error.code()).isEqualTo(XenApiErrorCode.CLUSTER_STACK_CONSTRAINT);
            } else {
                assertThat(outcome.value).isEqualTo(stacks == 0 ? defaultStack.value()
                        : pool.clusters().get(0).clusterStack());
            }
            return;
        }
        boolean someStackOnEveryList = constrained.get(0).stream().anyMatch(s -> constrained.stream().allMatch(l -> l.contains(s)));
        if (someStackOnEveryList) {
            assertThat(outcome.value).isEqualTo(constrained.get(0).stream()
                    .filter(s -> constrained.stream().allMatch(l -> l.contains(s))).findFirst().orElseThrow());
        } else {
            assertThat(outcome.error.code()).isEqualTo(XenApiErrorCode.CLUSTER_STACK_CONSTRAINT);
            assertThat(pool.sr(outcome.error.params().get(0))).as("the named SR").isPresent();
        }
    }

    /** Oracle for §5.3: a request is granted exactly when it names an installed stack nothing rules out. */
    @Property(tries = 3000)
    void aRequestIsGrantedExactlyWhenInstalledAndAcceptedByEveryConstraint(@ForAll("pools") PoolSnapshot pool,
            @ForAll("defaults") StackName defaultStack, @ForAll("requests") String request,
            @ForAll("installed") Map<String, SupportedSrs> installed) {
        if (request.isEmpty()) {
            return;
        }
        Outcome outcome = Outcome.of(() -> new StackSelector(defaultStack).resolve(pool, request,
                InstalledStacks.of(installed)));
        boolean known = StackName.isValid(request) && installed.containsKey(request);
        List<List<String>> constrained = PoolArbitraries.constraintLists(pool).stream()
                .filter(l -> l == null || !l.isEmpty()).toList();
        boolean granted = known && !constrained.contains(null) && (constrained.isEmpty()
                ? pool.clusters().stream().allMatch(c -> c.clusterStack().equals(request))
                : constrained.stream().allMatch(l -> l.contains(request)));
        Statistics.label("granted").collect(granted);
        if (granted) {
            assertThat(outcome.value).isEqualTo(request);
        } else if (!known) {
            assertThat(outcome.error.code()).isEqualTo(XenApiErrorCode.UNKNOWN_CLUSTER_STACK);
            assertThat(outcome.error.params()).containsExactly(request);
        } else {
            assertThat(outcome.error).as("refused").isNotNull();
        }
    }

    /** A result or an error, comparable by value: the code and params, not the message. */
    static final class Outcome {
        final Object value;
        final SelectorError error;

        private Outcome(Object value, SelectorError error) {
            this.value = value;
            this.error = error;
        }

        static Outcome of(Supplier<?> operation) {
            try {
                return new Outcome(operation.get(), null);
            } catch (SelectorError e) {
                return new Outcome(null, e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && Objects.equals(value, other.value) && Objects.equals(key(), other.key());
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, key());
        }

        private String key() {
            return error == null ? null : error.xenApiForm();
        }

        @Override
        public String toString() {
            return error == null ? String.valueOf(value) : error.xenApiForm();
        }
    }
}
