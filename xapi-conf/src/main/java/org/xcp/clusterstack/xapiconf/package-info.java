/**
 * xapi's configuration as xapi itself reads it ({@code /etc/xapi.conf} and {@code /etc/xapi.conf.d/}, the keys
 * {@code cluster-stack-root} and {@code cluster-stack-default}) and the stack root it names: which stacks are
 * installed and their {@code ha_supported_srs} whitelists. See {@code spec/selector.md} §3, §5 and §7.
 */
package org.xcp.clusterstack.xapiconf;
