/**
 * Process hygiene, as xhad does it: at start the daemon leaves its caller's cgroup for one of its own (a systemd
 * scope, or its own cgroups and the cpu hierarchy's root), runs its liveness threads at SCHED_RR 48, locks its
 * memory and sets {@code oom_score_adj} to -1000, each step checked, logged and shown by {@code status}, as the
 * stack setting {@code process-hygiene} ({@link org.xcp.clusterstack.daemon.hygiene.HygieneMode}) asks. The
 * entry point is {@link org.xcp.clusterstack.daemon.hygiene.ProcessHygiene}.
 */
package org.xcp.clusterstack.daemon.hygiene;
