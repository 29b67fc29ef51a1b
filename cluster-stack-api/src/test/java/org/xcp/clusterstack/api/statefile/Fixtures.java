package org.xcp.clusterstack.api.statefile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.xcp.clusterstack.api.HaUuid;

/** The real xhad's statefile and dump (see src/test/resources/statefile/README.md). */
public final class Fixtures {
    public static final HaUuid GENERATION = HaUuid.parse("a55e901bfd4c4037abbfc0dd3960dc4a");
    public static final HaUuid HOST0 = HaUuid.parse("772c21cf451b4ca793ae87327ea1aa9b");
    public static final HaUuid HOST1 = HaUuid.parse("91419cea29944e24a74e7ef331ca6358");
    public static final HaUuid HOST2 = HaUuid.parse("a7be08711a524ad2b592686e919ce993");

    private Fixtures() {
    }

    public static byte[] threeUpBytes() {
        return resource("statefile-3up.bin");
    }

    public static StatefileImage threeUp() {
        return StatefileImage.decode(threeUpBytes());
    }

    public static String threeUpDump() {
        return new String(resource("statefile-3up-dump.txt"), StandardCharsets.ISO_8859_1);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/statefile/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource statefile/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
