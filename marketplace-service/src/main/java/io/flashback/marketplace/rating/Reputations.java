package io.flashback.marketplace.rating;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The monitor's reputations and the rule that turns them into Data Unit ratings: a unit's own
 * reputation is its rating; a unit without one is rated by its provider's reputation; a unit with
 * neither keeps the starting 50. A score older than the one held for its subject is ignored.
 */
@Repository
public class Reputations {

    private static final BigDecimal MIN = BigDecimal.ZERO;
    private static final BigDecimal MAX = BigDecimal.valueOf(100);

    private final JdbcTemplate jdbc;

    Reputations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The provider's reputation, which a unit it lists starts with. */
    public Optional<BigDecimal> ofProvider(String wallet) {
        return jdbc.query("select score from reputation where subject_kind = 'PROVIDER' and subject_id = ?",
                (rs, row) -> rs.getBigDecimal(1), wallet.toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    /** A Data Unit's own reputation moved: it becomes the unit's rating, unless a newer one is held already. */
    void dataUnitScored(UUID dataUnitId, BigDecimal score, Instant at) {
        BigDecimal rating = bounded(score);
        if (record("DATA_UNIT", dataUnitId.toString(), rating, at)) {
            jdbc.update("update data_unit set rating = ?, updated_at = greatest(updated_at, ?) where id = ?", rating, Timestamp.from(at),
                    dataUnitId);
        }
    }

    /**
     * A provider's reputation moved: it rates the provider's units that have no reputation of their
     * own. Units are the provider's through their node (claimed by the wallet) or their account.
     */
    void providerScored(String wallet, BigDecimal score, Instant at) {
        String subject = wallet.toLowerCase(Locale.ROOT);
        BigDecimal rating = bounded(score);
        if (record("PROVIDER", subject, rating, at)) {
            jdbc.update("""
                    update data_unit u set rating = ?, updated_at = greatest(u.updated_at, ?)
                    where (u.node_id in (select n.node_id::text from provider_node n where n.provider_wallet = ?)
                           or u.provider_id in (select a.account_id from known_account a where lower(a.wallet) = ?))
                      and not exists (select 1 from reputation r where r.subject_kind = 'DATA_UNIT' and r.subject_id = u.id::text)""",
                    rating, Timestamp.from(at), subject, subject);
        }
    }

    /** Keeps the score when it is newer than the one held; says whether it did. */
    private boolean record(String kind, String subject, BigDecimal score, Instant at) {
        return jdbc.update("""
                insert into reputation (subject_kind, subject_id, score, occurred_at) values (?, ?, ?, ?)
                on conflict (subject_kind, subject_id) do update set score = excluded.score, occurred_at = excluded.occurred_at
                where reputation.occurred_at < excluded.occurred_at""", kind, subject, score, Timestamp.from(at)) > 0;
    }

    private static BigDecimal bounded(BigDecimal score) {
        return score.max(MIN).min(MAX).setScale(2, RoundingMode.HALF_UP);
    }
}
