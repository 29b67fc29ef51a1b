package org.xcp.clusterstack.api;

import java.util.stream.IntStream;

/**
 * A set of host indexes 0..63, as xhad's 8-byte bitmaps store it: bit {@code i} is host {@code i}
 * (spec §5.1; one little-endian u64).
 */
public record HostSet(long bits) {
    public static final int MAX_HOSTS = 64;
    public static final HostSet EMPTY = new HostSet(0L);

    public static HostSet of(int... indexes) {
        long bits = 0;
        for (int i : indexes) {
            bits |= bit(i);
        }
        return new HostSet(bits);
    }

    /** The hosts {@code 0..count-1}: every configured host of a pool of {@code count}. */
    public static HostSet firstN(int count) {
        if (count < 0 || count > MAX_HOSTS) {
            throw new IllegalArgumentException("host count " + count + " is outside 0..64");
        }
        return new HostSet(count == MAX_HOSTS ? -1L : (1L << count) - 1);
    }

    public boolean contains(int index) {
        return (bits & bit(index)) != 0;
    }

    public HostSet with(int index) {
        return new HostSet(bits | bit(index));
    }

    public HostSet without(int index) {
        return new HostSet(bits & ~bit(index));
    }

    /** The members for which {@code keep} holds. */
    public HostSet filter(java.util.function.IntPredicate keep) {
        long kept = 0;
        for (int i : toArray()) {
            if (keep.test(i)) {
                kept |= bit(i);
            }
        }
        return new HostSet(kept);
    }

    public HostSet intersect(HostSet other) {
        return new HostSet(bits & other.bits);
    }

    public HostSet union(HostSet other) {
        return new HostSet(bits | other.bits);
    }

    public boolean isEmpty() {
        return bits == 0;
    }

    public int size() {
        return Long.bitCount(bits);
    }

    public IntStream indexes() {
        return IntStream.of(toArray());
    }

    /** The indexes in ascending order; allocates only the array (the liveness paths loop over it every tick). */
    public int[] toArray() {
        int[] out = new int[Long.bitCount(bits)];
        long rest = bits;
        for (int n = 0; rest != 0; n++) {
            out[n] = Long.numberOfTrailingZeros(rest);
            rest &= rest - 1;
        }
        return out;
    }

    /** The set whose bitmap is {@code bits}; {@link #EMPTY} without allocating when it is empty. */
    public static HostSet ofBits(long bits) {
        return bits == 0 ? EMPTY : new HostSet(bits);
    }

    private static long bit(int index) {
        if (index < 0 || index >= MAX_HOSTS) {
            throw new IllegalArgumentException("host index " + index + " is outside 0..63");
        }
        return 1L << index;
    }

    @Override
    public String toString() {
        return "HostSet" + indexes().boxed().toList();
    }
}
