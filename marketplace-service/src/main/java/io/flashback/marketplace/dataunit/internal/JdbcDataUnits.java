package io.flashback.marketplace.dataunit.internal;

import io.flashback.marketplace.dataunit.Api;
import io.flashback.marketplace.dataunit.DataUnit;
import io.flashback.marketplace.dataunit.DataUnitState;
import io.flashback.marketplace.dataunit.DataUnits;
import io.flashback.marketplace.dataunit.OfferedQos;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Repository
class JdbcDataUnits implements DataUnits {

    private static final String SELECT = "select id, provider_id, node_id, state, listed, capacity_bytes, reserved_bytes, currency, "
            + "price_per_gb_month, egress_price_per_gb, region, country, api_s3, api_gcs, availability_pct, latency_ms, "
            + "upload_mbps, download_mbps, error_rate_ppm, min_term_days, max_term_days, payment_methods, encryption_at_rest, "
            + "versioning, rating, effective_latency_ms, created_at, updated_at, version from data_unit";

    private final JdbcTemplate jdbc;

    JdbcDataUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<DataUnit> find(UUID id) {
        return jdbc.query(SELECT + " where id = ?", JdbcDataUnits::dataUnit, id).stream().findFirst();
    }

    @Override
    public List<DataUnit> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(SELECT + " where id = any(?)", JdbcDataUnits::dataUnit, (Object) ids.toArray(UUID[]::new));
    }

    private static DataUnit dataUnit(ResultSet rs, int row) throws SQLException {
        Set<Api> apis = EnumSet.noneOf(Api.class);
        if (rs.getBoolean("api_s3")) {
            apis.add(Api.S3);
        }
        if (rs.getBoolean("api_gcs")) {
            apis.add(Api.GCS);
        }
        int latency = rs.getInt("latency_ms");
        int effective = rs.getInt("effective_latency_ms");
        return new DataUnit(rs.getObject("id", UUID.class), rs.getObject("provider_id", UUID.class), rs.getString("node_id"),
                DataUnitState.valueOf(rs.getString("state")), rs.getBoolean("listed"), rs.getLong("capacity_bytes"), rs.getLong("reserved_bytes"),
                rs.getString("currency"), rs.getBigDecimal("price_per_gb_month"), rs.getBigDecimal("egress_price_per_gb"),
                rs.getString("region"), rs.getString("country"), apis,
                new OfferedQos(rs.getBigDecimal("availability_pct"), latency, rs.getInt("upload_mbps"), rs.getInt("download_mbps"),
                        rs.getInt("error_rate_ppm")),
                rs.getInt("min_term_days"), rs.getInt("max_term_days"),
                List.copyOf(Arrays.asList((String[]) rs.getArray("payment_methods").getArray())),
                rs.getBoolean("encryption_at_rest"), rs.getBoolean("versioning"), rs.getBigDecimal("rating"),
                effective == latency ? null : effective,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }
}
