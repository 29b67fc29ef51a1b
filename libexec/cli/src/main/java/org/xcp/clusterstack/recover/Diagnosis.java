package org.xcp.clusterstack.recover;

import java.util.List;
import java.util.Objects;

/** One recognised case: its code, the evidence read for it and the one safe fix. */
public record Diagnosis(DiagnosisCode code, List<Evidence> evidence, RecoveryFix fix) implements Finding {
    public Diagnosis {
        Objects.requireNonNull(code);
        Objects.requireNonNull(fix);
        evidence = List.copyOf(evidence);
    }
}
