/**
 * The scripts' client: what every installed ha_* shim runs in a cold JVM, printing only the documented stdout
 * (spec §1) and exiting with xhad's codes. It may use the JDK, the api, cluster-stack-common and the control
 * protocol only; the build fails if anything else reaches its class path.
 */
package org.xcp.clusterstack.scripts;
