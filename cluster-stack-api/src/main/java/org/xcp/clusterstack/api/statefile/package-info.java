/**
 * The shared statefile, format version 2 (spec §5): its byte layout, the raw global and host sections
 * as records, a codec that round-trips every byte it reads, the validation rules with xhad's exit codes,
 * and the text of xhad's {@code dumpstatefile}. Reading and writing the device is cluster-stack-common's
 * {@code StatefileDevice}.
 *
 * <p>Sections are decoded raw and never rejected while decoding: a corrupted section is still a value,
 * and {@code faults(...)} says what is wrong with it. Only {@link
 * org.xcp.clusterstack.api.statefile.Statefile} turns faults into exit codes.
 */
package org.xcp.clusterstack.api.statefile;
