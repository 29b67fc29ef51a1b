package org.xcp.clusterstack.cli;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.liveset.LivesetStatus;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.common.statefile.StatefileDevice;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.Verb;
import org.xcp.clusterstack.whatif.PoolNow;

/**
 * Who is live now and who is master, for {@code simulate}: the local daemon's liveset when it runs Online; else
 * the statefile's sections (the liveset most hosts' sections carry, among those that list their own host, and the
 * global section's master); else, when neither can be read, every configured host, no master, and it says so.
 */
final class LivePool {
    private LivePool() {
    }

    static PoolNow of(LocalDaemon daemon, DaemonConfig config) {
        return fromDaemon(daemon, config).or(() -> fromStatefile(config))
                .orElseGet(() -> new PoolNow(config, daemon.stack(), HostSet.firstN(config.hostCount()), Optional.empty(),
                        "assumed: no daemon answered and the statefile " + config.local().stateFile()
                                + " shows no liveset of this pool"))
                .withStack(daemon.stack());
    }

    private static Optional<PoolNow> fromDaemon(LocalDaemon daemon, DaemonConfig config) {
        Optional<Reply> reply;
        try {
            reply = new ControlClient(daemon.runDir(config)).request(Request.of(Verb.QUERY_LIVESET),
                    Optional.of(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return reply.filter(Reply::succeeded).flatMap(r -> {
            try {
                Liveset l = LivesetReader.read(r.stdout());
                if (l.status() != LivesetStatus.ONLINE) {
                    return Optional.empty();
                }
                HostSet live = HostSet.EMPTY;
                Optional<Integer> master = Optional.empty();
                for (HostEntry h : l.hosts()) {
                    Optional<Integer> i = index(config, h.id());
                    if (i.isPresent() && h.live()) {
                        live = live.with(i.get());
                        master = h.master() ? i : master;
                    }
                }
                return live.isEmpty() ? Optional.empty()
                        : Optional.of(new PoolNow(config, daemon.stack(), live, master, "the local daemon's liveset"));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<PoolNow> fromStatefile(DaemonConfig config) {
        StatefileImage image;
        try (StatefileDevice device = StatefileDevice.openReadOnly(config.local().stateFile())) {
            image = device.readImage();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!image.global().faults(Optional.of(config.generation())).isEmpty()) {
            return Optional.empty(); // another pool's, or not a statefile at all
        }
        Map<HostSet, Long> votes = IntStream.range(0, config.hostCount()).mapToObj(image::host)
                .filter(s -> s.faults().isEmpty() && s.hostUuidValue().isPresent())
                .filter(s -> s.currentLiveset().contains(s.hostIndex()))
                .map(HostSection::currentLiveset)
                .map(l -> l.filter(i -> i < config.hostCount()))
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
        Optional<HostSet> live = votes.entrySet().stream().max(Comparator.comparingLong(Map.Entry<HostSet, Long>::getValue)
                .thenComparingLong(e -> e.getKey().bits())).map(Map.Entry::getKey).filter(l -> !l.isEmpty());
        Optional<Integer> master = image.global().masterHost().flatMap(id -> index(config, id));
        return live.map(l -> new PoolNow(config, "", l, master, "the statefile's sections"));
    }

    private static Optional<Integer> index(DaemonConfig config, HaUuid id) {
        return config.host(id).map(h -> h.index());
    }
}
