package org.xcp.clusterstack.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The record file's text: any stack string round-trips; anything but the one shape is refused. */
class PoolRecordCodecProperties {
    @Property(tries = 2000)
    void anyRecordRoundTrips(@ForAll boolean enabled, @ForAll String stack) {
        PoolRecord record = new PoolRecord(enabled, stack);
        String text = PoolRecordCodec.encode(record);

        assertThat(PoolRecordCodec.decode(text)).isEqualTo(record);
        assertThat(text).endsWith("}\n").doesNotContain("\r").hasLineCount(1);
    }

    @Property(tries = 2000)
    void anyPrefixOfARecordIsRefused(@ForAll boolean enabled, @ForAll String stack) {
        String text = PoolRecordCodec.encode(new PoolRecord(enabled, stack));
        for (int cut = 0; cut < text.length() - 1; cut++) {
            String prefix = text.substring(0, cut);
            assertThatIllegalArgumentException().as("prefix %s", prefix).isThrownBy(() -> PoolRecordCodec.decode(prefix));
        }
    }

    @Example
    void whitespaceAndMemberOrderAreFree() {
        assertThat(PoolRecordCodec.decode(" {\n\t\"ha_cluster_stack\" : \"o\\u0032cb\\/x\",\r\n\"ha_enabled\":false } \n"))
                .isEqualTo(new PoolRecord(false, "o2cb/x"));
    }

    @Example
    void everyOtherShapeIsRefused() {
        for (String bad : List.of("", "{}", "{\"ha_enabled\": true}", "{\"ha_cluster_stack\": \"x\"}",
                "{\"ha_enabled\": true, \"ha_cluster_stack\": \"x\", \"more\": 1}",
                "{\"ha_enabled\": true, \"ha_enabled\": false, \"ha_cluster_stack\": \"x\"}",
                "{\"ha_enabled\": \"true\", \"ha_cluster_stack\": \"x\"}",
                "{\"ha_enabled\": true, \"ha_cluster_stack\": null}",
                "{\"ha_enabled\": true, \"ha_cluster_stack\": \"x\"} {}",
                "{\"ha_enabled\": true, \"ha_cluster_stack\": \"x\",}",
                "{\"ha_enabled\": true, \"ha_cluster_stack\": \"a\tb\"}",
                "{\"ha_enabled\": true, \"ha_cluster_stack\": \"\\u12\"}",
                "{\"ha_enabled\": true, \"ha_cluster_stack\": \"\\u０１２３\"}",
                "{\"ha_enabled\": TRUE, \"ha_cluster_stack\": \"x\"}")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> PoolRecordCodec.decode(bad));
        }
    }
}
