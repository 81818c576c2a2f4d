package io.flashback.monitor.audit.internal;

import io.flashback.events.monitor.AuditRecorded;
import io.flashback.events.outbox.Outbox;
import io.flashback.monitor.Wire;
import io.flashback.monitor.audit.AuditResult;
import io.flashback.monitor.audit.AuditResults;
import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.qos.QosRollups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.util.UUID;

/** {@code audit_result} row, QoS buckets and the {@code AuditRecorded} event, in one transaction. */
final class JdbcAuditResults implements AuditResults {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final QosRollups rollups;
    private final Outbox outbox;

    JdbcAuditResults(JdbcTemplate jdbc, TransactionTemplate transactions, QosRollups rollups, Outbox outbox) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rollups = rollups;
        this.outbox = outbox;
    }

    @Override
    public void record(MonitoredNode node, AuditResult result) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("""
                            insert into audit_result (id, node_id, location, at, bucket, object_key, range_start, range_end, outcome, passed,
                                                      expected_sha256, answered_sha256, duration_ms, detail)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    result.id(), result.nodeId(), result.location(), Timestamp.from(result.at()), result.bucket(), result.key(),
                    result.range().first(), result.range().last(), result.outcome().name(), result.passed(), result.expectedSha256(),
                    result.answeredSha256(), Wire.millis(result.duration()), Wire.detail(result.detail()));
            rollups.audited(node.nodeId(), node.providerWallet(), result);
            outbox.publish(new AuditRecorded(UUID.randomUUID(), result.at(), result.nodeId(), node.providerWallet(), result.location(),
                    result.bucket(), result.key(), result.range().first(), result.range().last(), result.passed(), result.outcome().name(),
                    result.expectedSha256(), result.answeredSha256(), Wire.millis(result.duration()), Wire.detail(result.detail())));
        });
    }
}
