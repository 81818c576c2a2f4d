package io.flashback.orchestrator.grant.internal;

import io.flashback.orchestrator.grant.DataAccessGrant;
import io.flashback.orchestrator.grant.GrantCredential;
import io.flashback.orchestrator.grant.GrantCredentials;
import io.flashback.orchestrator.grant.NoActiveGrant;
import io.flashback.orchestrator.grant.S3Credentials;
import io.flashback.orchestrator.grant.S3Secret;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Grant keys in {@code grant_credential}, secrets sealed by {@link SecretsAtRest}.
 * <p>
 * Versions come from one sequence, but a sequence hands out numbers in the order transactions ask, not the order
 * they commit: a node that read version 11 while the transaction holding 10 was still open would never see 10 — a
 * revocation lost. So every change of a node's keys first takes a transaction-scoped advisory lock on that node:
 * changes of one node commit in version order, and whatever a sync sees below its highest version is complete.
 */
@Repository
class JdbcGrantCredentials implements GrantCredentials {

    /** First key of the two-key advisory lock space; the second is the node id's hash. */
    private static final int NODE_CHANGES_LOCK = 0x46424743; // "FBGC"
    private static final String SELECT = "select c.access_key_id, c.version, c.issued_at, c.revoked_at, c.secret_shown_at, c.secret_sealed, "
            + "g.id as grant_id, g.agreement_id, g.consumer_id, g.node_id, g.bucket, g.capacity_bytes, g.valid_until "
            + "from grant_credential c join data_access_grant g on g.id = c.grant_id";

    private final JdbcTemplate jdbc;
    private final SecretsAtRest atRest;
    private final SecureRandom random;

    JdbcGrantCredentials(JdbcTemplate jdbc, SecretsAtRest atRest, SecureRandom random) {
        this.jdbc = jdbc;
        this.atRest = atRest;
        this.random = random;
    }

    @Override
    public List<GrantCredential> changedOnNode(String nodeId, long since, int limit) {
        return jdbc.query(SELECT + " where c.node_id = ? and c.version > ? order by c.version limit ?", credential(), nodeId, since, limit);
    }

    @Override
    public long latestVersionOnNode(String nodeId) {
        Long latest = jdbc.queryForObject("select max(version) from grant_credential where node_id = ?", Long.class, nodeId);
        return latest == null ? 0 : latest;
    }

    @Override
    public Optional<GrantCredential> activeOf(UUID agreementId) {
        return jdbc.query(SELECT + " where g.agreement_id = ? and c.revoked_at is null order by c.version desc limit 1", credential(), agreementId)
                .stream().findFirst();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean showSecretOnce(String accessKeyId, Instant at) {
        return jdbc.update("update grant_credential set secret_shown_at = ? where access_key_id = ? and secret_shown_at is null "
                + "and revoked_at is null", Timestamp.from(at), accessKeyId) == 1;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public GrantCredential rotate(UUID agreementId, String reason, Instant at) {
        // the grant's row lock orders a rotation against the agreement's end revoking the same grant
        DataAccessGrant grant = jdbc.query(JdbcDataAccessGrants.SELECT + " where agreement_id = ? for update", JdbcDataAccessGrants::grant,
                agreementId).stream().findFirst().filter(DataAccessGrant::active)
                .orElseThrow(() -> new NoActiveGrant("agreement " + agreementId + " has no active data-access grant"));
        revokeAllOf(grant, reason, at);
        return issueFor(grant, at);
    }

    /** A new key for {@code grant}, returned with its secret (in the caller's transaction). */
    GrantCredential issueFor(DataAccessGrant grant, Instant at) {
        S3Credentials credentials = S3Credentials.generate(random);
        long version = nextVersion(grant.nodeId());
        jdbc.update("insert into grant_credential (access_key_id, grant_id, node_id, secret_sealed, issued_at, version) values (?, ?, ?, ?, ?, ?)",
                credentials.accessKeyId(), grant.id(), grant.nodeId(), atRest.seal(credentials.secret(), credentials.accessKeyId()),
                Timestamp.from(at), version);
        return new GrantCredential(credentials.accessKeyId(), grant.id(), grant.agreementId(), grant.consumerId(), grant.nodeId(), grant.bucket(),
                grant.capacityBytes(), at, grant.validUntil(), version, Optional.empty(), Optional.empty(), Optional.of(credentials.secret()));
    }

    /** Revokes the grant's active keys, each with a version of its own, and erases their secrets (in the caller's transaction). */
    void revokeAllOf(DataAccessGrant grant, String reason, Instant at) {
        lockNode(grant.nodeId());
        jdbc.update("update grant_credential set revoked_at = ?, revoke_reason = ?, secret_sealed = null, version = nextval('grant_version') "
                + "where grant_id = ? and revoked_at is null", Timestamp.from(at), reason, grant.id());
    }

    private long nextVersion(String nodeId) {
        lockNode(nodeId);
        return jdbc.queryForObject("select nextval('grant_version')", Long.class);
    }

    private void lockNode(String nodeId) {
        jdbc.query("select pg_advisory_xact_lock(?, hashtext(?))", (ResultSetExtractor<Void>) rs -> null, NODE_CHANGES_LOCK, nodeId);
    }

    private RowMapper<GrantCredential> credential() {
        return (ResultSet rs, int row) -> {
            String accessKeyId = rs.getString("access_key_id");
            byte[] sealed = rs.getBytes("secret_sealed");
            Optional<S3Secret> secret = sealed == null ? Optional.empty() : Optional.of(atRest.open(sealed, accessKeyId));
            return new GrantCredential(accessKeyId, rs.getObject("grant_id", UUID.class), rs.getObject("agreement_id", UUID.class),
                    rs.getObject("consumer_id", UUID.class), rs.getString("node_id"), rs.getString("bucket"), rs.getLong("capacity_bytes"),
                    instant(rs, "issued_at"), instant(rs, "valid_until"), rs.getLong("version"), Optional.ofNullable(instant(rs, "revoked_at")),
                    Optional.ofNullable(instant(rs, "secret_shown_at")), secret);
        };
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
