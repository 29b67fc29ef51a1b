/**
 * xhad.conf, the file xapi writes on every host (spec §3): the parsed configuration as records, its reader
 * with xhad's exit codes 6 and 7 naming file and line, its writer, and the timeouts derived from it. A codec:
 * it reads text handed to it or one named file, and holds no state.
 */
package org.xcp.clusterstack.api.config;
