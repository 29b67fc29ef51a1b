package org.xcp.clusterstack.xhad;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.auth.HeartbeatKey;
import org.xcp.clusterstack.api.auth.HeartbeatKeyFile;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.common.core.CoreDriver;
import org.xcp.clusterstack.common.core.EngineView;
import org.xcp.clusterstack.common.statefile.StatefileIo;
import org.xcp.clusterstack.xhad.core.XhadCore;
import org.xcp.clusterstack.xhad.heartbeat.Arrival;
import org.xcp.clusterstack.xhad.heartbeat.DropReason;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatWire;
import org.xcp.clusterstack.xhad.heartbeat.UdpHeartbeat;

/**
 * The native engine's channel around {@link XhadCore}: heartbeats arrive on the UDP socket and are handed to the
 * driver; the core's {@link XhadCore.SendHeartbeat} actions leave on it. Everything else (the driver thread, the
 * statefile thread, the fencer, the scripts' requests) is the shared {@link CoreDriver}'s. With the stack setting
 * {@value #KEY_SETTING}, heartbeats are keyed ({@code docs/heartbeat-auth.md}); without it, xhad's own protocol.
 */
final class XhadEngine extends CoreDriver<XhadCore> {
    /** The stack setting naming the key file. */
    static final String KEY_SETTING = HeartbeatKeyFile.SETTING;
    /** The keys the xhad stack accepts beyond the daemon's own, as its man page lists them. */
    static final List<SettingKey> SETTING_KEYS = List.of(
            new SettingKey(KEY_SETTING, "none (heartbeats are not authenticated)",
                    "the pool key file (an absolute path, mode 0600, the same on every host): heartbeats carry an"
                            + " HMAC-SHA-256 and replays are refused; see cluster-stack key"));
    static final Set<String> SETTINGS = SettingKey.names(SETTING_KEYS);
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private UdpHeartbeat heartbeat;
    private KeyFileWatch keyWatch;
    private DropSummary drops;

    XhadEngine(StackContext context) {
        super(context);
    }

    @Override
    protected XhadCore open(StatefileIo statefile, long now) {
        Optional<Path> keyFile = context.settings().allowOnly(SETTINGS).get(KEY_SETTING).map(Path::of);
        HeartbeatWire wire;
        if (keyFile.isPresent() && !keyFile.get().isAbsolute()) {
            throw new HaException(ExitCode.INVALID_CONFIG_FILE, context.settings().file() + ": " + KEY_SETTING
                    + " must be an absolute path, got '" + keyFile.get() + "'");
        }
        if (keyFile.isPresent()) {
            HeartbeatKeys keys = HeartbeatKeyFile.read(keyFile.get());
            wire = HeartbeatWire.keyed(config, keys, HeartbeatWire.newIncarnation());
            keyWatch = new KeyFileWatch(keyFile.get(), config.parameters().heartbeatInterval().toNanos(),
                    context.log(), now);
            context.log().info("heartbeats are authenticated (HMAC-SHA-256, " + keys.describe() + ", key file "
                    + keyFile.get() + ")");
        } else {
            wire = HeartbeatWire.unkeyed(config);
            context.log().warn("heartbeats are NOT authenticated: anyone who can send to UDP port " + config.udpPort()
                    + " can fence this pool. Set '" + KEY_SETTING + "' in " + context.settings().file()
                    + " (docs/heartbeat-auth.md); without it this host speaks xhad's own protocol");
        }
        drops = new DropSummary(MINUTE_NANOS, context.log(), now);
        heartbeat = UdpHeartbeat.open(config, wire, this::offer, context.faults());
        try {
            return new XhadCore(config, statefile.globalAtStart(), statefile.excludedFlag(), now);
        } catch (HaException e) {
            heartbeat.close();
            throw e;
        }
    }

    @Override
    protected List<Action> onEvidence(Object evidence) {
        Arrival a = (Arrival) evidence;
        return core.onHeartbeat(a.packet(), a.receivedNanos());
    }

    @Override
    protected boolean executeOwn(Action action) {
        if (action instanceof XhadCore.SendHeartbeat s) {
            long now = System.nanoTime();
            if (keyWatch != null) {
                keyWatch.changed(now).ifPresent(keys -> {
                    heartbeat.wire().rekey(keys);
                    context.log().info("heartbeat keys changed: " + keys.describe());
                });
            }
            heartbeat.send(s.packet());
            drops.maybeLog(heartbeat.dropCounts(), now);
            return true;
        }
        return false;
    }

    /** §6.3: a sender that left my hbdomain starts again from sequence 0 when it comes back (unkeyed only). */
    @Override
    protected void viewChanged(EngineView before, EngineView after) {
        before.hbdomain().indexes().filter(i -> !after.hbdomain().contains(i)).forEach(heartbeat::resetSequence);
    }

    /** A host that could not join because it hears nobody's key says so: the likeliest cause is a key file. */
    @Override
    protected String explainEnd(Action.End e) {
        if (heartbeat == null || (e.code() != ExitCode.BOOTJOIN_TIMEOUT
                && e.code() != ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET)) {
            return e.why();
        }
        HeartbeatWire wire = heartbeat.wire();
        Optional<HeartbeatWire.ForeignKey> foreign = wire.lastForeignKey();
        if (wire.isKeyed() && foreign.isPresent()) {
            return e.why() + "; host " + foreign.get().sender() + " sends heartbeats with key "
                    + HeartbeatKey.idText(foreign.get().keyId()) + ", this host holds "
                    + wire.keys().orElseThrow().describe() + ": every host of the pool needs the same key file";
        }
        if (wire.isKeyed() && wire.dropCount(DropReason.UNAUTHENTICATED) > 0) {
            return e.why() + "; " + wire.dropCount(DropReason.UNAUTHENTICATED) + " unauthenticated heartbeats came "
                    + "in: some host of the pool has no '" + KEY_SETTING + "'";
        }
        if (!wire.isKeyed() && wire.dropCount(DropReason.KEYED_PACKET) > 0) {
            return e.why() + "; " + wire.dropCount(DropReason.KEYED_PACKET) + " keyed heartbeats came in: other "
                    + "hosts hold a heartbeat key and this one has no '" + KEY_SETTING + "'";
        }
        return e.why();
    }

    @Override
    public List<String> statusLines() {
        UdpHeartbeat hb = heartbeat;
        if (hb == null) {
            return List.of();
        }
        HeartbeatWire wire = hb.wire();
        List<String> lines = new ArrayList<>();
        lines.add("heartbeat_auth=" + (wire.isKeyed() ? "hmac-sha256" : "none"));
        wire.keys().ifPresent(k -> lines.add("heartbeat_keys=" + k.describe()));
        if (!wire.isKeyed()) {
            lines.add("heartbeat_warning=heartbeats are not authenticated: set " + KEY_SETTING
                    + " (docs/heartbeat-auth.md)");
        }
        lines.add("heartbeat_accepted=" + wire.acceptedCount());
        wire.dropCounts().forEach((reason, count) -> lines.add("heartbeat_dropped." + reason + "=" + count));
        XhadCore c = core;
        lines.add("fence_requests_ignored=" + (c == null ? 0 : c.fenceRequestsIgnored()));
        return lines;
    }

    @Override
    protected void closeChannel() {
        if (heartbeat != null) {
            heartbeat.close();
        }
    }
}
