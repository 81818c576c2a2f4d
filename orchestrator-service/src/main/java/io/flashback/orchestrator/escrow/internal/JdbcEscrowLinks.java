package io.flashback.orchestrator.escrow.internal;

import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.escrow.EscrowLink;
import io.flashback.orchestrator.escrow.EscrowLinks;
import io.flashback.orchestrator.lifecycle.EscrowFacts;
import io.flashback.orchestrator.lifecycle.EscrowRecords;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Escrow links in orchestrator's database; also what the lifecycle asks about an agreement's funding. */
@Repository
class JdbcEscrowLinks implements EscrowLinks, EscrowRecords {

    private static final String SELECT = "select escrow, escrow_agreement_id, agreement_id, consumer_wallet, token, price_per_epoch, epochs, "
            + "start_epoch, epoch_seconds, created_in, mismatch from escrow_agreement";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcEscrowLinks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(EscrowLink link) {
        jdbc.update("insert into escrow_agreement (escrow, escrow_agreement_id, agreement_id, consumer_wallet, token, price_per_epoch, epochs, "
                        + "start_epoch, epoch_seconds, created_in, mismatch, seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                link.escrow(), new BigDecimal(link.escrowAgreementId()), link.agreementId().value(), link.consumerWallet(), link.token(),
                new BigDecimal(link.pricePerEpoch()), link.epochs(), link.startEpoch(), link.epochSeconds(), link.createdIn(),
                link.mismatch().orElse(null), Timestamp.from(clock.instant()));
    }

    @Override
    public Optional<EscrowLink> byEscrowAgreement(String escrow, BigInteger escrowAgreementId) {
        return jdbc.query(SELECT + " where escrow = ? and escrow_agreement_id = ?", JdbcEscrowLinks::link, escrow,
                new BigDecimal(escrowAgreementId)).stream().findFirst();
    }

    @Override
    public Optional<EscrowLink> ofAgreement(AgreementId id) {
        return jdbc.query(SELECT + " where agreement_id = ?", JdbcEscrowLinks::link, id.value()).stream().findFirst();
    }

    @Override
    public Optional<EscrowFacts> matchedFunding(AgreementId id) {
        return ofAgreement(id).filter(EscrowLink::matched).map(EscrowLink::facts);
    }

    @Override
    public Optional<String> refusedFunding(AgreementId id) {
        return ofAgreement(id).flatMap(EscrowLink::mismatch);
    }

    private static EscrowLink link(ResultSet rs, int row) throws SQLException {
        return new EscrowLink(rs.getString("escrow"), rs.getBigDecimal("escrow_agreement_id").toBigIntegerExact(),
                new AgreementId(rs.getObject("agreement_id", UUID.class)), rs.getString("consumer_wallet"), rs.getString("token"),
                rs.getBigDecimal("price_per_epoch").toBigIntegerExact(), rs.getInt("epochs"), rs.getLong("start_epoch"),
                rs.getLong("epoch_seconds"), rs.getString("created_in"), Optional.ofNullable(rs.getString("mismatch")));
    }
}
