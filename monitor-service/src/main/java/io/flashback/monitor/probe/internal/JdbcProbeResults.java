package io.flashback.monitor.probe.internal;

import io.flashback.events.monitor.ProbeRecorded;
import io.flashback.events.outbox.Outbox;
import io.flashback.monitor.Wire;
import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.probe.ProbeResult;
import io.flashback.monitor.probe.ProbeResults;
import io.flashback.monitor.qos.QosRollups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.util.UUID;

/** {@code probe_result} row, QoS buckets and the {@code ProbeRecorded} event, in one transaction. */
final class JdbcProbeResults implements ProbeResults {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final QosRollups rollups;
    private final Outbox outbox;

    JdbcProbeResults(JdbcTemplate jdbc, TransactionTemplate transactions, QosRollups rollups, Outbox outbox) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rollups = rollups;
        this.outbox = outbox;
    }

    @Override
    public void record(MonitoredNode node, ProbeResult result) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("""
                            insert into probe_result (id, node_id, location, kind, at, outcome, available, http_status, ttfb_ms, total_ms,
                                                      upload_mbps, download_mbps, detail)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    result.id(), result.nodeId(), result.location(), result.kind().name(), Timestamp.from(result.at()), result.outcome().name(),
                    result.available(), result.httpStatus(), result.timeToFirstByte().map(Wire::millis).orElse(null), Wire.millis(result.total()),
                    result.uploadMbps().map(Wire::mbps).orElse(null), result.downloadMbps().map(Wire::mbps).orElse(null),
                    Wire.detail(result.detail()));
            rollups.probed(node.nodeId(), node.providerWallet(), result);
            outbox.publish(new ProbeRecorded(UUID.randomUUID(), result.at(), result.nodeId(), node.providerWallet(), result.location(),
                    result.kind().name(), result.available(), result.outcome().name(), result.httpStatus(),
                    result.timeToFirstByte().map(Wire::millis).orElse(null), Wire.millis(result.total()),
                    result.uploadMbps().map(Wire::mbps).orElse(null), result.downloadMbps().map(Wire::mbps).orElse(null),
                    Wire.detail(result.detail())));
        });
    }
}
