/**
 * The installer: lays out <root>/<stack>/ for every stack on the class path (the eight shims, the rc files
 * rendered from the Java sources of truth, the manifest, ha_supported_srs, the jars), atomically and
 * idempotently, or as a passthrough to a C xhad installation.
 */
package org.xcp.clusterstack.install;
