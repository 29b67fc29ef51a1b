/**
 * {@code cluster-stack recover}'s model: the facts gathered about one host ({@link HostFacts}, by {@link HostProbe}
 * from the statefile, {@code xhad.conf}, the run directory, the event journal and the local daemon), the rules that
 * turn them into one {@link Diagnosis} with its evidence and its one safe {@link RecoveryFix}
 * ({@link Diagnostician}, pure), the fixes recover may apply itself ({@link RecoveryActions}) and the journal line
 * that records it ({@link RecoveryJournal}).
 */
package org.xcp.clusterstack.recover;
