package io.flashback.marketplace.qos;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Measured time to first byte per node, from the platform's probes: an exponential moving average (each probe weighs
 * {@link #WEIGHT}), which replaces the offered latency as the effective latency the search filters and sorts by. A probe
 * that got no answer says nothing about latency (it counts against availability, judged elsewhere); one older than the
 * newest already applied is ignored.
 */
@Repository
public class MeasuredLatency {

    static final BigDecimal WEIGHT = new BigDecimal("0.2");

    private final JdbcTemplate jdbc;

    MeasuredLatency(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void probed(String nodeId, BigDecimal ttfbMs, Instant at) {
        int applied = jdbc.update("""
                insert into node_latency (node_id, average_ms, probes, measured_at) values (?, ?, 1, ?)
                on conflict (node_id) do update
                   set average_ms = round(node_latency.average_ms * (1 - ?) + excluded.average_ms * ?, 2),
                       probes = node_latency.probes + 1, measured_at = excluded.measured_at
                 where node_latency.measured_at < excluded.measured_at""", nodeId, ttfbMs, Timestamp.from(at), WEIGHT, WEIGHT);
        if (applied > 0) {
            jdbc.update("""
                    update data_unit u set effective_latency_ms = greatest(1, round(l.average_ms)::int)
                      from node_latency l where l.node_id = ? and u.node_id = l.node_id""", nodeId);
        }
    }
}
