/**
 * The xhad contract's vocabulary shared by every module: xhad's exit codes and their shell rc file, the eight
 * script names (HaScript), host UUIDs and host sets, and the one exception that carries an exit code. Values
 * and formats only: no I/O beyond rendering text, no threads, no dependency but the JDK.
 */
package org.xcp.clusterstack.api;
