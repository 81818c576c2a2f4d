package io.flashback.orchestrator.lifecycle.internal;

import io.flashback.orchestrator.lifecycle.AcceptanceRules;
import io.flashback.orchestrator.lifecycle.ProviderRules;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcProviderRules implements ProviderRules {

    private final JdbcTemplate jdbc;

    JdbcProviderRules(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(AcceptanceRules rules) {
        jdbc.update("insert into acceptance_rules (provider_id, mode, currency, min_price_per_gib_month, max_capacity_bytes, min_term_days, "
                        + "max_term_days, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (provider_id) do update set mode = excluded.mode, "
                        + "currency = excluded.currency, min_price_per_gib_month = excluded.min_price_per_gib_month, "
                        + "max_capacity_bytes = excluded.max_capacity_bytes, min_term_days = excluded.min_term_days, "
                        + "max_term_days = excluded.max_term_days, updated_at = excluded.updated_at",
                rules.providerId(), rules.mode().name(), rules.currency(), rules.minPricePerGibMonth(), rules.maxCapacityBytes(),
                rules.minTermDays(), rules.maxTermDays(), Timestamp.from(rules.updatedAt()));
    }

    @Override
    public Optional<AcceptanceRules> of(UUID providerId) {
        return jdbc.query("select provider_id, mode, currency, min_price_per_gib_month, max_capacity_bytes, min_term_days, max_term_days, "
                        + "updated_at from acceptance_rules where provider_id = ?",
                (rs, row) -> new AcceptanceRules(rs.getObject(1, UUID.class), AcceptanceRules.Mode.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getBigDecimal(4), rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getTimestamp(8).toInstant()), providerId)
                .stream().findFirst();
    }
}
