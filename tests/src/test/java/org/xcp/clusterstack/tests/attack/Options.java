package org.xcp.clusterstack.tests.attack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code COMMAND --name value... --flag...}: the attacker's command line, every option checked against a list. */
record Options(String command, Map<String, String> values) {
    private static final Set<String> FLAGS = Set.of("spoof", "exact", "rewrite");
    private static final Set<String> VALUED = Set.of("conf", "pcap", "source", "format", "seed", "lead", "to", "as",
            "copies", "victim", "by", "host", "duration", "interval-ms", "phase", "rate", "real-share");

    static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (FLAGS.contains(name)) {
                values.put(name, "true");
            } else if (VALUED.contains(name) && i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
        }
        return new Options(args[0], Map.copyOf(values));
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String require(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException(command + " needs --" + name));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    int integer(String name, int otherwise) {
        return get(name).map(Integer::parseInt).orElse(otherwise);
    }

    double decimal(String name, double otherwise) {
        return get(name).map(Double::parseDouble).orElse(otherwise);
    }

    /** {@code --to 0,2}: host indexes; all but {@code except} when absent. */
    List<Integer> hosts(String name, int count, int except) {
        List<Integer> out = new ArrayList<>();
        if (get(name).isPresent()) {
            for (String s : require(name).split(",")) {
                out.add(Integer.parseInt(s.trim()));
            }
        } else {
            for (int i = 0; i < count; i++) {
                if (i != except) {
                    out.add(i);
                }
            }
        }
        return out;
    }
}
