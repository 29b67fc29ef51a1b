package org.xcp.clusterstack.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.api.statefile.SectionFault;
import org.xcp.clusterstack.common.statefile.StatefileDevice;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.api.statefile.XhadDumpFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack statefile dump FILE [-C CONFIG]}: prints the statefile as xhad's
 * {@code dumpstatefile} does. A file whose sections fail validation is still dumped, the bad fields
 * marked {@code **}, and the exit is 9 (10 when only the GenerationUUID differs from the config's).
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Print a statefile as xhad's dumpstatefile does; fields that fail validation are marked '**'.",
            "Exit 0 if every dumped section is valid, 9 if one is not, 10 if the generation differs from the"
                + " config's, 8 if the file cannot be read."})
final class StatefileDumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The statefile (a block device or a file).")
    Path file;

    @Option(names = {"-C", "--config"}, paramLabel = "CONFIG",
            description = "An xhad.conf: dump its hosts and check the statefile's GenerationUUID against it.")
    Path config;

    @Option(names = "--json", description = "Print every field as JSON, with the faults of each section.")
    boolean json;

    @Override
    public Integer call() {
        Optional<DaemonConfig> pool = Optional.ofNullable(config).map(DaemonConfigReader::read);
        StatefileImage image;
        try (StatefileDevice device = StatefileDevice.openReadOnly(file)) {
            image = device.readImage();
        }
        int hostCount = pool.map(DaemonConfig::hostCount)
                .orElseGet(() -> XhadDumpFormat.defaultHostCount(image.global()));
        Optional<HaUuid> generation = pool.map(DaemonConfig::generation);
        if (json) {
            Json.print(spec.commandLine().getOut(), StatefileView.of(file, image, hostCount, generation));
        } else {
            spec.commandLine().getOut().print(XhadDumpFormat.render(image, hostCount, generation));
            spec.commandLine().getOut().flush();
        }
        verdict(image, hostCount, generation);
        return 0;
    }

    /** After the dump: exit 9 for any section that fails validation, else 10 for a foreign generation. */
    private void verdict(StatefileImage image, int hostCount, Optional<HaUuid> generation) {
        Map<String, Set<SectionFault>> faulty = new LinkedHashMap<>();
        Set<SectionFault> global = image.global().faults(generation);
        if (!global.isEmpty()) {
            faulty.put("global section", global);
        }
        for (int i = 0; i < hostCount; i++) {
            Set<SectionFault> host = image.host(i).faults();
            if (!host.isEmpty()) {
                faulty.put("host section " + i, host);
            }
        }
        if (faulty.isEmpty()) {
            return;
        }
        boolean onlyGeneration = faulty.size() == 1 && global.equals(EnumSet.of(SectionFault.GENERATION));
        String what = String.join("; ", faulty.entrySet().stream()
                .map(e -> e.getKey() + " " + describe(e.getValue())).toList());
        if (onlyGeneration) {
            throw new HaException(ExitCode.GENERATION_UUID_MISMATCH, file + ": GenerationUUID "
                    + image.global().generationValue().map(HaUuid::dashed).orElse("?") + " is not the config's "
                    + generation.orElseThrow().dashed());
        }
        throw new HaException(ExitCode.INVALID_STATE_FILE, file + ": " + what);
    }

    private static String describe(Set<SectionFault> faults) {
        return "fails validation (" + String.join(", ", faults.stream()
                .map(f -> f.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).toList()) + ")";
    }
}
