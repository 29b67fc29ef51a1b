package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.ocfs2.o2cb.O2hbChecksumTest.bitwise;

import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** {@link O2hbChecksum} against the oracles explained in {@link O2hbChecksumTest}, on any data. */
class O2hbChecksumProperties {
    @Property
    void equalsCrc32OfTheDataXorCrc32OfAsManyZeros(@ForAll @Size(max = 4096) byte[] data) {
        CRC32 ofData = new CRC32();
        ofData.update(data);
        CRC32 ofZeros = new CRC32();
        ofZeros.update(new byte[data.length]);
        int oracle = (int) (ofData.getValue() ^ ofZeros.getValue());
        assertThat(O2hbChecksum.crc32Le(0, data, 0, data.length)).isEqualTo(oracle);
    }

    @Property
    void equalsTheBitwiseDefinitionFromAnySeed(@ForAll int seed, @ForAll @Size(max = 600) byte[] data) {
        assertThat(O2hbChecksum.crc32Le(seed, data, 0, data.length)).isEqualTo(bitwise(seed, data));
    }

    @Property
    void aBlockChecksumIsTheCrcOfTheBlockWithTheFieldZeroed(@ForAll @Size(value = 512) byte[] block) {
        byte[] zeroed = block.clone();
        zeroed[12] = zeroed[13] = zeroed[14] = zeroed[15] = 0;
        assertThat(O2hbChecksum.ofBlock(block, 0, 512)).isEqualTo(bitwise(0, zeroed));
    }
}
