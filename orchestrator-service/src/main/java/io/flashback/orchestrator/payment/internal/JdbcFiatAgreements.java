package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.EpochSchedule;
import io.flashback.orchestrator.payment.EpochSettlement;
import io.flashback.orchestrator.payment.FiatAgreement;
import io.flashback.orchestrator.payment.FiatAgreements;
import io.flashback.orchestrator.payment.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcFiatAgreements implements FiatAgreements {

    private static final String SELECT = "select agreement_id, order_id, invoice_id, consumer_id, provider_id, currency, reserve, fee, genesis_time, "
            + "epoch_seconds, start_epoch, epochs, funded_at, funds_low_since from fiat_agreement";
    private static final String SETTLEMENT = "select s.agreement_id, s.epoch, s.currency, s.price, s.credit_pct, s.credit, s.provider_share, "
            + "s.platform_fee, s.verdict_event_id, s.settled_at from fiat_epoch_settlement s";

    private final JdbcTemplate jdbc;

    JdbcFiatAgreements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(FiatAgreement agreement) {
        EpochSchedule schedule = agreement.schedule();
        jdbc.update("insert into fiat_agreement (agreement_id, order_id, invoice_id, consumer_id, provider_id, currency, reserve, fee, genesis_time, "
                        + "epoch_seconds, start_epoch, epochs, funded_at, funds_low_since) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                agreement.agreementId(), agreement.orderId(), agreement.invoiceId(), agreement.consumerId(), agreement.providerId(),
                agreement.currency(), agreement.reserve().amount(), agreement.fee().amount(), schedule.genesisTime(), schedule.epochSeconds(),
                schedule.startEpoch(), schedule.epochs(), Timestamp.from(agreement.fundedAt()),
                agreement.fundsLowSince().map(Timestamp::from).orElse(null));
    }

    @Override
    public Optional<FiatAgreement> find(UUID agreementId) {
        return jdbc.query(SELECT + " where agreement_id = ?", JdbcFiatAgreements::agreement, agreementId).stream().findFirst();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<FiatAgreement> lock(UUID agreementId) {
        return jdbc.query(SELECT + " where agreement_id = ? for update", JdbcFiatAgreements::agreement, agreementId).stream().findFirst();
    }

    @Override
    public List<FiatAgreement> ofConsumer(UUID consumerId) {
        return jdbc.query(SELECT + " where consumer_id = ? order by funded_at desc, agreement_id", JdbcFiatAgreements::agreement, consumerId);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void fundsLow(UUID agreementId, Optional<Instant> since) {
        jdbc.update("update fiat_agreement set funds_low_since = ? where agreement_id = ?", since.map(Timestamp::from).orElse(null), agreementId);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordSettlement(EpochSettlement settlement) {
        FiatAgreement.EpochSplit split = settlement.split();
        return jdbc.update("insert into fiat_epoch_settlement (agreement_id, epoch, currency, price, credit_pct, credit, provider_share, platform_fee, "
                        + "verdict_event_id, settled_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing", settlement.agreementId(),
                split.epoch(), split.price().currency(), split.price().amount(), split.creditPct(), split.credit().amount(),
                split.providerShare().amount(), split.platformFee().amount(), settlement.verdictEventId(),
                Timestamp.from(settlement.settledAt())) == 1;
    }

    @Override
    public int settledEpochs(UUID agreementId) {
        Integer count = jdbc.queryForObject("select count(*) from fiat_epoch_settlement where agreement_id = ?", Integer.class, agreementId);
        return count == null ? 0 : count;
    }

    @Override
    public List<EpochSettlement> settlementsOfProvider(UUID providerId, int limit) {
        return jdbc.query(SETTLEMENT + " join fiat_agreement a on a.agreement_id = s.agreement_id where a.provider_id = ? "
                + "order by s.settled_at desc, s.agreement_id, s.epoch desc limit ?", JdbcFiatAgreements::settlement, providerId, limit);
    }

    private static FiatAgreement agreement(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        Timestamp low = rs.getTimestamp("funds_low_since");
        return new FiatAgreement(rs.getObject("agreement_id", UUID.class), rs.getObject("order_id", UUID.class), rs.getObject("invoice_id", UUID.class),
                rs.getObject("consumer_id", UUID.class), rs.getObject("provider_id", UUID.class), new Money(rs.getBigDecimal("reserve"), currency),
                new Money(rs.getBigDecimal("fee"), currency), new EpochSchedule(rs.getLong("genesis_time"), rs.getLong("epoch_seconds"),
                rs.getLong("start_epoch"), rs.getInt("epochs")), rs.getTimestamp("funded_at").toInstant(),
                Optional.ofNullable(low).map(Timestamp::toInstant));
    }

    private static EpochSettlement settlement(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new EpochSettlement(rs.getObject("agreement_id", UUID.class), new FiatAgreement.EpochSplit(rs.getLong("epoch"),
                new Money(rs.getBigDecimal("price"), currency), rs.getBigDecimal("credit_pct"), new Money(rs.getBigDecimal("credit"), currency),
                new Money(rs.getBigDecimal("provider_share"), currency), new Money(rs.getBigDecimal("platform_fee"), currency)),
                rs.getObject("verdict_event_id", UUID.class), rs.getTimestamp("settled_at").toInstant());
    }
}
