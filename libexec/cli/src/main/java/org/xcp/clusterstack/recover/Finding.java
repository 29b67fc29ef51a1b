package org.xcp.clusterstack.recover;

import java.util.List;

/** What recover concludes about a host: nothing wrong, one {@link Diagnosis}, or no diagnosis it can make. */
public sealed interface Finding permits Finding.Healthy, Diagnosis, Finding.Undiagnosed {
    List<Evidence> evidence();

    /** Nothing to recover: {@code summary} says why (a daemon runs, or nothing recorded went wrong). */
    record Healthy(String summary, List<Evidence> evidence) implements Finding {
        public Healthy {
            evidence = List.copyOf(evidence);
        }
    }

    /** Something is wrong that recover cannot name: {@code why}, and what to collect for whoever looks next. */
    record Undiagnosed(String why, List<Evidence> evidence, List<String> collect) implements Finding {
        public Undiagnosed {
            evidence = List.copyOf(evidence);
            collect = List.copyOf(collect);
        }
    }
}
