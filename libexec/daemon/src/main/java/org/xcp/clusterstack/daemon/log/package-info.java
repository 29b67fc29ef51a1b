/**
 * The daemon's log: lines with a level in a file that survives the reboot a fence causes
 * ({@code /var/log/cluster-stack/<stack>/<host>/daemon.log}), each also sent to the system log through
 * {@code /dev/log} without ever blocking. The file is reopened by path when logrotate has renamed it
 * ({@link org.xcp.clusterstack.daemon.log.ReopeningFile}, for any file the daemon appends to).
 */
package org.xcp.clusterstack.daemon.log;
