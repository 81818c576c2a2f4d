package io.flashback.oracle.ingest.internal;

import io.flashback.oracle.ingest.MetricBatches;
import io.flashback.oracle.ingest.UsageSample;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link MetricBatches} in {@code metric_batch} and {@code node_sample}. A batch's samples go in as one statement
 * over arrays ({@code unnest}), which keeps a 1 000-sample batch to one round trip; a minute the agreement already has
 * is added to the stored one, and the throughputs are recomputed from the summed bytes and times — in {@code float8},
 * the same IEEE arithmetic as {@link UsageSample#toNodeSample()}.
 */
final class JdbcMetricBatches implements MetricBatches {

    private static final String STORE = """
            insert into node_sample as s (agreement_id, minute, requests, server_errors, client_errors, latency_sum_ms, upload_mbps,
                download_mbps, node_id, batch_sequence, bytes_in, bytes_out, latency_max_ms, latency_histogram, requests_by_operation,
                upload_bytes, upload_millis, download_bytes, download_millis, stored_bytes)
            select u.agreement_id, u.minute, u.requests, u.server_errors, u.client_errors, u.latency_sum_ms,
                case when u.upload_millis > 0 then u.upload_bytes::float8 * 8 / (u.upload_millis::float8 * 1000) else 0 end,
                case when u.download_millis > 0 then u.download_bytes::float8 * 8 / (u.download_millis::float8 * 1000) else 0 end,
                ?, ?, u.bytes_in, u.bytes_out, u.latency_max_ms, u.latency_histogram::bigint[], u.requests_by_operation::jsonb,
                u.upload_bytes, u.upload_millis, u.download_bytes, u.download_millis, u.stored_bytes
            from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                as u(agreement_id, minute, requests, server_errors, client_errors, latency_sum_ms, bytes_in, bytes_out, latency_max_ms,
                     latency_histogram, requests_by_operation, upload_bytes, upload_millis, download_bytes, download_millis, stored_bytes)
            on conflict (agreement_id, minute) do update set
                requests = s.requests + excluded.requests,
                server_errors = s.server_errors + excluded.server_errors,
                client_errors = s.client_errors + excluded.client_errors,
                latency_sum_ms = s.latency_sum_ms + excluded.latency_sum_ms,
                latency_max_ms = greatest(s.latency_max_ms, excluded.latency_max_ms),
                bytes_in = s.bytes_in + excluded.bytes_in,
                bytes_out = s.bytes_out + excluded.bytes_out,
                latency_histogram = case when s.latency_histogram is null then excluded.latency_histogram else
                    (select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
                     from unnest(s.latency_histogram, excluded.latency_histogram) with ordinality as h(a, b, i)) end,
                requests_by_operation = coalesce((select jsonb_object_agg(o.key, o.total) from (
                    select key, sum(value::bigint) as total from (
                        select * from jsonb_each_text(coalesce(s.requests_by_operation, '{}'::jsonb))
                        union all select * from jsonb_each_text(excluded.requests_by_operation)) e group by key) o), '{}'::jsonb),
                upload_bytes = s.upload_bytes + excluded.upload_bytes,
                upload_millis = s.upload_millis + excluded.upload_millis,
                download_bytes = s.download_bytes + excluded.download_bytes,
                download_millis = s.download_millis + excluded.download_millis,
                upload_mbps = case when s.upload_millis + excluded.upload_millis > 0
                    then (s.upload_bytes + excluded.upload_bytes)::float8 * 8 / ((s.upload_millis + excluded.upload_millis)::float8 * 1000)
                    else s.upload_mbps end,
                download_mbps = case when s.download_millis + excluded.download_millis > 0
                    then (s.download_bytes + excluded.download_bytes)::float8 * 8 / ((s.download_millis + excluded.download_millis)::float8 * 1000)
                    else s.download_mbps end,
                stored_bytes = excluded.stored_bytes,
                node_id = excluded.node_id,
                batch_sequence = excluded.batch_sequence""";

    private final JdbcTemplate jdbc;

    JdbcMetricBatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Claim claim(UUID nodeId, long sequence, String digest, Instant createdAt, Instant receivedAt, int samples) {
        int inserted = jdbc.update("""
                insert into metric_batch (node_id, sequence, digest, created_at, received_at, samples) values (?, ?, ?, ?, ?, ?)
                on conflict do nothing""", nodeId, sequence, digest, Timestamp.from(createdAt), Timestamp.from(receivedAt), samples);
        if (inserted == 1) {
            return Claim.NEW;
        }
        String stored = jdbc.queryForObject("select digest from metric_batch where node_id = ? and sequence = ?", String.class, nodeId, sequence);
        return digest.equals(stored) ? Claim.SAME_BATCH : Claim.OTHER_BATCH;
    }

    @Override
    public long lastSequence(UUID nodeId) {
        Long last = jdbc.queryForObject("select max(sequence) from metric_batch where node_id = ?", Long.class, nodeId);
        return last == null ? 0 : last;
    }

    @Override
    public void store(UUID nodeId, long sequence, List<ResolvedSample> samples) {
        int n = samples.size();
        BigDecimal[] agreement = new BigDecimal[n];
        Timestamp[] minute = new Timestamp[n];
        Long[][] counts = new Long[12][n];
        String[] histogram = new String[n];
        String[] operations = new String[n];
        for (int i = 0; i < n; i++) {
            UsageSample s = samples.get(i).sample();
            agreement[i] = new BigDecimal(samples.get(i).escrowAgreementId());
            minute[i] = Timestamp.from(s.minute());
            long[] values = {s.requests(), s.serverErrors(), s.clientErrors(), s.latencySumMs(), s.bytesIn(), s.bytesOut(), s.latencyMaxMs(),
                    s.uploadBytes(), s.uploadMillis(), s.downloadBytes(), s.downloadMillis(), s.storedBytes()};
            for (int c = 0; c < values.length; c++) {
                counts[c][i] = values[c];
            }
            histogram[i] = s.latencyHistogram().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
            operations[i] = json(s.requestsByOperation());
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(STORE);
            int p = 1;
            statement.setObject(p++, nodeId);
            statement.setLong(p++, sequence);
            statement.setArray(p++, connection.createArrayOf("numeric", agreement));
            statement.setArray(p++, connection.createArrayOf("timestamptz", minute));
            for (int c = 0; c < 7; c++) {        // requests .. latency_max_ms, in the order of the unnest columns
                statement.setArray(p++, connection.createArrayOf("int8", counts[c]));
            }
            statement.setArray(p++, connection.createArrayOf("text", histogram));
            statement.setArray(p++, connection.createArrayOf("text", operations));
            for (int c = 7; c < 12; c++) {       // upload_bytes .. stored_bytes
                statement.setArray(p++, connection.createArrayOf("int8", counts[c]));
            }
            return statement;
        });
    }

    /** Operation names are checked to be letters, digits, '.', '_' and '-' (IngestLimits): nothing to escape. */
    private static String json(Map<String, Long> byOperation) {
        return new TreeMap<>(byOperation).entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
