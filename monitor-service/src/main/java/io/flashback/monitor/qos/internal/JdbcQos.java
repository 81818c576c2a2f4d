package io.flashback.monitor.qos.internal;

import io.flashback.monitor.audit.AuditResult;
import io.flashback.monitor.probe.ProbeResult;
import io.flashback.monitor.qos.ApplyRetention;
import io.flashback.monitor.qos.QosPoint;
import io.flashback.monitor.qos.QosQuery;
import io.flashback.monitor.qos.QosRollups;
import io.flashback.monitor.qos.QosSeries;
import io.flashback.monitor.qos.QosSubject;
import io.flashback.monitor.qos.Resolution;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code qos_rollup}: one row per subject, resolution, bucket and probe location, summed in place by
 * upserts (safe with any number of workers). Rows are always touched in the same order (node minute,
 * node hour, provider minute, provider hour), so concurrent transactions of one provider's nodes queue
 * instead of deadlocking.
 */
final class JdbcQos implements QosRollups, QosSeries, ApplyRetention.Expiry {

    private record Sums(long probes, long available, long ttfbCount, double ttfbSumMs, Double ttfbMaxMs, double totalSumMs,
                        long uploadCount, double uploadSumMbps, long downloadCount, double downloadSumMbps, long audits, long auditsPassed) {
    }

    private final JdbcTemplate jdbc;

    JdbcQos(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void probed(UUID nodeId, String providerWallet, ProbeResult result) {
        // latency counts answered probes only: a fast error page must not make a node look quick
        Double ttfb = result.available() ? result.timeToFirstByte().map(d -> d.toNanos() / 1e6).orElse(null) : null;
        add(nodeId, providerWallet, result.at(), result.location(), new Sums(1, result.available() ? 1 : 0, ttfb == null ? 0 : 1,
                ttfb == null ? 0 : ttfb, ttfb, result.total().toNanos() / 1e6,
                result.uploadMbps().isPresent() ? 1 : 0, result.uploadMbps().orElse(0.0),
                result.downloadMbps().isPresent() ? 1 : 0, result.downloadMbps().orElse(0.0), 0, 0));
    }

    @Override
    public void audited(UUID nodeId, String providerWallet, AuditResult result) {
        add(nodeId, providerWallet, result.at(), result.location(), new Sums(0, 0, 0, 0, null, 0, 0, 0, 0, 0, 1, result.passed() ? 1 : 0));
    }

    private void add(UUID nodeId, String providerWallet, Instant at, String location, Sums sums) {
        List<Object[]> rows = new ArrayList<>(4);
        for (Resolution resolution : Resolution.values()) {
            rows.add(row(QosSubject.NODE, nodeId.toString(), resolution, at, location, sums));
        }
        if (providerWallet != null) {
            for (Resolution resolution : Resolution.values()) {
                rows.add(row(QosSubject.PROVIDER, providerWallet, resolution, at, location, sums));
            }
        }
        jdbc.batchUpdate("""
                insert into qos_rollup (subject_kind, subject_id, resolution, bucket_start, location, probes, available, ttfb_count,
                                        ttfb_sum_ms, ttfb_max_ms, total_sum_ms, upload_count, upload_sum_mbps, download_count,
                                        download_sum_mbps, audits, audits_passed)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (subject_kind, subject_id, resolution, bucket_start, location) do update set
                  probes = qos_rollup.probes + excluded.probes,
                  available = qos_rollup.available + excluded.available,
                  ttfb_count = qos_rollup.ttfb_count + excluded.ttfb_count,
                  ttfb_sum_ms = qos_rollup.ttfb_sum_ms + excluded.ttfb_sum_ms,
                  ttfb_max_ms = greatest(qos_rollup.ttfb_max_ms, excluded.ttfb_max_ms),
                  total_sum_ms = qos_rollup.total_sum_ms + excluded.total_sum_ms,
                  upload_count = qos_rollup.upload_count + excluded.upload_count,
                  upload_sum_mbps = qos_rollup.upload_sum_mbps + excluded.upload_sum_mbps,
                  download_count = qos_rollup.download_count + excluded.download_count,
                  download_sum_mbps = qos_rollup.download_sum_mbps + excluded.download_sum_mbps,
                  audits = qos_rollup.audits + excluded.audits,
                  audits_passed = qos_rollup.audits_passed + excluded.audits_passed""", rows);
    }

    private static Object[] row(QosSubject subject, String subjectId, Resolution resolution, Instant at, String location, Sums sums) {
        return new Object[] {subject.name(), subjectId, resolution.name(), Timestamp.from(resolution.bucketOf(at)), location, sums.probes(),
                sums.available(), sums.ttfbCount(), sums.ttfbSumMs(), sums.ttfbMaxMs(), sums.totalSumMs(), sums.uploadCount(),
                sums.uploadSumMbps(), sums.downloadCount(), sums.downloadSumMbps(), sums.audits(), sums.auditsPassed()};
    }

    @Override
    public List<QosPoint> of(QosSubject subject, String subjectId, QosQuery query) {
        List<Object> arguments = new ArrayList<>(List.of(subject.name(), subjectId, query.resolution().name(), Timestamp.from(query.from()),
                Timestamp.from(query.to())));
        query.location().ifPresent(arguments::add);
        return jdbc.query("""
                        select bucket_start, sum(probes), sum(available), sum(ttfb_count), sum(ttfb_sum_ms), max(ttfb_max_ms), sum(total_sum_ms),
                               sum(upload_count), sum(upload_sum_mbps), sum(download_count), sum(download_sum_mbps), sum(audits), sum(audits_passed)
                        from qos_rollup
                        where subject_kind = ? and subject_id = ? and resolution = ? and bucket_start >= ? and bucket_start < ?"""
                        + (query.location().isPresent() ? " and location = ?" : "")
                        + " group by bucket_start order by bucket_start",
                (rs, row) -> point(rs), arguments.toArray());
    }

    private static QosPoint point(ResultSet rs) throws SQLException {
        long probes = rs.getLong(2);
        long available = rs.getLong(3);
        long ttfbCount = rs.getLong(4);
        long uploads = rs.getLong(8);
        long downloads = rs.getLong(10);
        double maxTtfb = rs.getDouble(6);
        boolean hasMax = !rs.wasNull();
        return new QosPoint(rs.getTimestamp(1).toInstant(), probes, available, probes == 0 ? null : round(100.0 * available / probes),
                ttfbCount == 0 ? null : round(rs.getDouble(5) / ttfbCount), hasMax ? round(maxTtfb) : null,
                probes == 0 ? null : round(rs.getDouble(7) / probes), uploads == 0 ? null : round(rs.getDouble(9) / uploads),
                downloads == 0 ? null : round(rs.getDouble(11) / downloads), rs.getLong(12), rs.getLong(13));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    @Override
    public long deleteRawBefore(Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        return jdbc.update("delete from probe_result where at < ?", before) + jdbc.update("delete from audit_result where at < ?", before);
    }

    @Override
    public long deleteRollupsBefore(Resolution resolution, Instant cutoff) {
        return jdbc.update("delete from qos_rollup where resolution = ? and bucket_start < ?", resolution.name(), Timestamp.from(cutoff));
    }
}
