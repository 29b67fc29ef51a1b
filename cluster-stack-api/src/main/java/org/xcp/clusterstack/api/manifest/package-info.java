/**
 * The stack manifest (manifest.xml beside a stack's scripts): the document, its reader with one-line errors,
 * its writer, and the timeouts a stack suggests. Formats only; installing a manifest is the CLI's business.
 */
package org.xcp.clusterstack.api.manifest;
