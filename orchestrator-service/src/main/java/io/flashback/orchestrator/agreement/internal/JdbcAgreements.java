package io.flashback.orchestrator.agreement.internal;

import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.agreement.CreditTier;
import io.flashback.orchestrator.agreement.SlaTerms;
import io.flashback.orchestrator.agreement.Transition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcAgreements implements Agreements {

    /** SLA terms as stored: plain values, so the JSON does not depend on the domain types' shape. */
    record StoredTerms(BigDecimal availabilityTargetPct, int averageLatencyMs, int uploadMbps, int downloadMbps, int errorRatePpm,
                       BigDecimal auditPassRatePct, long epochSeconds, List<StoredTier> creditTiers, BigDecimal slashBelowPct) {
    }

    record StoredTier(BigDecimal belowAvailabilityPct, BigDecimal creditPct) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELECT = "select id, order_id, consumer_id, provider_id, data_unit_id, node_id, capacity_bytes, term_days, "
            + "currency, price, sla_terms, state, state_since, version from agreement";

    private final JdbcTemplate jdbc;

    JdbcAgreements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(Agreement agreement, String reason) {
        jdbc.update("insert into agreement (id, order_id, consumer_id, provider_id, data_unit_id, node_id, capacity_bytes, term_days, "
                        + "currency, price, sla_terms, state, state_since, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                agreement.id().value(), agreement.orderId(), agreement.consumerId(), agreement.providerId(), agreement.dataUnitId(),
                agreement.nodeId(), agreement.capacityBytes(), agreement.termDays(), agreement.currency(), agreement.price(),
                JSON.writeValueAsString(stored(agreement.terms())), agreement.state().name(), Timestamp.from(agreement.stateSince()),
                agreement.version());
        jdbc.update("insert into agreement_transition (agreement_id, version, from_state, to_state, reason, at) values (?, ?, null, ?, ?, ?)",
                agreement.id().value(), agreement.version(), agreement.state().name(), reason, Timestamp.from(agreement.stateSince()));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Agreement.Moved moved) {
        Agreement next = moved.agreement();
        int updated = jdbc.update("update agreement set state = ?, state_since = ?, version = ? where id = ? and version = ?",
                next.state().name(), Timestamp.from(next.stateSince()), next.version(), next.id().value(), next.version() - 1);
        if (updated != 1) {
            throw new ConcurrentChange(next.id());
        }
        Transition transition = moved.transition();
        jdbc.update("insert into agreement_transition (agreement_id, version, from_state, to_state, reason, at) values (?, ?, ?, ?, ?, ?)",
                next.id().value(), next.version(), transition.from().name(), transition.to().name(), transition.reason(),
                Timestamp.from(transition.at()));
    }

    @Override
    public Optional<Agreement> find(AgreementId id) {
        return jdbc.query(SELECT + " where id = ?", JdbcAgreements::agreement, id.value()).stream().findFirst();
    }

    @Override
    public List<Agreement> ofOrder(UUID orderId) {
        return jdbc.query(SELECT + " where order_id = ? order by id", JdbcAgreements::agreement, orderId);
    }

    @Override
    public List<Agreement> ofConsumer(UUID consumerId) {
        return jdbc.query(SELECT + " where consumer_id = ? order by state_since desc, id", JdbcAgreements::agreement, consumerId);
    }

    @Override
    public List<Agreement> ofProvider(UUID providerId) {
        return jdbc.query(SELECT + " where provider_id = ? order by state_since desc, id", JdbcAgreements::agreement, providerId);
    }

    @Override
    public List<Agreement> inStateSince(AgreementState state, java.time.Instant before, int limit) {
        return jdbc.query(SELECT + " where state = ? and state_since < ? order by state_since limit ?", JdbcAgreements::agreement,
                state.name(), Timestamp.from(before), limit);
    }

    @Override
    public List<Transition> history(AgreementId id) {
        return jdbc.query("select from_state, to_state, reason, at from agreement_transition where agreement_id = ? order by version",
                (rs, row) -> new Transition(id, rs.getString(1) == null ? null : AgreementState.valueOf(rs.getString(1)),
                        AgreementState.valueOf(rs.getString(2)), rs.getString(3), rs.getTimestamp(4).toInstant()), id.value());
    }

    private static StoredTerms stored(SlaTerms terms) {
        return new StoredTerms(terms.availabilityTargetPct(), terms.averageLatencyMs(), terms.uploadMbps(), terms.downloadMbps(),
                terms.errorRatePpm(), terms.auditPassRatePct(), terms.epochLength().toSeconds(),
                terms.creditTiers().stream().map(tier -> new StoredTier(tier.belowAvailabilityPct(), tier.creditPct())).toList(),
                terms.slashBelowPct());
    }

    private static SlaTerms terms(String json) {
        StoredTerms stored = JSON.readValue(json, StoredTerms.class);
        return new SlaTerms(stored.availabilityTargetPct(), stored.averageLatencyMs(), stored.uploadMbps(), stored.downloadMbps(),
                stored.errorRatePpm(), stored.auditPassRatePct(), Duration.ofSeconds(stored.epochSeconds()),
                stored.creditTiers().stream().map(tier -> new CreditTier(tier.belowAvailabilityPct(), tier.creditPct())).toList(),
                stored.slashBelowPct());
    }

    private static Agreement agreement(ResultSet rs, int row) throws SQLException {
        return new Agreement(new AgreementId(rs.getObject("id", UUID.class)), rs.getObject("order_id", UUID.class),
                rs.getObject("consumer_id", UUID.class), rs.getObject("provider_id", UUID.class), rs.getObject("data_unit_id", UUID.class),
                rs.getString("node_id"), rs.getLong("capacity_bytes"), rs.getInt("term_days"), rs.getString("currency"),
                rs.getBigDecimal("price"), terms(rs.getString("sla_terms")), AgreementState.valueOf(rs.getString("state")),
                rs.getTimestamp("state_since").toInstant(), rs.getLong("version"));
    }
}
