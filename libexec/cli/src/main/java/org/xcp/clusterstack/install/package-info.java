/**
 * The installer: finds the stacks (this tool's own and those behind the third-party door, {@link
 * org.xcp.clusterstack.install.StackCatalog}), places their jars once in a library directory, lays out
 * <root>/<stack>/ for each (the eight shims and the rc files rendered from the Java sources of truth, the manifest,
 * ha_supported_srs; no jar), atomically and idempotently, or as a passthrough to a C xhad installation, and makes the
 * scripts' one class-data archive.
 */
package org.xcp.clusterstack.install;
