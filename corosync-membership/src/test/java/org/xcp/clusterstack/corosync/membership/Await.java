package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.xcp.clusterstack.api.spi.MembershipView;

/** Samples a source as the daemon host does until its view is as expected, or fails naming the last one. */
final class Await {
    private Await() {
    }

    static MembershipView view(CorosyncMembership source, String expected,
            Predicate<MembershipView> condition, Duration within, Supplier<String> onFailure) {
        long deadline = System.nanoTime() + within.toNanos();
        MembershipView last;
        do {
            last = source.view();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        return fail("no view " + expected + " within " + within.toSeconds() + " s; the last was " + last + "\n"
                + onFailure.get());
    }
}
