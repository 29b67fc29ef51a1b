package org.xcp.clusterstack.api.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a key file holds ({@code docs/heartbeat-auth.md}): the {@code current} key a host sends with, and up to
 * two more it also accepts: {@code next} (being rolled out) and {@code previous} (being retired). The rotation
 * steps are here so that the CLI and the tests share them: {@link #withNext}, {@link #promote}, {@link #retire}.
 */
public record HeartbeatKeys(HeartbeatKey current, Optional<HeartbeatKey> next, Optional<HeartbeatKey> previous) {
    public HeartbeatKeys {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(previous, "previous");
        List<HeartbeatKey> all = new ArrayList<>();
        all.add(current);
        next.ifPresent(all::add);
        previous.ifPresent(all::add);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).id() == all.get(j).id()) {
                    throw new IllegalArgumentException("two keys of the file have the same id " + all.get(i).idText());
                }
            }
        }
    }

    public static HeartbeatKeys of(HeartbeatKey current) {
        return new HeartbeatKeys(current, Optional.empty(), Optional.empty());
    }

    /** Every key a datagram may be made with: current, next, previous. */
    public List<HeartbeatKey> accepted() {
        List<HeartbeatKey> all = new ArrayList<>(3);
        all.add(current);
        next.ifPresent(all::add);
        previous.ifPresent(all::add);
        return List.copyOf(all);
    }

    /** The accepted key with this id. */
    public Optional<HeartbeatKey> forId(int id) {
        for (HeartbeatKey k : accepted()) {
            if (k.id() == id) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Step 1 of a rotation: accept {@code key} too, still send with the current one. */
    public HeartbeatKeys withNext(HeartbeatKey key) {
        if (next.isPresent()) {
            throw new IllegalStateException("a next key (" + next.get().idText() + ") is already being rolled out: "
                    + "promote it first");
        }
        return new HeartbeatKeys(current, Optional.of(key), previous);
    }

    /** Step 2: send with the next key, keep accepting the current one as previous. */
    public HeartbeatKeys promote() {
        if (next.isEmpty()) {
            throw new IllegalStateException("there is no next key to promote: add one with 'key next' first");
        }
        if (previous.isPresent()) {
            throw new IllegalStateException("the previous key " + previous.get().idText()
                    + " is still accepted: retire it first, once every host sends with " + current.idText());
        }
        return new HeartbeatKeys(next.get(), Optional.empty(), Optional.of(current));
    }

    /** Step 3: stop accepting the previous key. */
    public HeartbeatKeys retire() {
        if (previous.isEmpty()) {
            throw new IllegalStateException("there is no previous key to retire");
        }
        return new HeartbeatKeys(current, next, Optional.empty());
    }

    /** {@code current=<id> next=<id> previous=<id>}, the ids only. */
    public String describe() {
        return "current=" + current.idText() + next.map(k -> " next=" + k.idText()).orElse("")
                + previous.map(k -> " previous=" + k.idText()).orElse("");
    }
}
