/**
 * A stack's settings file on disk, <dir of xhad.conf>/cluster-stack/<stack>.conf, read whole and parsed by the
 * api's StackSettings format.
 */
package org.xcp.clusterstack.common.settings;
