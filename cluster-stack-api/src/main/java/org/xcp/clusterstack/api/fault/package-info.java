/**
 * The fault points a test may switch on in a daemon (FaultPoint) and the question an engine asks of them
 * (FaultInjection). The registry that switches them lives in cluster-stack-common; engines see only this
 * interface.
 */
package org.xcp.clusterstack.api.fault;
