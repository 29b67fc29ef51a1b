/**
 * What every stack and program shares beyond the contracts: implementations with I/O or state, written once.
 * JDK and the api only (the build enforces it), because the scripts' cold client loads it; it never reaches
 * into libexec, the selector or a stack.
 */
package org.xcp.clusterstack.common;
