package io.flashback.marketplace.search;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.UUID;

/** Data Units written straight into the marketplace's tables, for search tests and benchmarks. */
final class DataUnitFixtures {

    static final String[] REGIONS = {"eu-west", "eu-central", "us-east", "us-west", "ap-south", "ap-northeast", "sa-east", "af-south"};

    private DataUnitFixtures() {
    }

    static UUID unit(JdbcTemplate jdbc, String region, String price, String rating, int latencyMs, boolean listed, long freeBytes) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into data_unit (id, provider_id, node_id, state, listed, capacity_bytes, reserved_bytes, currency,
                  price_per_gb_month, egress_price_per_gb, reference_price, region, country, api_s3, api_gcs, availability_pct,
                  latency_ms, upload_mbps, download_mbps, error_rate_ppm, min_term_days, max_term_days, payment_methods,
                  encryption_at_rest, versioning, rating, effective_latency_ms, created_at, updated_at)
                values (?, ?, ?, 'AVAILABLE', ?, ?, 0, 'USDC', ?, 0.01, ?, ?, 'DE', true, ?, 99.9, ?, 100, 200, 100, 30, 365,
                  array['evm:31337:USDC','fiat:USD'], true, false, ?, ?, now(), now())""",
                id, UUID.randomUUID(), "node-" + id.toString().substring(0, 8), listed, freeBytes, new BigDecimal(price),
                new BigDecimal(price), region, latencyMs % 2 == 0, latencyMs, new BigDecimal(rating), latencyMs);
        return id;
    }

    /**
     * {@code count} listed units with realistic spreads: 8 regions, prices 0.002–0.050 per GB-month,
     * ratings 20–100, latencies 5–400 ms, capacities 100 GB–100 TB, a tenth unlisted.
     */
    static void generate(JdbcTemplate jdbc, int count) {
        jdbc.update("""
                insert into data_unit (id, provider_id, node_id, state, listed, capacity_bytes, reserved_bytes, currency,
                  price_per_gb_month, egress_price_per_gb, reference_price, region, country, api_s3, api_gcs, availability_pct,
                  latency_ms, upload_mbps, download_mbps, error_rate_ppm, min_term_days, max_term_days, payment_methods,
                  encryption_at_rest, versioning, rating, effective_latency_ms, created_at, updated_at)
                select gen_random_uuid(), gen_random_uuid(), 'node-' || n, 'AVAILABLE', random() > 0.1,
                  cap, (cap * random() * 0.9)::bigint, 'USDC', price, price / 3, price,
                  (array['eu-west','eu-central','us-east','us-west','ap-south','ap-northeast','sa-east','af-south'])[1 + n % 8],
                  (array['IE','DE','US','US','IN','JP','BR','ZA'])[1 + n % 8],
                  true, random() > 0.5, (array[99.0, 99.5, 99.9, 99.95, 99.99])[1 + (n / 7) % 5],
                  lat, 50 + (random() * 500)::int, 100 + (random() * 900)::int, 100, 1 + n % 30, 365,
                  case when n % 3 = 0 then array['evm:31337:USDC'] when n % 3 = 1 then array['fiat:USD']
                       else array['evm:31337:USDC','fiat:USD'] end,
                  random() > 0.3, random() > 0.5, round((20 + random() * 80)::numeric, 2), lat, now(), now()
                from (select n, (5 + random() * 395)::int as lat, round((0.002 + random() * 0.048)::numeric, 6) as price,
                             ((100 + random() * 99900) * 1e9)::bigint as cap
                      from generate_series(1, ?) as n) as g""", count);
        jdbc.execute("analyze data_unit");
    }
}
