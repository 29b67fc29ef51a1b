/**
 * An attacker for the lab ({@code tests/lab/attack}): forges, replays and floods xhad heartbeats from a network
 * namespace on the pool's bridge, with the project's own heartbeat codec, to show what a pool without a key lets
 * through and that a keyed pool ({@code docs/heartbeat-auth.md}) counts and drops all of it.
 */
package org.xcp.clusterstack.tests.attack;
