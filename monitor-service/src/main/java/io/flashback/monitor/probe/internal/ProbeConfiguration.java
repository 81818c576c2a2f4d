package io.flashback.monitor.probe.internal;

import io.flashback.events.outbox.Outbox;
import io.flashback.monitor.MonitorProperties;
import io.flashback.monitor.PeriodicTask;
import io.flashback.monitor.node.MonitoredNodes;
import io.flashback.monitor.probe.EndpointProbe;
import io.flashback.monitor.probe.ProbeActiveNodes;
import io.flashback.monitor.probe.ProbeMeters;
import io.flashback.monitor.probe.ProbeResults;
import io.flashback.monitor.qos.QosRollups;
import io.flashback.security.node.NodeAddressPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** The anonymous probe worker: Apache HTTP client connecting only where the node address policy allows, results in PostgreSQL and on {@code flashback.probes.v1}, every {@code probe-interval}. */
@Configuration(proxyBeanMethods = false)
class ProbeConfiguration {

    @Bean
    EndpointProbe endpointProbe(MonitorProperties properties, NodeAddressPolicy addresses) {
        return new ApacheHttpEndpointProbe(properties.probeTimeout(), properties.probeConcurrency(), addresses);
    }

    @Bean
    ProbeResults probeResults(JdbcTemplate jdbc, PlatformTransactionManager transactions, QosRollups rollups, Outbox outbox) {
        return new JdbcProbeResults(jdbc, new TransactionTemplate(transactions), rollups, outbox);
    }

    @Bean
    ProbeActiveNodes probeActiveNodes(MonitoredNodes nodes, EndpointProbe probe, ProbeResults results, ProbeMeters meters, Clock clock,
                                      MonitorProperties properties) {
        return new ProbeActiveNodes(nodes, probe, results, meters, clock,
                new ProbeActiveNodes.Settings(properties.probeLocation(), properties.probeTimeout(), properties.probeConcurrency()));
    }

    @Bean
    PeriodicTask probeSchedule(ProbeActiveNodes probes, MonitorProperties properties) {
        return new PeriodicTask("probe-worker", properties.probeInterval(), probes::probeAll);
    }
}
