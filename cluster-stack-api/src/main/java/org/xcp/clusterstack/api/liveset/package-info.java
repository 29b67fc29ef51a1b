/**
 * The liveset document that {@code ha_query_liveset} prints and xapi parses (spec §4): the values,
 * a writer that prints byte for byte what the C xhad prints, and a reader that accepts exactly what
 * xapi's parser accepts, so a stack can check its own output before xapi ever sees it.
 */
package org.xcp.clusterstack.api.liveset;
