/**
 * The event journal: what a host's daemon decided and why, one JSON object per line, synced to disk, kept under
 * {@code /var/log/cluster-stack} so that it survives the reboot a fence causes. Cores describe events
 * ({@link JournalEvent}); the daemon host stamps and writes them; {@code cluster-stack events} and
 * {@code why-fenced} read them back. The line format is documented in {@code docs/events.md}.
 */
package org.xcp.clusterstack.api.journal;
