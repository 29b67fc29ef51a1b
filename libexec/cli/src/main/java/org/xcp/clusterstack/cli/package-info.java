/**
 * The cluster-stack admin CLI (picocli): config and statefile tools, status and fist against the local daemon,
 * install, verify, and the selector's front end (select, enable-check, check-plug, pool). The one place that
 * maps failures to exit codes and calls System.exit; it talks to daemons only through the control protocol.
 */
package org.xcp.clusterstack.cli;
