package org.xcp.clusterstack.api.statefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.xcp.clusterstack.api.statefile.Fixtures.GENERATION;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;

/** Damaged sections are reported as faults, and turned into exit 9 or 10 only by {@link Statefile}. */
class FaultsTest {
    private static final HaUuid OTHER_GENERATION = HaUuid.parse("00000000000000000000000000000001");
    private static final Path PATH = Path.of("/dev/sf");

    private static GlobalSection globalWith(int offset, int value) {
        byte[] bytes = Fixtures.threeUpBytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return StatefileCodec.decodeGlobal(bytes);
    }

    private static GlobalSection globalWithFlippedByte(int offset) {
        byte[] bytes = Fixtures.threeUpBytes();
        bytes[offset] ^= 0x01;
        return StatefileCodec.decodeGlobal(bytes);
    }

    private static HaException rejection(GlobalSection g, HaUuid expected) {
        return catchThrowableOfType(HaException.class, () -> Statefile.requireValid(PATH, g, expected));
    }

    @Test
    void aFlippedSignatureByteIsASignatureFaultOnly() {
        GlobalSection g = globalWithFlippedByte(GlobalField.SIG.offset());
        assertThat(g.faults(Optional.of(GENERATION))).containsExactly(SectionFault.SIGNATURE);
        HaException e = rejection(g, GENERATION);
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_STATE_FILE);
        assertThat(e.getMessage()).isEqualTo("statefile /dev/sf: global section sig 0x6c6f6f71 is not 0x6c6f6f70 (\"pool\")");
    }

    @Test
    void aWrongInvertedSignatureIsASignatureFault() {
        GlobalSection g = globalWith(GlobalField.SIG_INV.offset(), ~0x6C6F6F70);
        assertThat(g.faults(Optional.empty())).containsExactly(SectionFault.SIGNATURE);
        assertThat(rejection(g, GENERATION).getMessage()).contains("sig_inv 0x9390908f is not 0xf2721211");
    }

    @Test
    void aFlippedByteInAChecksummedFieldIsAChecksumFault() {
        GlobalSection g = globalWithFlippedByte(GlobalField.CONFIG_HOSTS.offset());
        assertThat(g.configHosts()).isEqualTo(2);
        assertThat(g.faults(Optional.of(GENERATION))).containsExactly(SectionFault.CHECKSUM);
        HaException e = rejection(g, GENERATION);
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_STATE_FILE);
        assertThat(e.getMessage()).isEqualTo("statefile /dev/sf: global section checksum 0x4c567bb0 does not"
                + " match its content (0x4c567baf)");
    }

    @Test
    void anotherVersionIsAVersionFaultEvenWhenResealed() {
        GlobalSection g = globalWith(GlobalField.VERSION.offset(), 3).resealed();
        assertThat(g.faults(Optional.of(GENERATION))).containsExactly(SectionFault.VERSION);
        HaException e = rejection(g, GENERATION);
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_STATE_FILE);
        assertThat(e.getMessage()).endsWith("global section version 3 is not 2");
    }

    @Test
    void wrongLengthsOrMaxHostsAreVersionFaults() {
        for (GlobalField f : new GlobalField[] {GlobalField.LENGTH_GLOBAL, GlobalField.LENGTH_HOST_SPECIFIC,
            GlobalField.MAX_HOSTS}) {
            GlobalSection g = globalWith(f.offset(), 512).resealed();
            assertThat(g.faults(Optional.empty())).as(f.fieldName()).containsExactly(SectionFault.VERSION);
            assertThat(rejection(g, GENERATION).getMessage()).endsWith(f.fieldName() + " 512 is not "
                    + (f == GlobalField.MAX_HOSTS ? 64 : 4096));
        }
    }

    @Test
    void aBrokenEndMarkerIsReportedAndRejected() {
        GlobalSection g = globalWith(GlobalField.END_MARKER.offset(), 0);
        assertThat(g.faults(Optional.empty())).containsExactly(SectionFault.END_MARKER);
        assertThat(rejection(g, GENERATION).exitCode()).isEqualTo(ExitCode.INVALID_STATE_FILE);
    }

    @Test
    void aFlippedEndMarkerIsCorruptionTheSameForTheDumpTheHelpersAndTheDaemonsStart() {
        GlobalSection g = globalWithFlippedByte(GlobalField.END_MARKER.offset()); // the checksum stops before it
        assertThat(g.faults(Optional.of(GENERATION))).containsExactly(SectionFault.END_MARKER);
        assertThat(SectionFault.corrupted(g.faults(Optional.empty()))).isTrue();

        // dump and the no-daemon helpers: 9, as for a bad signature or checksum (spec §5.2)
        HaException helper = catchThrowableOfType(HaException.class, () -> Statefile.requireIntact(PATH, g));
        assertThat(helper.exitCode()).isEqualTo(ExitCode.INVALID_STATE_FILE);
        assertThat(helper.getMessage()).isEqualTo(
                "statefile /dev/sf: global section end_marker 0x70646e64 is not 0x70646e65 (\"endp\")");

        // a starting daemon: no usable statefile, 8, as for any corrupted global section (spec §2, §5.2)
        HaException start = catchThrowableOfType(HaException.class,
                () -> Statefile.requireStartable(PATH, g, GENERATION));
        assertThat(start.exitCode()).isEqualTo(ExitCode.CAN_NOT_ACCESS_STATEFILE);
        assertThat(start.getMessage()).isEqualTo("statefile /dev/sf: the global section is corrupted (end_marker"
                + " 0x70646e64 is not 0x70646e65 (\"endp\")): never initialised, or damaged");
        assertThatCode(() -> Statefile.requireStartable(PATH, Fixtures.threeUp().global(), GENERATION))
                .doesNotThrowAnyException();
    }

    @Test
    void corruptionIsABadSignatureChecksumOrEndMarkerAndNothingElse() {
        assertThat(java.util.Arrays.stream(SectionFault.values()).filter(SectionFault::corrupts))
                .containsExactly(SectionFault.SIGNATURE, SectionFault.CHECKSUM, SectionFault.END_MARKER);
        assertThat(SectionFault.corrupted(java.util.EnumSet.of(SectionFault.VERSION, SectionFault.GENERATION))).isFalse();
    }

    @Test
    void anotherGenerationIsExit10ButAnUpperCaseSpellingIsNot() {
        GlobalSection g = Fixtures.threeUp().global();
        assertThat(g.faults(Optional.of(OTHER_GENERATION))).containsExactly(SectionFault.GENERATION);
        HaException e = rejection(g, OTHER_GENERATION);
        assertThat(e.exitCode()).isEqualTo(ExitCode.GENERATION_UUID_MISMATCH);
        assertThat(e.getMessage()).isEqualTo("statefile /dev/sf: global section gen_uuid "
                + "'a55e901bfd4c4037abbfc0dd3960dc4a' is not this pool's generation "
                + "00000000000000000000000000000001");

        GlobalSection upper = new GlobalSection(g.sig(), g.sigInv(), 0, g.version(), g.lengthGlobal(),
                g.lengthHostSpecific(), g.maxHosts(), g.genUuid().toUpperCase(), g.poolState(), g.master(),
                g.configHosts(), g.endMarker()).resealed();
        assertThat(upper.faults(Optional.of(GENERATION))).isEmpty();
        assertThatCode(() -> Statefile.requireValid(upper, GENERATION)).doesNotThrowAnyException();
    }

    @Test
    void corruptionWinsOverAGenerationMismatchAsInXhad() {
        GlobalSection g = globalWithFlippedByte(GlobalField.POOL_STATE.offset());
        assertThat(g.faults(Optional.of(OTHER_GENERATION)))
                .containsExactly(SectionFault.CHECKSUM, SectionFault.GENERATION);
        assertThat(rejection(g, OTHER_GENERATION).exitCode()).isEqualTo(ExitCode.INVALID_STATE_FILE);
    }

    @Test
    void requireIntactIgnoresTheGenerationLikeXhadsHelpers() {
        GlobalSection g = Fixtures.threeUp().global();
        assertThatCode(() -> Statefile.requireIntact(PATH, g)).doesNotThrowAnyException();
        HaException e = catchThrowableOfType(HaException.class, () -> Statefile.requireIntact(PATH,
                globalWithFlippedByte(GlobalField.MASTER.offset())));
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_STATE_FILE);
    }

    @Test
    void anAllZeroFileIsCorruptedNotMismatched() {
        GlobalSection zero = StatefileCodec.decodeGlobal(new byte[4096]);
        assertThat(zero.faults(Optional.of(GENERATION))).contains(SectionFault.SIGNATURE, SectionFault.GENERATION);
        HaException e = catchThrowableOfType(HaException.class, () -> Statefile.requireValid(zero, GENERATION));
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_STATE_FILE);
        assertThat(e.getMessage()).startsWith("statefile: global section sig 0x00000000");
    }

    @Test
    void hostSectionFaults() {
        byte[] bytes = Fixtures.threeUpBytes();
        int host1 = StatefileLayout.hostOffset(1);
        bytes[host1 + HostField.SEQUENCE.offset()] ^= 0x40;
        bytes[host1 + HostField.END_MARKER.offset()] = 'x';
        bytes[StatefileLayout.hostOffset(2) + HostField.SIG_INV.offset()] ^= 0x01;
        StatefileImage image = StatefileImage.decode(bytes);
        assertThat(image.host(0).faults()).isEmpty();
        assertThat(image.host(1).faults()).containsExactly(SectionFault.CHECKSUM, SectionFault.END_MARKER);
        assertThat(image.host(2).faults()).containsExactly(SectionFault.SIGNATURE);
        assertThat(image.host(1).toBuilder().build().faults()).isEmpty();
    }
}
