package org.xcp.clusterstack.verify;

import java.util.List;

/** What {@code cluster-stack verify} found: every check it ran, in order. */
public record VerifyReport(String stack, List<Check> checks) {
    public VerifyReport {
        checks = List.copyOf(checks);
    }

    public List<String> failures() {
        return checks.stream().flatMap(c -> c.failure().stream()).toList();
    }

    public List<String> failures(Check.Group group) {
        return checks.stream().filter(c -> c.group() == group).flatMap(c -> c.failure().stream()).toList();
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    /** ocf-tester's last line. */
    public String summary() {
        int n = failures().size();
        return n == 0 ? "passed all tests" : "failed " + n + (n == 1 ? " test" : " tests");
    }
}
