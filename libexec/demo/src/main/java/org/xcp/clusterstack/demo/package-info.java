/**
 * cluster-stack demo: a working HA pool on this machine, enabled, crashed and recovered through the installed
 * scripts as xapi drives them. It joins the CLI from a checkout only and is never part of the shipped package.
 */
package org.xcp.clusterstack.demo;
