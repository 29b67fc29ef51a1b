package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * {@code crc32_le(0, data, len)} checked against two oracles that share no code with {@link O2hbChecksum}:
 *
 * <ol>
 *   <li><b>zlib, through Python.</b> zlib's {@code crc32(data, value)} inverts {@code value} on entry and its
 *       result on exit: {@code zlib.crc32(d, v) = ~raw(~v, d)}, where {@code raw(seed, d)} is the bare
 *       reflected CRC register that Linux calls {@code crc32_le(seed, d)}. With {@code v = 0xFFFFFFFF} the
 *       register starts at 0, so {@code crc32_le(0, d) = ~zlib.crc32(d, 0xFFFFFFFF) & 0xFFFFFFFF}. The golden
 *       values below were computed that way:
 *       {@code python3 -c 'import zlib; print(hex(~zlib.crc32(b"123456789", 0xFFFFFFFF) & 0xFFFFFFFF))'}.</li>
 *   <li><b>{@link CRC32} and linearity.</b> {@code java.util.zip.CRC32} returns {@code ~raw(0xFFFFFFFF, d)}.
 *       The register is linear over GF(2) in (start value, data) together, so
 *       {@code raw(s, d) = raw(s, 0ⁿ) ⊕ raw(0, d)}; taking {@code s = 0xFFFFFFFF} twice,
 *       {@code crc32_le(0, d) = CRC32(d) ⊕ CRC32(n zero bytes)} (the two inversions cancel).</li>
 * </ol>
 * A third, bit-at-a-time reference (no table) guards the table itself.
 */
class O2hbChecksumTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc32LeOfTheCheckStringIsZlibsValueStartedFromZeroAndNotInverted() {
        assertThat(O2hbChecksum.crc32Le(0, CHECK, 0, CHECK.length)).isEqualTo(0x2dfd2d88);
    }

    @Test
    void itIsNotWhatJavaUtilZipCrc32Returns() {
        CRC32 standard = new CRC32();
        standard.update(CHECK);
        assertThat(standard.getValue()).isEqualTo(0xCBF43926L); // the catalogued CRC-32 check value
        assertThat(O2hbChecksum.crc32Le(0, CHECK, 0, CHECK.length) & 0xFFFFFFFFL).isNotEqualTo(standard.getValue());
    }

    @Test
    void aZeroBlockHasChecksumZeroSoAFreshlyFormattedSlotLooksValid() {
        // python3: ~zlib.crc32(bytes(512), 0xFFFFFFFF) & 0xFFFFFFFF == 0
        assertThat(O2hbChecksum.ofBlock(new byte[512], 0, 512)).isZero();
    }

    @Test
    void theBlockChecksumTakesTheCksumFieldAsZeroWhateverItHolds() {
        byte[] block = new byte[512];
        block[0] = 7;
        int clean = O2hbChecksum.ofBlock(block, 0, 512);
        block[12] = (byte) 0xAB;
        block[15] = (byte) 0xCD;
        assertThat(O2hbChecksum.ofBlock(block, 0, 512)).isEqualTo(clean);
        block[511] = 1;
        assertThat(O2hbChecksum.ofBlock(block, 0, 512)).isNotEqualTo(clean);
    }

    /** Linux {@code crc32_le_generic} with one bit per step. */
    static int bitwise(int seed, byte[] data) {
        int crc = seed;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ ((crc & 1) != 0 ? 0xEDB88320 : 0);
            }
        }
        return crc;
    }
}
