package io.flashback.registry.node;

import io.flashback.events.metrics.StateCounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class NodeMetrics {

    /** {@code flashback_bridge_nodes{state}}: how many bridge nodes are in each lifecycle state, for the operators' dashboards. */
    @Bean
    StateCounts nodeStateCounts(MeterRegistry meters, JdbcTemplate jdbc) {
        return new StateCounts(meters, jdbc, "flashback.bridge.nodes", "Bridge nodes by lifecycle state", "bridge_node", "state", NodeState.values());
    }
}
