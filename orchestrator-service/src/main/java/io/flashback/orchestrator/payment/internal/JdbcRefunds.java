package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.Money;
import io.flashback.orchestrator.payment.Refund;
import io.flashback.orchestrator.payment.Refunds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcRefunds implements Refunds {

    private static final String SELECT = "select id, agreement_id, epoch, consumer_id, invoice_id, provider, invoice_reference, currency, amount, "
            + "reason, state, provider_reference, created_at, closed_at, failure from refund";

    private final JdbcTemplate jdbc;

    JdbcRefunds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(Refund refund) {
        jdbc.update("insert into refund (id, agreement_id, epoch, consumer_id, invoice_id, provider, invoice_reference, currency, amount, reason, "
                        + "state, provider_reference, created_at, closed_at, failure) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", refund.id(),
                refund.agreementId(), refund.epoch(), refund.consumerId(), refund.invoiceId(), refund.provider(), refund.invoiceReference(),
                refund.amount().currency(), refund.amount().amount(), refund.reason(), refund.state().name(), refund.providerReference().orElse(null),
                Timestamp.from(refund.createdAt()), refund.closedAt().map(Timestamp::from).orElse(null), refund.failure().orElse(null));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(Refund refund) {
        jdbc.update("update refund set state = ?, provider_reference = ?, closed_at = ?, failure = ? where id = ?", refund.state().name(),
                refund.providerReference().orElse(null), refund.closedAt().map(Timestamp::from).orElse(null), refund.failure().orElse(null),
                refund.id());
    }

    @Override
    public Optional<Refund> byProviderReference(String provider, String reference) {
        return jdbc.query(SELECT + " where provider = ? and provider_reference = ? for update", JdbcRefunds::refund, provider, reference).stream()
                .findFirst();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Refund> claimPending(String provider, int limit) {
        return jdbc.query(SELECT + " where state = 'PENDING' and provider = ? order by created_at limit ? for update skip locked", JdbcRefunds::refund,
                provider, limit);
    }

    @Override
    public List<Refund> ofConsumer(UUID consumerId, int limit) {
        return jdbc.query(SELECT + " where consumer_id = ? order by created_at desc, id limit ?", JdbcRefunds::refund, consumerId, limit);
    }

    @Override
    public List<Refund> openOf(UUID consumerId) {
        return jdbc.query(SELECT + " where consumer_id = ? and state in ('PENDING', 'SENT') order by created_at", JdbcRefunds::refund, consumerId);
    }

    private static Refund refund(ResultSet rs, int row) throws SQLException {
        Timestamp closedAt = rs.getTimestamp("closed_at");
        return new Refund(rs.getObject("id", UUID.class), rs.getObject("agreement_id", UUID.class), rs.getLong("epoch"),
                rs.getObject("consumer_id", UUID.class), rs.getObject("invoice_id", UUID.class), rs.getString("provider"),
                rs.getString("invoice_reference"), new Money(rs.getBigDecimal("amount"), rs.getString("currency")), rs.getString("reason"),
                Refund.State.valueOf(rs.getString("state")), Optional.ofNullable(rs.getString("provider_reference")),
                rs.getTimestamp("created_at").toInstant(), Optional.ofNullable(closedAt).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("failure")));
    }
}
