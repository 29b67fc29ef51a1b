/**
 * The control protocol between a host's scripts and its daemon: the verbs, the wire format of a request and a
 * reply, the client end of the Unix socket, and the run directory's layout. JDK and the api only (the build
 * enforces it): the scripts' cold client loads it.
 */
package org.xcp.clusterstack.control;
