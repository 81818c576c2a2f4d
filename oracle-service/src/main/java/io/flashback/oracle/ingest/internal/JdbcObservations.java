package io.flashback.oracle.ingest.internal;

import io.flashback.oracle.ingest.Observations;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * {@link Observations} as rows of {@code probe} and {@code audit}, the tables the epoch evaluation reads, one per
 * agreement the node served when the observation was made (an agreement ended before it gets none).
 */
final class JdbcObservations implements Observations {

    private final JdbcTemplate jdbc;

    JdbcObservations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void probed(UUID nodeId, Instant at, String location, boolean succeeded, int ttfbMs, double uploadMbps, double downloadMbps) {
        jdbc.update("""
                insert into probe (agreement_id, at, location, succeeded, ttfb_ms, upload_mbps, download_mbps)
                select escrow_agreement_id, ?, ?, ?, ?, ?, ? from served_agreement
                 where node_id = ? and activated_at <= ? and (ended_at is null or ended_at > ?)
                on conflict do nothing""", Timestamp.from(at), location, succeeded, ttfbMs, uploadMbps, downloadMbps, nodeId,
                Timestamp.from(at), Timestamp.from(at));
    }

    @Override
    public void audited(UUID nodeId, Instant at, boolean passed) {
        jdbc.update("""
                insert into audit (agreement_id, at, passed)
                select escrow_agreement_id, ?, ? from served_agreement
                 where node_id = ? and activated_at <= ? and (ended_at is null or ended_at > ?)
                on conflict do nothing""", Timestamp.from(at), passed, nodeId, Timestamp.from(at), Timestamp.from(at));
    }
}
