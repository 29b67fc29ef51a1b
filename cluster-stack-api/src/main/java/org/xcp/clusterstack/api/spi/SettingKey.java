package org.xcp.clusterstack.api.spi;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One key a stack's settings file accepts ({@link StackSettings}), as its man page (cluster-stack-settings(5)) and
 * the stack's README describe it: the key (a pattern such as {@code o2cb.node.<number>} for a family), its
 * default in words, and what it means. The stacks build the sets of keys they accept from these, so that the page
 * lists exactly what the code takes.
 */
public record SettingKey(String name, String defaultValue, String meaning) {
    public SettingKey {
        Objects.requireNonNull(name);
        Objects.requireNonNull(defaultValue);
        Objects.requireNonNull(meaning);
    }

    /** The keys' names (a family's pattern included, for the page; its members are checked by their stack). */
    public static Set<String> names(Collection<SettingKey> keys) {
        return keys.stream().map(SettingKey::name).collect(Collectors.toUnmodifiableSet());
    }
}
