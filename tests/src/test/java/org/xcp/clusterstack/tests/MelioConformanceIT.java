package org.xcp.clusterstack.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.xcp.clusterstack.verify.StackConformanceTests;

/**
 * The {@code melio} stack passes verify's checks on three hosts of this machine (127.0.4.51-53) against a
 * stand-in for Melio's cluster service (melio-stack/CONTRACT.md §2): each host has its own {@code melio-cluster},
 * whose members are the hosts whose daemon is alive (a host that crashes leaves Melio's membership), quorate
 * when it sees a majority, W_f = T (the manifest's failover window assumes it).
 */
class MelioConformanceIT extends StackConformanceTests {
    static final List<String> HOSTS = List.of("00000001-1111-4222-8333-0000000000b1",
            "00000002-1111-4222-8333-0000000000b2", "00000003-1111-4222-8333-0000000000b3");
    private InstalledStack melio;

    @Override
    protected Path installStack(Path scratch) {
        melio = InstalledStack.install(scratch, "melio");
        return melio.dir;
    }

    @Override
    protected String firstAddress() {
        return "127.0.4.51";
    }

    @Override
    protected Map<String, String> options(Path stackDir, Path scratch) throws IOException {
        for (int i = 0; i < HOSTS.size(); i++) {
            Path service = Fixtures.write(scratch.resolve("melio-cluster-" + i), standIn(i));
            Files.setPosixFilePermissions(service, PosixFilePermissions.fromString("rwxr-xr-x"));
            Fixtures.write(scratch.resolve("melio-" + i + ".conf"), "melio.command = " + service
                    + "\nmelio.fence_window_ms = 10000\n");
        }
        return Map.of("host-ids", String.join(",", HOSTS), "settings", scratch.resolve("melio-{host}.conf").toString());
    }

    /** Host {@code self}'s melio-cluster: members are itself and every host whose daemon's pid is alive. */
    private String standIn(int self) {
        StringBuilder hosts = new StringBuilder();
        for (String h : HOSTS) {
            hosts.append(' ').append(h);
        }
        return "#!/bin/sh\n"
                + "# a stand-in for Melio's cluster service on host " + self + " (melio-stack/CONTRACT.md 2)\n"
                + "self=" + HOSTS.get(self) + "\n"
                + "case \"$1\" in\n"
                + "  status)\n"
                + "    n=0 members=''\n"
                + "    for h in" + hosts + "; do\n"
                + "      c=$(echo \"$h\" | tr -d -)\n"
                + "      if [ \"$h\" = \"$self\" ] || { read -r pid <'" + melio.runBase + "/melio/'\"$c\"/pid"
                + " && kill -0 \"$pid\"; } 2>/dev/null; then\n"
                + "        n=$((n + 1)) members=\"$members\nmember=$h\"\n"
                + "      fi\n"
                + "    done\n"
                + "    q=no && [ $((2 * n)) -gt " + HOSTS.size() + " ] && q=yes\n"
                + "    printf 'version=1\\nquorate=%s%s\\nfence_window_ms=10000\\ntie_break=lowest host UUID\\n"
                + "fencing_armed=yes\\n' \"$q\" \"$members\" ;;\n"
                + "  disarm-fencing) exit 0 ;;\n"
                + "  *) exit 1 ;;\n"
                + "esac\n";
    }
}
