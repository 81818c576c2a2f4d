package io.flashback.monitor.audit.internal;

import io.flashback.events.outbox.Outbox;
import io.flashback.monitor.MonitorProperties;
import io.flashback.monitor.PeriodicTask;
import io.flashback.monitor.audit.AuditActiveNodes;
import io.flashback.monitor.audit.AuditMeters;
import io.flashback.monitor.audit.AuditResults;
import io.flashback.monitor.audit.Canaries;
import io.flashback.monitor.audit.CanaryClient;
import io.flashback.monitor.audit.CanaryCredentials;
import io.flashback.monitor.node.MonitoredNodes;
import io.flashback.monitor.probe.ProbeMeters;
import io.flashback.monitor.probe.ProbeResults;
import io.flashback.monitor.qos.QosRollups;
import io.flashback.security.node.NodeAddressPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Canary probes and possession audits on the AWS SDK, every {@code audit.interval}, for nodes with canary credentials:
 * configured ones, else the platform's canary key once the node has fetched it ({@link PlatformCanaryKeys}).
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean(destroyMethod = "close")
    AwsSdkCanaryClient canaryClient(MonitorProperties properties, NodeAddressPolicy addresses) {
        return new AwsSdkCanaryClient(properties.audit().timeout(), addresses);
    }

    @Bean
    PlatformCanaryKeys canaryCredentials(MonitorProperties properties, JdbcTemplate jdbc, Clock clock) {
        return new PlatformCanaryKeys(new ConfiguredCanaryCredentials(properties), jdbc, clock, properties.audit());
    }

    @Bean
    Canaries canaries(JdbcTemplate jdbc) {
        return new JdbcCanaries(jdbc);
    }

    @Bean
    AuditResults auditResults(JdbcTemplate jdbc, PlatformTransactionManager transactions, QosRollups rollups, Outbox outbox) {
        return new JdbcAuditResults(jdbc, new TransactionTemplate(transactions), rollups, outbox);
    }

    @Bean
    AuditActiveNodes auditActiveNodes(MonitoredNodes nodes, CanaryCredentials credentials, CanaryClient client, Canaries canaries,
                                      AuditResults audits, ProbeResults probes, AuditMeters auditMeters, ProbeMeters probeMeters, Clock clock,
                                      MonitorProperties properties) {
        MonitorProperties.Audit audit = properties.audit();
        // challenges must be unpredictable to the node, or it could keep only the ranges it will be asked for
        return new AuditActiveNodes(nodes, credentials, client, canaries, audits, probes, auditMeters, probeMeters, clock, new SecureRandom(),
                new AuditActiveNodes.Settings(properties.probeLocation(), audit.timeout(), audit.canaryBytes(), audit.challengeBytes(),
                        audit.throughputBytes()));
    }

    @Bean
    PeriodicTask auditSchedule(AuditActiveNodes audits, MonitorProperties properties) {
        return new PeriodicTask("audit-worker", properties.audit().interval(), audits::auditAll);
    }
}
