package io.flashback.monitor.reputation.internal;

import io.flashback.monitor.reputation.PenaltyWarning;
import io.flashback.monitor.reputation.ProbeDay;
import io.flashback.monitor.reputation.Reputation;
import io.flashback.monitor.reputation.ReputationDays;
import io.flashback.monitor.reputation.ReputationEvidence;
import io.flashback.monitor.reputation.Subject;
import io.flashback.monitor.reputation.SubjectKind;
import io.flashback.monitor.reputation.VerdictRecord;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reputations ({@code reputation} + {@code reputation_change}, the reasons), penalty warnings and the
 * evidence they are computed from: verdicts joined to the agreement read model, probe counts from the
 * hour roll-ups.
 */
final class JdbcReputations implements ReputationEvidence {

    private static final int HISTORY_LOADED = 90;

    record WarningView(LocalDate day, double currentScore, double projectedScore, double threshold, String reasons, Instant raisedAt) {
    }

    record UnitScore(String dataUnitId, double score, LocalDate asOf) {
    }

    private final JdbcTemplate jdbc;

    JdbcReputations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Everyone who has or may get a reputation: providers of claimed nodes, Data Units under agreements, and anyone scored before. */
    List<Subject> subjects() {
        return jdbc.query("""
                        select 'PROVIDER', provider_wallet from monitored_node where provider_wallet is not null
                        union select 'DATA_UNIT', data_unit_id::text from monitored_agreement
                        union select subject_kind, subject_id from reputation
                        order by 1, 2""",
                (rs, row) -> new Subject(SubjectKind.valueOf(rs.getString(1)), rs.getString(2)));
    }

    boolean knows(Subject subject) {
        String sql = switch (subject.kind()) {
            case PROVIDER -> "select exists (select 1 from monitored_node where provider_wallet = ?) or exists "
                    + "(select 1 from reputation where subject_kind = 'PROVIDER' and subject_id = ?)";
            case DATA_UNIT -> "select exists (select 1 from monitored_agreement where data_unit_id = cast(? as uuid)) or exists "
                    + "(select 1 from reputation where subject_kind = 'DATA_UNIT' and subject_id = ?)";
        };
        return Boolean.TRUE.equals(jdbc.queryForObject(sql, Boolean.class, subject.id(), subject.id()));
    }

