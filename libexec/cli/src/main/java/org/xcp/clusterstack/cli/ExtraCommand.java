package org.xcp.clusterstack.cli;

/**
 * A subcommand that is not part of the shipped tool but joins it when its jar is on the class path, found
 * through {@link java.util.ServiceLoader}: {@code cluster-stack demo} from a checkout. The implementing class
 * carries picocli's {@code @Command} like every other subcommand.
 */
public interface ExtraCommand {
}
