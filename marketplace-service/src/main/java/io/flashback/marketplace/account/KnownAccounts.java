package io.flashback.marketplace.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flashback.events.registry.AccountRegistered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The marketplace's own copy of the accounts it needs (providers and consumers), keyed by account id. */
@Repository
class KnownAccounts {

    /** An account as its owner and operators see it; {@code wallet} is null in what others may see (see {@link #withoutWallet()}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KnownAccount(UUID accountId, String wallet, String role, String displayName, Instant registeredAt) {

        KnownAccount withoutWallet() {
            return new KnownAccount(accountId, null, role, displayName, registeredAt);
        }
    }

    private final JdbcTemplate jdbc;

    KnownAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(AccountRegistered event) {
        jdbc.update("insert into known_account (account_id, wallet, role, display_name, registered_at) values (?, ?, ?, ?, ?)",
                event.accountId(), event.wallet(), event.role(), event.displayName(), Timestamp.from(event.occurredAt()));
        jdbc.update("insert into account_tally (role, registered) values (?, 1) "
                + "on conflict (role) do update set registered = account_tally.registered + 1", event.role());
    }

    Optional<KnownAccount> find(UUID accountId) {
        return jdbc.query("select account_id, wallet, role, display_name, registered_at from known_account where account_id = ?",
                (rs, n) -> new KnownAccount(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), accountId).stream().findFirst();
    }

    /** Records that {@code consumerId} asked {@code providerId} for an agreement (once per pair). */
    void addDealing(UUID consumerId, UUID providerId, Instant at) {
        jdbc.update("insert into account_dealing (consumer_id, provider_id, first_seen_at) values (?, ?, ?) on conflict do nothing",
                consumerId, providerId, Timestamp.from(at));
    }

    /** Whether the marketplace has seen {@code consumerId} ask {@code providerId} for an agreement. */
    boolean dealtWith(UUID providerId, UUID consumerId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from account_dealing where provider_id = ? and consumer_id = ?)",
                Boolean.class, providerId, consumerId));
    }

    Map<String, Long> tally() {
        List<Map.Entry<String, Long>> rows = jdbc.query("select role, registered from account_tally",
                (rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)));
        return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