    /** Serializes work on one subject across instances until the transaction ends. */
    void lock(Subject subject) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))::text", String.class, "reputation:" + subject);
    }

    Optional<Reputation> load(Subject subject) {
        return jdbc.query("select score, as_of from reputation where subject_kind = ? and subject_id = ?",
                (rs, row) -> new Reputation(rs.getDouble(1), rs.getDate(2).toLocalDate(), history(subject)),
                subject.kind().name(), subject.id()).stream().findFirst();
    }

    private List<Reputation.Change> history(Subject subject) {
        List<Reputation.Change> newestFirst = jdbc.query("""
                        select day, delta, reason from reputation_change where subject_kind = ? and subject_id = ?
                        order by sequence desc limit ?""",
                (rs, row) -> new Reputation.Change(rs.getDate(1).toLocalDate(), rs.getDouble(2), rs.getString(3)),
                subject.kind().name(), subject.id(), HISTORY_LOADED);
        List<Reputation.Change> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return List.copyOf(oldestFirst);
    }

    void save(Subject subject, ReputationDays.Settled settled, Instant at) {
        jdbc.update("""
                        insert into reputation (subject_kind, subject_id, score, as_of, updated_at) values (?, ?, ?, ?, ?)
                        on conflict (subject_kind, subject_id) do update set score = excluded.score, as_of = excluded.as_of,
                          updated_at = excluded.updated_at""",
                subject.kind().name(), subject.id(), settled.after().score(), Date.valueOf(settled.after().asOf()), Timestamp.from(at));
        jdbc.batchUpdate("insert into reputation_change (subject_kind, subject_id, day, delta, reason, recorded_at) values (?, ?, ?, ?, ?, ?)",
                settled.applied().stream().map(change -> new Object[] {subject.kind().name(), subject.id(), Date.valueOf(change.day()),
                        change.delta(), change.reason(), Timestamp.from(at)}).toList());
    }

    /** True when this is the subject's first warning for {@code day}. */
    boolean firstWarning(Subject subject, LocalDate day, PenaltyWarning.Warning warning, Instant at) {
        return jdbc.update("""
                        insert into penalty_warning (subject_kind, subject_id, day, current_score, projected_score, threshold, reasons, raised_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                subject.kind().name(), subject.id(), Date.valueOf(day), warning.current(), warning.projected(), warning.threshold(),
                warning.reasons(), Timestamp.from(at)) == 1;
    }

    List<WarningView> warnings(Subject subject, int limit) {
        return jdbc.query("""
                        select day, current_score, projected_score, threshold, reasons, raised_at from penalty_warning
                        where subject_kind = ? and subject_id = ? order by day desc limit ?""",
                (rs, row) -> new WarningView(rs.getDate(1).toLocalDate(), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant()), subject.kind().name(), subject.id(), limit);
    }

    /** The provider's Data Units under agreements, with their scores (50 when not yet scored). */
    List<UnitScore> dataUnitsOf(String wallet) {
        return jdbc.query("""
                        select distinct a.data_unit_id::text, coalesce(r.score, 50), r.as_of
                        from monitored_agreement a join monitored_node n on a.node_id = n.node_id::text
                        left join reputation r on r.subject_kind = 'DATA_UNIT' and r.subject_id = a.data_unit_id::text
                        where n.provider_wallet = ? order by 1""",
                (rs, row) -> new UnitScore(rs.getString(1), rs.getDouble(2), rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate()), wallet);
    }

    Map<String, Double> providerScores() {
        Map<String, Double> scores = new LinkedHashMap<>();
        jdbc.query("select subject_id, score from reputation where subject_kind = 'PROVIDER' order by subject_id",
                rs -> {
                    scores.put(rs.getString(1), rs.getDouble(2));
                });
        return scores;
    }

    @Override
    public List<VerdictRecord> verdicts(Subject subject, LocalDate from, LocalDate to) {
        String scope = switch (subject.kind()) {
            case DATA_UNIT -> "a.data_unit_id = cast(? as uuid)";
            case PROVIDER -> "a.node_id in (select node_id::text from monitored_node where provider_wallet = ?)";
        };
        return jdbc.query("""
                        select v.day, v.escrow || ':' || v.agreement_id, v.epoch, v.outcome = 'MET', v.measured_availability_ppm / 10000.0,
                               a.availability_target_pct, v.flags
                        from sla_verdict v join monitored_agreement a on a.escrow = v.escrow and a.escrow_agreement_id = v.agreement_id
                        where\s""" + scope + " and v.day between ? and ?",
                (rs, row) -> new VerdictRecord(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3), rs.getBoolean(4), rs.getDouble(5),
                        rs.getDouble(6), VerdictRecord.reportingOf(rs.getString(7))), subject.id(), Date.valueOf(from), Date.valueOf(to));
    }

    @Override
    public List<ProbeDay> probeDays(Subject subject, LocalDate from, LocalDate to) {
        String scope = switch (subject.kind()) {
            case PROVIDER -> "subject_kind = 'PROVIDER' and subject_id = ?";
            case DATA_UNIT -> "subject_kind = 'NODE' and subject_id in (select node_id from monitored_agreement where data_unit_id = cast(? as uuid))";
        };
        return jdbc.query("select (bucket_start at time zone 'UTC')::date, sum(probes), sum(available) from qos_rollup where resolution = 'HOUR' and "
                        + scope + " and bucket_start >= ? and bucket_start < ? group by 1 order by 1",
                (rs, row) -> new ProbeDay(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3)), subject.id(),
                Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()), Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
}
