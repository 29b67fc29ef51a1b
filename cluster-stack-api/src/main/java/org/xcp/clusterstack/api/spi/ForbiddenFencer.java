package org.xcp.clusterstack.api.spi;

/**
 * The fencer a {@link MembershipSource} is handed: a source reads its manager and never fences (the one-fencer
 * rule, stacks.md §5), so every use of this fencer is a bug in the stack and fails at once. The daemon host opens
 * managed stacks with it; stacks' tests build their contexts with it.
 */
public final class ForbiddenFencer implements Fencer {
    public static final ForbiddenFencer INSTANCE = new ForbiddenFencer();

    private ForbiddenFencer() {
    }

    @Override
    public void arm() {
        throw refused("armed");
    }

    @Override
    public void pet() {
        throw refused("petted");
    }

    @Override
    public void disarm() {
        throw refused("disarmed");
    }

    @Override
    public boolean isArmed() {
        throw refused("asked about");
    }

    @Override
    public void fenceNow(String reason) {
        throw refused("fired (" + reason + ")");
    }

    @Override
    public void close() {
        throw refused("closed");
    }

    private static IllegalStateException refused(String what) {
        return new IllegalStateException("a membership source " + what + " a fencer: only the daemon host fences"
                + " (the one-fencer rule)");
    }
}
