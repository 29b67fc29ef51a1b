package org.xcp.clusterstack.api.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Who may fence this host while the stack runs: exactly one component (stacks.md §5, the one-fencer rule).
 *
 * @param name for logs, the status command and the manifest's {@code fencing} element
 * @param holder whose watchdog or kernel decides
 * @param windowAfterLoss how long after the manager reports a peer gone that peer is certainly fenced, beyond
 *        what the daemon host adds itself (for {@link Holder#STACK_WATCHDOG} it adds the watchdog timeout and
 *        one poll interval: stacks.md §5.3). Survivors keep a departed peer live in the liveset until then.
 */
public record FencingAuthority(String name, Holder holder, Duration windowAfterLoss) {
    /** Whose judgement resets a host. */
    public enum Holder {
        /**
         * The daemon host's own watchdog (the config's {@code WatchdogMode}): armed when the host goes Online,
         * petted only while the manager says the host is quorate, fired at once when it is not (stacks.md
         * §2.6, option 1). The manager itself must not fence.
         */
        STACK_WATCHDOG,
        /**
         * The manager fences by itself (o2cb's kernel, Melio); the daemon host never opens a watchdog and
         * {@code ha_disarm_fencing} asks the manager ({@link MembershipSource#disarmManagerFencing()}).
         */
        MANAGER
    }

    public FencingAuthority {
        Objects.requireNonNull(name);
        Objects.requireNonNull(holder);
        if (windowAfterLoss.isNegative()) {
            throw new IllegalArgumentException("negative fence window");
        }
    }

    public static FencingAuthority stackWatchdog(String name) {
        return new FencingAuthority(name, Holder.STACK_WATCHDOG, Duration.ZERO);
    }

    public static FencingAuthority manager(String name, Duration windowAfterLoss) {
        return new FencingAuthority(name, Holder.MANAGER, windowAfterLoss);
    }
}
