package io.flashback.registry.node;

import io.flashback.events.metrics.StateCounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Arrays;

/** {@code flashback_bridge_nodes{state}}: how many bridge nodes are in each lifecycle state, for the operators' dashboards. */
@Component
class NodeStateGauges {

    private final StateCounts counts;

    NodeStateGauges(MeterRegistry meters, JdbcTemplate jdbc) {
        this.counts = new StateCounts(meters, jdbc, "flashback.bridge.nodes", "Bridge nodes by lifecycle state", "bridge_node", "state",
                Arrays.stream(NodeState.values()).map(Enum::name).toList());
    }

    @Scheduled(fixedDelayString = "${flashback.registry.gauge-interval:15s}", initialDelayString = "1s")
    void refresh() {
        counts.refresh();
    }
}
