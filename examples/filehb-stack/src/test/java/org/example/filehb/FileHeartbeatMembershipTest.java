package org.example.filehb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.spi.MembershipView;

/** Three hosts beating in one directory, each with a clock the test moves. */
class FileHeartbeatMembershipTest {
    static final HaUuid A = HaUuid.parse("00000001-0000-4000-8000-0000000000a1");
    static final HaUuid B = HaUuid.parse("00000002-0000-4000-8000-0000000000b2");
    static final HaUuid C = HaUuid.parse("00000003-0000-4000-8000-0000000000c3");
    static final HeartbeatSettings SETTINGS = new HeartbeatSettings(Path.of("/shared/hb"), Duration.ofSeconds(1),
            Duration.ofSeconds(10));

    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong();
    final List<String> log = new ArrayList<>();

    FileHeartbeatMembership host(HaUuid self) {
        return new FileHeartbeatMembership(new HeartbeatDirectory(dir, self), SETTINGS, List.of(A, B, C), self,
                clock::get, log::add);
    }

    void second() {
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void aPeerIsAMemberOnceItsHeartbeatChangesAndALoneHostIsNotQuorate() {
        FileHeartbeatMembership a = host(A);
        FileHeartbeatMembership b = host(B);
        assertThat(a.view().quorate()).as("A alone").isFalse();
        b.view();
        second();
        MembershipView first = a.view();
        assertThat(first.members()).as("B's heartbeat seen once: it may be an old one").containsExactly(A);
        b.view();
        second();
        MembershipView view = a.view();
        assertThat(view.members()).containsExactlyInAnyOrder(A, B);
        assertThat(view.quorate()).as("2 of 3").isTrue();
        assertThat(view.detail()).isEqualTo("filehb: quorate, 2 of 3 hosts beating in " + dir);
    }

    @Test
    void aPeerWhoseHeartbeatStopsIsLostAfterTheTimeoutNotBefore() {
        FileHeartbeatMembership a = host(A);
        FileHeartbeatMembership b = host(B);
        FileHeartbeatMembership c = host(C);
        for (int i = 0; i < 2; i++) {
            b.view();
            c.view();
            a.view();
            second();
        }
        assertThat(a.view().members()).as("1 s after A saw C's heartbeat change").containsExactlyInAnyOrder(A, B, C);
        c.close(); // C's daemon stops: its file stays as it was
        for (int s = 2; s <= 10; s++) {
            second();
            b.view();
            assertThat(a.view().members()).as("%d s after A saw C's heartbeat change", s).contains(C);
        }
        second();
        b.view();
        MembershipView view = a.view();
        assertThat(view.members()).containsExactlyInAnyOrder(A, B);
        assertThat(view.quorate()).isTrue();
    }

    @Test
    void aHostThatStartsAgainIsSeenAgain() {
        FileHeartbeatMembership a = host(A);
        host(B).view();
        a.view();
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(a.view().members()).containsExactly(A);
        host(B).view(); // a new run: a line A never saw
        second();
        assertThat(a.view().members()).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void aHostThatCannotWriteItsHeartbeatHasAnUnreachableView() throws IOException {
        FileHeartbeatMembership a = host(A);
        a.view();
        Files.createDirectory(dir.resolve("." + A.dashed() + ".new")); // the temporary file cannot be written
        MembershipView view = a.view();
        assertThat(view.reachable()).isFalse();
        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).startsWith("filehb: cannot write this host's heartbeat in " + dir + ": ");
    }

    @Test
    void anUnreadablePeerFileIsASilentPeerLoggedOnce() throws IOException {
        FileHeartbeatMembership a = host(A);
        Files.createDirectory(dir.resolve(B.dashed()));
        a.view();
        a.view();
        assertThat(a.view().members()).containsExactly(A);
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).contains("filehb: cannot read the heartbeat of " + B.dashed() + " (");
    }

    @Test
    void aClosedSourceIsUnreachable() {
        FileHeartbeatMembership a = host(A);
        a.close();
        assertThat(a.view()).isEqualTo(MembershipView.unreachable("filehb: closed"));
    }
}
