/**
 * The statefile on disk, opened with O_DIRECT as xhad opens it (spec §5.1): whole aligned 4096-byte sections,
 * read and written through the api's codec. Failures are exit 8 naming the path.
 */
package org.xcp.clusterstack.common.statefile;
