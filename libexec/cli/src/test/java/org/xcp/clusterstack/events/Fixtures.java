package org.xcp.clusterstack.events;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.xcp.clusterstack.api.HaUuid;

/** The journals of {@code src/test/resources/journals} (its README says what each case holds). */
final class Fixtures {
    static final HaUuid H0 = HaUuid.parse("772c21cf-451b-4ca7-93ae-87327ea1aa9b");
    static final HaUuid H1 = HaUuid.parse("91419cea-2994-4e24-a74e-7ef331ca6358");
    static final HaUuid H2 = HaUuid.parse("a7be0871-1a52-4ad2-b592-686e919ce993");

    private Fixtures() {
    }

    /** The directory of one case: what the three hosts' log bases held, side by side. */
    static Path pool(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/journals/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every host's lines of one case, in time order. */
    static List<JournalEntry> entries(String name) {
        return Journals.load(List.of(pool(name))).entries();
    }
}
