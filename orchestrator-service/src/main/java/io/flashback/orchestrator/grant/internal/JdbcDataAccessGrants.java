package io.flashback.orchestrator.grant.internal;

import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.grant.DataAccessGrant;
import io.flashback.orchestrator.grant.DataAccessGrants;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Grants in {@code data_access_grant}; issuing one issues its first S3 key, revoking it revokes its keys. */
@Repository
class JdbcDataAccessGrants implements DataAccessGrants {

    static final String SELECT = "select id, agreement_id, consumer_id, node_id, capacity_bytes, issued_at, revoked_at, revoke_reason, bucket, "
            + "valid_until from data_access_grant";

    private final JdbcTemplate jdbc;
    private final JdbcGrantCredentials credentials;

    JdbcDataAccessGrants(JdbcTemplate jdbc, JdbcGrantCredentials credentials) {
        this.jdbc = jdbc;
        this.credentials = credentials;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public DataAccessGrant issue(Agreement agreement, Instant at) {
        UUID agreementId = agreement.id().value();
        int inserted = jdbc.update("insert into data_access_grant (id, agreement_id, consumer_id, node_id, capacity_bytes, issued_at, bucket, "
                        + "valid_until) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (agreement_id) do nothing", UUID.randomUUID(), agreementId,
                agreement.consumerId(), agreement.nodeId(), agreement.capacityBytes(), Timestamp.from(at), DataAccessGrant.bucketOf(agreementId),
                Timestamp.from(at.plus(Duration.ofDays(agreement.termDays()))));
        DataAccessGrant grant = ofAgreement(agreementId).orElseThrow();
        if (inserted == 1) {
            credentials.issueFor(grant, at);
        }
        return grant;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void revoke(UUID agreementId, String reason, Instant at) {
        List<DataAccessGrant> revoked = jdbc.query("update data_access_grant set revoked_at = ?, revoke_reason = ? where agreement_id = ? "
                + "and revoked_at is null returning id, agreement_id, consumer_id, node_id, capacity_bytes, issued_at, revoked_at, revoke_reason, "
                + "bucket, valid_until", JdbcDataAccessGrants::grant, Timestamp.from(at), reason, agreementId);
        revoked.forEach(grant -> credentials.revokeAllOf(grant, reason, at));
    }

    @Override
    public Optional<DataAccessGrant> ofAgreement(UUID agreementId) {
        return jdbc.query(SELECT + " where agreement_id = ?", JdbcDataAccessGrants::grant, agreementId).stream().findFirst();
    }

    @Override
    public List<DataAccessGrant> activeOnNode(String nodeId) {
        return jdbc.query(SELECT + " where node_id = ? and revoked_at is null order by issued_at", JdbcDataAccessGrants::grant, nodeId);
    }

    static DataAccessGrant grant(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new DataAccessGrant(rs.getObject("id", UUID.class), rs.getObject("agreement_id", UUID.class),
                rs.getObject("consumer_id", UUID.class), rs.getString("node_id"), rs.getLong("capacity_bytes"),
                rs.getTimestamp("issued_at").toInstant(), Optional.ofNullable(revoked).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("revoke_reason")), rs.getString("bucket"), rs.getTimestamp("valid_until").toInstant());
    }
}
