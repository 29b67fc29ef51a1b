/**
 * Reading a running corosync 3 with votequorum through its own tools (corosync-quorumtool, corosync-cmapctl),
 * each run with a deadline, into the SPI's MembershipView: quorum, members by host UUID, and a view that is not
 * a verdict when the tools do not answer consistently. Shared by the corosync and ocfs2 stacks; depends on the
 * api and common only.
 */
package org.xcp.clusterstack.corosync.membership;
