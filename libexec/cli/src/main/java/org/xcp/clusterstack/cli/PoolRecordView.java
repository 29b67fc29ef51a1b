package org.xcp.clusterstack.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xcp.clusterstack.selector.PoolRecord;

/** The record as the commands that write it print it: {@code {"ha_enabled": false, "ha_cluster_stack": "xhad"}}. */
final class PoolRecordView {
    private PoolRecordView() {
    }

    static Map<String, Object> of(PoolRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ha_enabled", record.haEnabled());
        view.put("ha_cluster_stack", record.haClusterStack());
        return view;
    }
}
