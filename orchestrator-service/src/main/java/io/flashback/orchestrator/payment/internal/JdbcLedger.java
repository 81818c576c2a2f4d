package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.AccountKind;
import io.flashback.orchestrator.payment.Balances;
import io.flashback.orchestrator.payment.Ledger;
import io.flashback.orchestrator.payment.LedgerAccount;
import io.flashback.orchestrator.payment.LedgerEntry;
import io.flashback.orchestrator.payment.LedgerTransaction;
import io.flashback.orchestrator.payment.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger on PostgreSQL. A posting locks the rows of the accounts it touches (in one order, so two postings never
 * wait on each other crosswise), applies {@link Balances}' no-overdraft rule to their current balances, and writes the
 * transaction, its entries and the new balances together. The schema backs the rules up: balances cannot go below
 * zero, entries and transactions cannot be changed or deleted, and at commit every transaction must add up to zero.
 */
@Repository
class JdbcLedger implements Ledger {

    private static final Comparator<LedgerAccount> LOCK_ORDER = Comparator.comparing((LedgerAccount account) -> account.kind().name())
            .thenComparing(LedgerAccount::owner).thenComparing(LedgerAccount::currency);

    private final JdbcTemplate jdbc;

    JdbcLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean post(LedgerTransaction transaction) {
        if (posted(transaction.reference())) {
            return false;
        }
        Map<LedgerAccount, Long> ids = new LinkedHashMap<>();
        Map<LedgerAccount, Money> current = new LinkedHashMap<>();
        for (LedgerAccount account : transaction.entries().stream().map(LedgerEntry::account).sorted(LOCK_ORDER).toList()) {
            jdbc.update("insert into ledger_account (kind, owner, currency, balance) values (?, ?, ?, 0) on conflict do nothing",
                    account.kind().name(), account.owner(), account.currency());
            jdbc.query("select id, balance from ledger_account where kind = ? and owner = ? and currency = ? for update", rs -> {
                ids.put(account, rs.getLong(1));
                current.put(account, new Money(rs.getBigDecimal(2), account.currency()));
            }, account.kind().name(), account.owner(), account.currency());
        }
        Map<LedgerAccount, Money> next = new Balances(current).changes(transaction);
        int inserted = jdbc.update("insert into ledger_transaction (id, reference, kind, memo, posted_at) values (?, ?, ?, ?, ?) "
                        + "on conflict (reference) do nothing", transaction.id(), transaction.reference(), transaction.kind().name(), transaction.memo(),
                Timestamp.from(transaction.postedAt()));
        if (inserted == 0) {
            return false; // posted concurrently by someone who held the account locks first
        }
        List<Object[]> entries = new ArrayList<>();
        for (int line = 0; line < transaction.entries().size(); line++) {
            LedgerEntry entry = transaction.entries().get(line);
            entries.add(new Object[] {transaction.id(), line + 1, ids.get(entry.account()), entry.amount().currency(), entry.amount().amount()});
        }
        jdbc.batchUpdate("insert into ledger_entry (transaction_id, line, account_id, currency, amount) values (?, ?, ?, ?, ?)", entries);
        jdbc.batchUpdate("update ledger_account set balance = ? where id = ?", next.entrySet().stream()
                .map(changed -> new Object[] {changed.getValue().amount(), ids.get(changed.getKey())}).toList());
        return true;
    }

    @Override
    public Money balance(LedgerAccount account) {
        return jdbc.query("select balance from ledger_account where kind = ? and owner = ? and currency = ?",
                        (rs, row) -> new Money(rs.getBigDecimal(1), account.currency()), account.kind().name(), account.owner(), account.currency())
                .stream().findFirst().orElse(Money.zero(account.currency()));
    }

    @Override
    public List<Money> balances(AccountKind kind, String owner) {
        return jdbc.query("select balance, currency from ledger_account where kind = ? and owner = ? order by currency",
                (rs, row) -> new Money(rs.getBigDecimal(1), rs.getString(2)), kind.name(), owner);
    }

    private boolean posted(String reference) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from ledger_transaction where reference = ?)", Boolean.class, reference));
    }
}
