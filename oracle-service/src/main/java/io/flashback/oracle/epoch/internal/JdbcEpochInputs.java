package io.flashback.oracle.epoch.internal;

import io.flashback.chain.AgreementId;
import io.flashback.oracle.epoch.EpochInputs;
import io.flashback.oracle.evaluation.Audit;
import io.flashback.oracle.evaluation.NodeSample;
import io.flashback.oracle.evaluation.Probe;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** {@link EpochInputs} in the {@code node_sample}, {@code probe} and {@code audit} tables. */
public final class JdbcEpochInputs implements EpochInputs {

    private final JdbcTemplate jdbc;

    public JdbcEpochInputs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Inputs of(AgreementId agreement, Instant from, Instant to) {
        BigDecimal id = new BigDecimal(agreement.value());
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        List<NodeSample> samples = jdbc.query("""
                        select minute, requests, server_errors, client_errors, latency_sum_ms, upload_mbps, download_mbps from node_sample
                        where agreement_id = ? and minute >= ? and minute < ? order by minute""",
                (rs, n) -> new NodeSample(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getDouble(6), rs.getDouble(7)), id, start, end);
        List<Probe> probes = jdbc.query("""
                        select at, location, succeeded, ttfb_ms, upload_mbps, download_mbps from probe
                        where agreement_id = ? and at >= ? and at < ? order by at, location""",
                (rs, n) -> new Probe(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getBoolean(3), rs.getInt(4), rs.getDouble(5),
                        rs.getDouble(6)), id, start, end);
        List<Audit> audits = jdbc.query("select at, passed from audit where agreement_id = ? and at >= ? and at < ? order by at",
                (rs, n) -> new Audit(rs.getTimestamp(1).toInstant(), rs.getBoolean(2)), id, start, end);
        return new Inputs(samples, probes, audits);
    }

    @Override
    public Punctuality punctuality(AgreementId agreement, Instant from, Instant to, java.time.Duration deadline) {
        return jdbc.queryForObject("""
                        select count(*), count(*) filter (where b.received_at > s.minute + interval '1 minute' + make_interval(secs => ?))
                        from node_sample s join metric_batch b on b.node_id = s.node_id and b.sequence = s.batch_sequence
                        where s.agreement_id = ? and s.minute >= ? and s.minute < ?""",
                (rs, n) -> new Punctuality(rs.getLong(1), rs.getLong(2)), (double) deadline.toMillis() / 1000.0, new BigDecimal(agreement.value()),
                Timestamp.from(from), Timestamp.from(to));
    }

    @Override
    public void append(AgreementId agreement, Inputs inputs) {
        BigDecimal id = new BigDecimal(agreement.value());
        jdbc.batchUpdate("""
                        insert into node_sample (agreement_id, minute, requests, server_errors, client_errors, latency_sum_ms, upload_mbps, download_mbps)
                        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                inputs.samples().stream().map(s -> new Object[] {id, Timestamp.from(s.minute()), s.requests(), s.serverErrors(),
                        s.clientErrors(), s.latencySumMs(), s.uploadMbps(), s.downloadMbps()}).toList());
        jdbc.batchUpdate("""
                        insert into probe (agreement_id, at, location, succeeded, ttfb_ms, upload_mbps, download_mbps)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                inputs.probes().stream().map(p -> new Object[] {id, Timestamp.from(p.at()), p.location(), p.succeeded(), p.ttfbMs(),
                        p.uploadMbps(), p.downloadMbps()}).toList());
        jdbc.batchUpdate("insert into audit (agreement_id, at, passed) values (?, ?, ?) on conflict do nothing",
                inputs.audits().stream().map(a -> new Object[] {id, Timestamp.from(a.at()), a.passed()}).toList());
    }
}
