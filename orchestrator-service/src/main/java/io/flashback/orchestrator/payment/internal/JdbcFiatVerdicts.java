package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.FiatVerdict;
import io.flashback.orchestrator.payment.FiatVerdicts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** {@link FiatVerdicts} in {@code fiat_verdict} (V7); the proof is stored as its hex words, comma-separated. */
@Repository
class JdbcFiatVerdicts implements FiatVerdicts {

    private final JdbcTemplate jdbc;

    JdbcFiatVerdicts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(FiatVerdict verdict) {
        return jdbc.update("insert into fiat_verdict (event_id, agreement_id, epoch, validator, epoch_root, signed_availability_ppm, result_proof, "
                        + "claimed_credit_pct, outcome, breaches, state, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                verdict.eventId(), verdict.agreementId(), verdict.epoch(), verdict.validator(), verdict.epochRoot(), verdict.signedAvailabilityPpm(),
                String.join(",", verdict.resultProof()), verdict.claimedCreditPct(), verdict.outcome(), verdict.breaches(), verdict.state().name(),
                Timestamp.from(verdict.receivedAt())) == 1;
    }

    @Override
    public List<FiatVerdict> provisional(UUID agreementId, long epoch) {
        return jdbc.query("select * from fiat_verdict where agreement_id = ? and epoch = ? and state = 'PROVISIONAL' order by received_at, event_id",
                JdbcFiatVerdicts::verdict, agreementId, epoch);
    }

    @Override
    public List<Waiting> waiting(int limit) {
        return jdbc.query("select distinct agreement_id, epoch from fiat_verdict where state = 'PROVISIONAL' order by epoch, agreement_id limit ?",
                (rs, row) -> new Waiting(rs.getObject("agreement_id", UUID.class), rs.getLong("epoch")), limit);
    }

    @Override
    public void close(UUID eventId, FiatVerdict.State state, String note, Instant at) {
        jdbc.update("update fiat_verdict set state = ?, note = ?, closed_at = ? where event_id = ? and state = 'PROVISIONAL'", state.name(), note,
                Timestamp.from(at), eventId);
    }

    private static FiatVerdict verdict(ResultSet rs, int row) throws SQLException {
        String proof = rs.getString("result_proof");
        return new FiatVerdict(rs.getObject("event_id", UUID.class), rs.getObject("agreement_id", UUID.class), rs.getLong("epoch"),
                rs.getString("validator"), rs.getString("epoch_root"), rs.getInt("signed_availability_ppm"),
                proof.isEmpty() ? List.of() : Arrays.asList(proof.split(",")), rs.getBigDecimal("claimed_credit_pct"), rs.getString("outcome"),
                rs.getString("breaches"), FiatVerdict.State.valueOf(rs.getString("state")), rs.getTimestamp("received_at").toInstant());
    }
}
