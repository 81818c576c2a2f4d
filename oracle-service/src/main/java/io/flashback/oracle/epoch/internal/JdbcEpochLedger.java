package io.flashback.oracle.epoch.internal;

import io.flashback.chain.Address;
import io.flashback.chain.AgreementId;
import io.flashback.chain.Bytes32;
import io.flashback.chain.EpochResult;
import io.flashback.chain.Signature;
import io.flashback.oracle.epoch.AgreementJudgment;
import io.flashback.oracle.epoch.EpochLedger;
import io.flashback.oracle.epoch.EpochRecord;
import io.flashback.oracle.epoch.EpochState;
import io.flashback.oracle.epoch.JudgedEpoch;
import io.flashback.oracle.epoch.Quorum;
import io.flashback.oracle.epoch.SignatureRecord;
import io.flashback.oracle.epoch.SignedAvailability;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** {@link EpochLedger} in the {@code epoch}, {@code epoch_result} and {@code epoch_signature} tables. */
public final class JdbcEpochLedger implements EpochLedger {

    private final JdbcTemplate jdbc;

    public JdbcEpochLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OptionalLong lastEpoch() {
        Long last = jdbc.queryForObject("select max(epoch) from epoch", Long.class);
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }

    @Override
    public void recordJudgment(JudgedEpoch judged, Address validator, Instant at) {
        EpochState state = judged.judgments().isEmpty() ? EpochState.EMPTY : EpochState.JUDGED;
        jdbc.update("""
                        insert into epoch (epoch, state, root, agreements, validator, judged_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)""",
                judged.epoch(), state.name(), judged.root().map(Bytes32::value).orElse(null), judged.judgments().size(), validator.value(),
                Timestamp.from(at), Timestamp.from(at));
        jdbc.batchUpdate("""
                        insert into epoch_result (epoch, agreement_id, availability_ppm, measured_availability_ppm, outcome, breaches, flags,
                            credit_pct, slash, inputs_digest) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                judged.judgments().stream().map(j -> row(judged.epoch(), j)).toList());
    }

    private static Object[] row(long epoch, AgreementJudgment j) {
        var v = j.verdict();
        return new Object[] {epoch, new BigDecimal(j.result().agreementId().value()), j.result().availabilityPpm(),
                SignedAvailability.measuredPpm(v), v.outcome().name(),
                v.breaches().stream().map(Enum::name).collect(Collectors.joining(",")), String.join(",", v.flags()), v.creditPct(),
                v.slash(), j.inputsDigest()};
    }

    @Override
    public List<EpochRecord> unfinished() {
        return jdbc.query("select * from epoch where state in ('JUDGED', 'SIGNED', 'REPORTED') order by epoch", (rs, n) -> record(rs));
    }

    @Override
    public EpochRecord epoch(long epoch) {
        return jdbc.queryForObject("select * from epoch where epoch = ?", (rs, n) -> record(rs), epoch);
    }

    private static EpochRecord record(ResultSet rs) throws SQLException {
        Timestamp quorumAt = rs.getTimestamp("quorum_at");
        return new EpochRecord(rs.getLong("epoch"), EpochState.valueOf(rs.getString("state")),
                Optional.ofNullable(rs.getString("root")).map(Bytes32::new), rs.getInt("agreements"),
                Optional.ofNullable(quorumAt).map(Timestamp::toInstant), Optional.ofNullable(rs.getString("submitter")).map(Address::new));
    }

    @Override
    public boolean advance(long epoch, EpochState from, EpochState to, Instant at) {
        return jdbc.update("update epoch set state = ?, updated_at = ? where epoch = ? and state = ?",
                to.name(), Timestamp.from(at), epoch, from.name()) == 1;
    }

    @Override
    public void recordQuorum(long epoch, Quorum quorum, Instant at) {
        jdbc.update("update epoch set quorum_at = coalesce(quorum_at, ?), submitter = coalesce(submitter, ?) where epoch = ?",
                Timestamp.from(at), quorum == null ? null : quorum.submitter().value(), epoch);
    }

    @Override
    public void recordReport(long epoch, String transactionHash, BigInteger gasUsed) {
        jdbc.update("update epoch set report_tx = ?, report_gas = ? where epoch = ?", transactionHash, gasUsed == null ? null : gasUsed.longValueExact(),
                epoch);
    }

    @Override
    public void recordSignature(SignatureRecord s, Instant at) {
        jdbc.update("insert into epoch_signature (epoch, root, validator, signature, received_at) values (?, ?, ?, ?, ?) on conflict do nothing",
                s.epoch(), s.root().value(), s.validator().value(), s.signature().value(), Timestamp.from(at));
    }

    @Override
    public List<SignatureRecord> signatures(long epoch) {
        return jdbc.query("select root, validator, signature from epoch_signature where epoch = ? order by validator, root",
                (rs, n) -> new SignatureRecord(epoch, new Bytes32(rs.getString(1)), new Address(rs.getString(2)), new Signature(rs.getString(3))),
                epoch);
    }

    @Override
    public List<EpochResult> results(long epoch) {
        return jdbc.query("select agreement_id, availability_ppm from epoch_result where epoch = ? order by agreement_id",
                (rs, n) -> result(epoch, rs), epoch);
    }

    @Override
    public List<EpochResult> pendingSettlement(long epoch) {
        return jdbc.query("select agreement_id, availability_ppm from epoch_result where epoch = ? and settlement = 'PENDING' order by agreement_id",
                (rs, n) -> result(epoch, rs), epoch);
    }

    private static EpochResult result(long epoch, ResultSet rs) throws SQLException {
        return new EpochResult(new AgreementId(rs.getBigDecimal(1).toBigIntegerExact()), epoch, rs.getInt(2));
    }

    @Override
    public void markSettled(long epoch, List<AgreementId> agreements, String how) {
        jdbc.batchUpdate("update epoch_result set settlement = 'SETTLED', settlement_note = ? where epoch = ? and agreement_id = ?",
                agreements.stream().map(id -> new Object[] {how, epoch, new BigDecimal(id.value())}).toList());
    }

    @Override
    public void markNotSettleable(long epoch, AgreementId agreement, String reason) {
        jdbc.update("update epoch_result set settlement = 'NOT_SETTLEABLE', settlement_note = ? where epoch = ? and agreement_id = ?",
                reason, epoch, new BigDecimal(agreement.value()));
    }

    @Override
    public void recordSettlementGas(long epoch, BigInteger gasUsed) {
        jdbc.update("update epoch set settlement_gas = settlement_gas + ? where epoch = ?", gasUsed.longValueExact(), epoch);
    }
}
