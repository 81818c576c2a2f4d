package io.flashback.marketplace.search;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Search on PostgreSQL: only listed units, filters as bound parameters, and keyset pagination
 * on (sort value, id) so every page is an index range scan whatever page it is.
 */
@Repository
class JdbcDataUnitSearch implements DataUnitSearch {

    private static final String COLUMNS = "id, provider_id, node_id, state, region, country, api_s3, api_gcs, "
            + "capacity_bytes - reserved_bytes, currency, price_per_gb_month, egress_price_per_gb, reference_price, "
            + "availability_pct, latency_ms, effective_latency_ms, upload_mbps, download_mbps, rating, min_term_days, "
            + "max_term_days, payment_methods, encryption_at_rest, versioning, "
            + "case when certified_until > now() then certification_tier end, case when certified_until > now() then certified_until end";

    private final JdbcTemplate jdbc;

    JdbcDataUnitSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SearchPage search(SearchQuery query) {
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from data_unit where listed");
        List<Object> args = new ArrayList<>();
        query.region().ifPresent(region -> condition(sql, args, "region = ?", region));
        query.country().ifPresent(country -> condition(sql, args, "country = ?", country));
        query.api().ifPresent(api -> sql.append(switch (api) {
            case S3 -> " and api_s3";
            case GCS -> " and api_gcs";
        }));
        query.maxPricePerGbMonth().ifPresent(price -> condition(sql, args, "reference_price <= ?", price));
        query.minFreeBytes().ifPresent(bytes -> condition(sql, args, "capacity_bytes - reserved_bytes >= ?", bytes));
        query.minAvailabilityPct().ifPresent(pct -> condition(sql, args, "availability_pct >= ?", pct));
        query.maxLatencyMs().ifPresent(ms -> condition(sql, args, "effective_latency_ms <= ?", ms));
        query.minRating().ifPresent(rating -> condition(sql, args, "rating >= ?", rating));
        query.paymentMethod().ifPresent(method -> condition(sql, args, "payment_methods @> array[?]::text[]", method));
        query.encryptionAtRest().ifPresent(required -> condition(sql, args, "encryption_at_rest = ?", required));
        query.certifiedAtLeast().ifPresent(tier -> condition(sql, args, "certification_rank >= ? and certified_until > now()", tier.rank()));

        SortOrder sort = query.sort();
        String column = sort.column();
        String direction = sort.ascending() ? "asc" : "desc";
        query.cursor().ifPresent(cursor -> {
            sql.append(" and (").append(column).append(", id) ").append(sort.ascending() ? ">" : "<").append(" (?, ?)");
            args.add(cursor.value());
            args.add(cursor.id());
        });
        sql.append(" order by ").append(column).append(' ').append(direction).append(", id ").append(direction)
                .append(" limit ?");
        args.add(query.limit() + 1);

        List<Listing> rows = jdbc.query(sql.toString(), JdbcDataUnitSearch::listing, args.toArray());
        if (rows.size() <= query.limit()) {
            return new SearchPage(rows, null);
        }
        List<Listing> page = rows.subList(0, query.limit());
        Listing last = page.getLast();
        return new SearchPage(List.copyOf(page), new SearchCursor(sort, sortValue(sort, last), last.id()).encode());
    }

    private static void condition(StringBuilder sql, List<Object> args, String condition, Object value) {
        sql.append(" and ").append(condition);
        args.add(value);
    }

    private static BigDecimal sortValue(SortOrder sort, Listing listing) {
        return switch (sort) {
            case PRICE -> listing.referencePricePerGbMonth();
            case RATING -> listing.rating();
            case LATENCY -> BigDecimal.valueOf(listing.effectiveLatencyMs());
        };
    }

    private static Listing listing(ResultSet rs, int row) throws SQLException {
        List<String> apis = new ArrayList<>(2);
        if (rs.getBoolean(7)) {
            apis.add("S3");
        }
        if (rs.getBoolean(8)) {
            apis.add("GCS");
        }
        Array methods = rs.getArray(22);
        return new Listing(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), List.copyOf(apis), rs.getLong(9), rs.getString(10), rs.getBigDecimal(11),
                rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getInt(15), rs.getInt(16), rs.getInt(17),
                rs.getInt(18), rs.getBigDecimal(19), rs.getInt(20), rs.getInt(21),
                List.copyOf(Arrays.asList((String[]) methods.getArray())), rs.getBoolean(23), rs.getBoolean(24), rs.getString(25),
                rs.getTimestamp(26) == null ? null : rs.getTimestamp(26).toInstant());
    }
}
