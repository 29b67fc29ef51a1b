/**
 * The registry of switched-on fault points of one daemon, as ha_start_daemon's arguments and the fist verb set
 * them; engines see it only as the api's FaultInjection.
 */
package org.xcp.clusterstack.common.fault;
