package org.xcp.clusterstack.ocfs2.o2cb;

import java.util.Objects;

/**
 * One {@code cluster/<cluster>/node/<name>} directory of configfs (stacks.md §3.3).
 *
 * @param name the directory's name (the host name o2cb knows the node by)
 * @param number {@code num}, 0..254: the node's heartbeat slot
 * @param local {@code local = 1}: this host
 * @param ipv4Address {@code ipv4_address}, dotted quad
 */
public record O2cbNode(String name, int number, boolean local, String ipv4Address) {
    /** o2cb's node numbers (stacks.md §3.1). */
    public static final int MAX_NUMBER = 254;

    public O2cbNode {
        Objects.requireNonNull(name);
        Objects.requireNonNull(ipv4Address);
        if (number < 0 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("o2cb node numbers are 0 to 254, not " + number);
        }
    }
}
