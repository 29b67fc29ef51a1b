package org.xcp.clusterstack.cli;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) for a command that runs until stopped ({@code pool status --watch}): the command ends its loop
 * and exits as usual instead of the JVM dying with 130 halfway through a redraw.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onCtrlC(Runnable stop) {
        Signal.handle(new Signal("INT"), s -> stop.run());
    }
}
