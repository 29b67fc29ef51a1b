package org.xcp.clusterstack.api.statefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.statefile.Fixtures.GENERATION;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

class XhadDumpFormatTest {

    /** The lines of a dump that carry xhad's "**" failure marker. */
    private static List<String> marked(String dump) {
        return dump.lines().filter(l -> l.startsWith("**")).collect(Collectors.toList());
    }

    @Test
    void aCleanImageMarksNothing() {
        assertThat(marked(XhadDumpFormat.render(Fixtures.threeUp(), 3, Optional.of(GENERATION)))).isEmpty();
    }

    @Test
    void corruptedImageMarksExactlyTheFailedFields() {
        byte[] bytes = Fixtures.threeUpBytes();
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes[GlobalField.SIG.offset()] = 'P';                                  // signature
        le.putInt(GlobalField.VERSION.offset(), 7);                             // version, and so checksum
        bytes[StatefileLayout.hostOffset(1) + HostField.WEIGHT.offset()] = 9;   // checksum of host 1
        bytes[StatefileLayout.hostOffset(2) + HostField.SIG_INV.offset()] = 0;  // signature of host 2
        HaUuid other = HaUuid.parse("ffffffffffffffffffffffffffffffff");

        String dump = XhadDumpFormat.render(StatefileImage.decode(bytes), 3, Optional.of(other));

        assertThat(marked(dump)).containsExactly(
                "**global.sig = 0x6c6f6f50(Pool)",
                "**global.sig_inv = 0xf2721211",
                "**global.checksum = 0x4c567bb0",
                "**global.version = 7",
                "**global.gen_uuid = a55e901bfd4c4037abbfc0dd3960dc4a",
                "**host[ 1].checksum = 0x2d385772",
                "**host[ 2].sig = 0x74736f68(host)",
                "**host[ 2].sig_inv = 0xf1719200");
    }

    @Test
    void aFlippedEndMarkerAddsItsFieldMarkedAndAValidFileHasNoSuchLine() {
        byte[] bytes = Fixtures.threeUpBytes();
        bytes[GlobalField.END_MARKER.offset()] ^= 0x01;                                    // "dndp"
        bytes[StatefileLayout.hostOffset(1) + HostField.END_MARKER.offset() + 3] = 'X';    // "endX"

        String dump = XhadDumpFormat.render(StatefileImage.decode(bytes), 3, Optional.of(GENERATION));

        assertThat(marked(dump)).containsExactly(
                "**global.end_marker = 0x70646e64(dndp)",
                "**host[ 1].end_marker = 0x58646e65(endX)");
        assertThat(dump).contains("  global.config_hosts = 3\n**global.end_marker = 0x70646e64(dndp)\n"
                + "---------------------------\n");
        assertThat(XhadDumpFormat.render(Fixtures.threeUp(), 3, Optional.of(GENERATION))).doesNotContain("end_marker");
    }

    @Test
    void wrongLengthsAreNotMarkedBecauseXhadNeverMarksThem() {
        GlobalSection g = Fixtures.threeUp().global();
        GlobalSection odd = new GlobalSection(g.sig(), g.sigInv(), 0, g.version(), 512, g.lengthHostSpecific(),
                g.maxHosts(), g.genUuid(), g.poolState(), g.master(), g.configHosts(), g.endMarker()).resealed();
        String dump = XhadDumpFormat.render(Fixtures.threeUp().withGlobal(odd), 3, Optional.empty());
        assertThat(marked(dump)).isEmpty();
        assertThat(dump).contains("  global.length_global = 512\n");
    }

    @Test
    void aBlankFileDumpsLikeCStrings() {
        StatefileImage zero = StatefileImage.decode(new byte[StatefileLayout.SIZE]);
        String dump = XhadDumpFormat.render(zero, 1, Optional.empty());
        // The NUL byte of the signature ends xhad's C string: no characters and no closing parenthesis.
        assertThat(dump).startsWith("**global.sig = 0x0(\n**global.sig_inv = 0x0\n  global.checksum = 0x0\n"
                + "**global.version = 0\n");
        assertThat(dump).contains("  global.gen_uuid = \n", "  global.master = \n", "  host[ 0].host_uuid = \n");
        assertThat(dump).contains("**host[ 0].sig = 0x0(\n");
    }

    @Test
    void uuidFieldsStopAtTheFirstNul() {
        String raw = "abc\0" + "d".repeat(28);
        GlobalSection g = GlobalSection.initial(GENERATION, 1);
        GlobalSection withNul = new GlobalSection(g.sig(), g.sigInv(), 0, g.version(), g.lengthGlobal(),
                g.lengthHostSpecific(), g.maxHosts(), g.genUuid(), g.poolState(), raw, g.configHosts(),
                g.endMarker()).resealed();
        String dump = XhadDumpFormat.render(StatefileImage.initial(GENERATION, 1).withGlobal(withNul), 1,
                Optional.empty());
        assertThat(dump).contains("  global.master = abc\n");
    }

    @Test
    void bitmapsPutADashBeforeTheFourthHostAndEveryFourthAfter() {
        assertThat(XhadDumpFormat.bitmap(HostSet.firstN(7), 7)).isEqualTo("bitmap l->h(111-1111)");
        assertThat(XhadDumpFormat.bitmap(HostSet.of(0, 7), 8)).isEqualTo("bitmap l->h(100-0000-1)");
        assertThat(XhadDumpFormat.bitmap(HostSet.of(2), 3)).isEqualTo("bitmap l->h(001)");
        assertThat(XhadDumpFormat.bitmap(HostSet.firstN(64), 0)).isEqualTo("bitmap l->h()");
        String all = XhadDumpFormat.bitmap(HostSet.firstN(64), 64).substring("bitmap l->h(".length());
        assertThat(all.chars().filter(c -> c == '1').count()).isEqualTo(64);
        assertThat(all.chars().filter(c -> c == '-').count()).isEqualTo(16);
    }

    @Test
    void hostCountDecidesSectionsAndArrayEntries() {
        StatefileImage image = Fixtures.threeUp();
        String two = XhadDumpFormat.render(image, 2, Optional.empty());
        assertThat(two).contains("host[ 1].since_last_hb_receipt[ 1] = 517")
                .doesNotContain("host[ 2]", "receipt[ 2]");
        assertThat(two.lines().filter(l -> l.equals("---------------------------"))).hasSize(3);
        String all = XhadDumpFormat.render(image, 64, Optional.empty());
        assertThat(all).contains("  host[63].since_last_sf_update[63] = 0\n");
        assertThat(XhadDumpFormat.render(image, 0, Optional.empty())).endsWith("global.config_hosts = 3\n"
                + "---------------------------\n");
    }

    @Test
    void defaultHostCountFallsBackToAllHostsForImplausibleConfigHosts() {
        GlobalSection g = GlobalSection.initial(GENERATION, 5);
        assertThat(XhadDumpFormat.defaultHostCount(g)).isEqualTo(5);
        GlobalSection zero = StatefileCodec.decodeGlobal(new byte[4096]);
        assertThat(XhadDumpFormat.defaultHostCount(zero)).isEqualTo(64);
    }
}
