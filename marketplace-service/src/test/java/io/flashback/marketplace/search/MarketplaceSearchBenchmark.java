package io.flashback.marketplace.search;

import io.flashback.infra.postgres.EmbeddedPostgresServer;
import io.flashback.marketplace.dataunit.Api;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Search latency over a million Data Units with realistic filters (ARCHITECTURE.md §7: p99 ≤ 50 ms),
 * against a primary-key lookup on the same database as the baseline. Not part of {@code verify}:
 * run {@code benchmarks/marketplace-search.sh [units] [queries]}.
 */
public final class MarketplaceSearchBenchmark {

    public static void main(String[] args) throws Exception {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        Path directory = Files.createTempDirectory("flashback-search-bench-");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("pg"), 0)) {
            postgres.createDatabaseIfMissing("marketplace");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(postgres.jdbcUrl("marketplace"));
            dataSource.setUser(EmbeddedPostgresServer.USER);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/platform").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(dataSource.getConnection(), true));

            long generating = System.nanoTime();
            for (int done = 0; done < units; done += 100_000) {
                DataUnitFixtures.generate(jdbc, Math.min(100_000, units - done));
                System.out.printf("generated %,d / %,d data units%n", Math.min(done + 100_000, units), units);
            }
            System.out.printf("generation took %.1f s%n", (System.nanoTime() - generating) / 1e9);
            List<UUID> ids = jdbc.queryForList("select id from data_unit tablesample system (1) limit 2000", UUID.class);

            JdbcDataUnitSearch search = new JdbcDataUnitSearch(jdbc);
            Random random = new Random(42);
            long[] baseline = measure(queries, () -> jdbc.queryForObject("select rating from data_unit where id = ?", BigDecimal.class,
                    ids.get(random.nextInt(ids.size()))));
            measure(500, () -> search.search(randomQuery(random, search)));
            long[] searches = measure(queries, () -> search.search(randomQuery(random, search)));

            System.out.printf("%nmarketplace search over %,d data units, %,d queries (random filters, sorts and pages)%n", units, queries);
            report("primary-key lookup (baseline)", baseline);
            report("search", searches);
            System.out.printf("search p99 / target 50 ms = %.2f; search p50 / baseline p50 = %.1fx%n",
                    percentile(searches, 0.99) / 1e6 / 50, (double) percentile(searches, 0.50) / percentile(baseline, 0.50));
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static SearchQuery randomQuery(Random random, JdbcDataUnitSearch search) {
        SortOrder sort = SortOrder.values()[random.nextInt(3)];
        SearchQuery query = new SearchQuery(
                random.nextDouble() < 0.7 ? Optional.of(DataUnitFixtures.REGIONS[random.nextInt(DataUnitFixtures.REGIONS.length)]) : Optional.empty(),
                Optional.empty(),
                random.nextDouble() < 0.2 ? Optional.of(Api.GCS) : Optional.empty(),
                random.nextDouble() < 0.5 ? Optional.of(new BigDecimal("0.0" + (1 + random.nextInt(4)))) : Optional.empty(),
                random.nextDouble() < 0.5 ? Optional.of((long) (1 + random.nextInt(20_000)) * 1_000_000_000L) : Optional.empty(),
                random.nextDouble() < 0.3 ? Optional.of(new BigDecimal("99.9")) : Optional.empty(),
                random.nextDouble() < 0.2 ? Optional.of(50 + random.nextInt(200)) : Optional.empty(),
                random.nextDouble() < 0.3 ? Optional.of(BigDecimal.valueOf(40 + random.nextInt(40))) : Optional.empty(),
                random.nextDouble() < 0.3 ? Optional.of(random.nextBoolean() ? "fiat:USD" : "evm:31337:USDC") : Optional.empty(),
                random.nextDouble() < 0.1 ? Optional.of(true) : Optional.empty(),
                Optional.empty(), sort, 20, Optional.empty());
        int pages = random.nextDouble() < 0.8 ? 0 : 1 + random.nextInt(4);
        for (int i = 0; i < pages; i++) {
            String next = search.search(query).nextCursor();
            if (next == null) {
                break;
            }
            query = new SearchQuery(query.region(), query.country(), query.api(), query.maxPricePerGbMonth(), query.minFreeBytes(),
                    query.minAvailabilityPct(), query.maxLatencyMs(), query.minRating(), query.paymentMethod(),
                    query.encryptionAtRest(), query.certifiedAtLeast(), sort, 20, Optional.of(SearchCursor.decode(next)));
        }
        return query;
    }

    private static long[] measure(int times, Runnable action) {
        long[] nanos = new long[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            action.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("  %-32s p50 %7.2f ms   p90 %7.2f ms   p99 %7.2f ms   max %7.2f ms%n", what,
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.90) / 1e6, percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private MarketplaceSearchBenchmark() {
    }
}
