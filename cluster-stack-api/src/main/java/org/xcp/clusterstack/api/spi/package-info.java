/**
 * The service-provider interface a cluster stack implements to run under the daemon host: a stack is either its
 * own membership engine (EngineStackProvider) or a managed source sampled from an external manager
 * (ManagedStackProvider), and it names who fences. Interfaces and values only; a stack depends on this package,
 * the api and cluster-stack-common, never on libexec.
 */
package org.xcp.clusterstack.api.spi;
