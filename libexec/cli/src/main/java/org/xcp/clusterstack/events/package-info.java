/**
 * Reading hosts' event journals back (docs/events.md): decoding their lines ({@link JournalReader}), finding and
 * merging every journal under the log bases given ({@link Journals}), following them as they grow
 * ({@link JournalFollower}), and answering "why was this host fenced?" from a host's own records and its peers'
 * ({@link FenceInquiry}). The line format itself is {@code org.xcp.clusterstack.api.journal.JournalLine}.
 */
package org.xcp.clusterstack.events;
