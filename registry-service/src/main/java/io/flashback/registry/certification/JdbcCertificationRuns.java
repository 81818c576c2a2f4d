package io.flashback.registry.certification;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Certification runs in PostgreSQL ({@code certification_run}); checks as JSON. */
@Component
class JdbcCertificationRuns {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<CheckResult>> CHECKS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, node_id, trigger, outcome, started_at, deadline, finished_at, tier, certified_until, access_key_id, bucket, quota_bytes,
            checks::text as checks""";

    private final JdbcClient jdbc;

    JdbcCertificationRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a started run with its sealed secret; false when the node has a run going already (here or on another instance). */
    boolean start(CertificationRun run, byte[] sealedSecret) {
        try {
            jdbc.sql("""
                            insert into certification_run (id, node_id, trigger, outcome, started_at, deadline, access_key_id, secret_sealed, bucket,
                                                           quota_bytes)
                            values (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?)""")
                    .params(run.id(), run.nodeId(), run.trigger().name(), Timestamp.from(run.startedAt()), Timestamp.from(run.deadline()),
                            run.accessKeyId(), sealedSecret, run.bucket(), run.quotaBytes())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Ends a running run and erases its secret; false when it had ended already (cut short by {@link #abandoned}). */
    boolean finish(UUID id, RunOutcome outcome, CertificationTier tier, Instant certifiedUntil, List<CheckResult> checks, Instant at) {
        return jdbc.sql("""
                        update certification_run set outcome = ?, tier = ?, certified_until = ?, checks = ?::jsonb, finished_at = ?, secret_sealed = null
                        where id = ? and outcome = 'RUNNING'""")
                .params(outcome.name(), tier == null ? null : tier.name(), certifiedUntil == null ? null : Timestamp.from(certifiedUntil),
                        JSON.writeValueAsString(checks), Timestamp.from(at), id)
                .update() == 1;
    }

    Optional<CertificationRun> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from certification_run where id = ?").param(id).query(JdbcCertificationRuns::run).optional();
    }

    /** The node's runs, latest first. */
    List<CertificationRun> ofNode(UUID nodeId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from certification_run where node_id = ? order by started_at desc limit ?")
                .params(nodeId, limit).query(JdbcCertificationRuns::run).list();
    }

    /** The node's latest passed run that still certifies it at {@code now}. */
    Optional<CertificationRun> inForce(UUID nodeId, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from certification_run where node_id = ? and outcome = 'PASSED' and certified_until > ?"
                        + " order by certified_until desc limit 1")
                .params(nodeId, Timestamp.from(now)).query(JdbcCertificationRuns::run).optional();
    }

    /** The node's running run with its sealed secret, if any. */
    Optional<Running> running(UUID nodeId) {
        return jdbc.sql("select " + COLUMNS + ", secret_sealed from certification_run where node_id = ? and outcome = 'RUNNING'").param(nodeId)
                .query((rs, row) -> new Running(run(rs, row), rs.getBytes("secret_sealed"))).optional();
    }

    record Running(CertificationRun run, byte[] sealedSecret) {
    }

    /** Runs still marked running after their deadline: the instance running them stopped. */
    List<CertificationRun> abandoned(Instant now) {
        return jdbc.sql("select " + COLUMNS + " from certification_run where outcome = 'RUNNING' and deadline < ?").param(Timestamp.from(now))
                .query(JdbcCertificationRuns::run).list();
    }

    private static CertificationRun run(ResultSet rs, int row) throws SQLException {
        String tier = rs.getString("tier");
        return new CertificationRun(rs.getObject("id", UUID.class), rs.getObject("node_id", UUID.class), RunTrigger.valueOf(rs.getString("trigger")),
                RunOutcome.valueOf(rs.getString("outcome")), instant(rs, "started_at"), instant(rs, "deadline"), instant(rs, "finished_at"),
                tier == null ? null : CertificationTier.valueOf(tier), instant(rs, "certified_until"), rs.getString("access_key_id"),
                rs.getString("bucket"), rs.getLong("quota_bytes"), JSON.readValue(rs.getString("checks"), CHECKS));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
