package org.xcp.clusterstack.verify;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.StatefileCodec;
import org.xcp.clusterstack.api.statefile.StatefileLayout;

/**
 * Rewrites the pool statefile's global section under running daemons, as another tool or an operator could
 * (spec §5.2): a new format version, or a new GenerationUUID, checksum resealed so that only that field is new.
 */
final class StatefileEditor {
    private StatefileEditor() {
    }

    /** Sets the version field (the daemons know only 2, spec §5.2: 9). */
    static void version(Path statefile, int version) throws IOException {
        edit(statefile, g -> new GlobalSection(g.sig(), g.sigInv(), g.checksum(), version, g.lengthGlobal(),
                g.lengthHostSpecific(), g.maxHosts(), g.genUuid(), g.poolState(), g.master(), g.configHosts(),
                g.endMarker()).resealed());
    }

    /** Sets the GenerationUUID (the daemons' config names the old one: 10). */
    static void generation(Path statefile, HaUuid generation) throws IOException {
        edit(statefile, g -> new GlobalSection(g.sig(), g.sigInv(), g.checksum(), g.version(), g.lengthGlobal(),
                g.lengthHostSpecific(), g.maxHosts(), generation.compact(), g.poolState(), g.master(), g.configHosts(),
                g.endMarker()).resealed());
    }

    private static void edit(Path statefile, UnaryOperator<GlobalSection> change) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(statefile.toFile(), "rw")) {
            byte[] section = new byte[StatefileLayout.SECTION_SIZE];
            f.seek(StatefileLayout.GLOBAL_OFFSET);
            f.readFully(section);
            byte[] bytes = StatefileCodec.encodeGlobal(change.apply(StatefileCodec.decodeGlobal(section)));
            f.seek(StatefileLayout.GLOBAL_OFFSET);
            f.write(bytes);
            f.getFD().sync(); // the daemons read with O_DIRECT
        }
    }
}
