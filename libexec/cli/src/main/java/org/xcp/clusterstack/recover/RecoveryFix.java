package org.xcp.clusterstack.recover;

import java.util.Objects;
import java.util.Optional;

/**
 * The one safe fix of a diagnosis: what to do, in words, and the action recover takes itself when it may
 * ({@link #action}); empty when acting is not recover's to do (only xapi may enable HA) or not safe.
 */
public record RecoveryFix(String text, Optional<RecoveryAction> action) {
    public RecoveryFix {
        Objects.requireNonNull(text);
        Objects.requireNonNull(action);
    }

    public static RecoveryFix advice(String text) {
        return new RecoveryFix(text, Optional.empty());
    }

    public static RecoveryFix applying(RecoveryAction action, String text) {
        return new RecoveryFix(text, Optional.of(action));
    }

    public boolean applicable() {
        return action.isPresent();
    }
}
