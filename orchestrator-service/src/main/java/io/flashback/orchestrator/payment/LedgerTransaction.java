package io.flashback.orchestrator.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One business fact in the ledger: two or more entries whose amounts add up to zero in every currency, written
 * together or not at all and never changed afterwards; a correction is another transaction. {@code reference} names
 * the fact ({@code epoch:<agreement>:<epoch>}, {@code payment:<provider>:<event>} …): the ledger takes each
 * reference once, so a fact delivered twice is booked once.
 */
public record LedgerTransaction(UUID id, String reference, Kind kind, String memo, Instant postedAt, List<LedgerEntry> entries) {

    public enum Kind { PAYMENT_RECEIVED, UNALLOCATED_RECEIPT, AGREEMENT_FUNDED, EPOCH_SETTLED, REFUND_REQUESTED, REFUND_COMPLETED, REFUND_FAILED }

    public LedgerTransaction {
        if (id == null || kind == null || postedAt == null) {
            throw new IllegalArgumentException("a transaction has an id, a kind and a time");
        }
        if (reference == null || reference.isBlank() || reference.length() > 200) {
            throw new IllegalArgumentException("a transaction has a reference of at most 200 characters");
        }
        if (memo == null || memo.isBlank()) {
            throw new IllegalArgumentException("every transaction says what it is");
        }
        entries = List.copyOf(entries);
        if (entries.size() < 2) {
            throw new UnbalancedTransaction("a transaction has at least two entries, " + reference + " has " + entries.size());
        }
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            sums.merge(entry.amount().currency(), entry.amount().amount(), BigDecimal::add);
        }
        sums.forEach((currency, sum) -> {
            if (sum.signum() != 0) {
                throw new UnbalancedTransaction("the entries of " + reference + " add up to " + sum.toPlainString() + " " + currency + ", not zero");
            }
        });
        if (entries.stream().map(LedgerEntry::account).distinct().count() != entries.size()) {
            throw new IllegalArgumentException("each account appears once in a transaction");
        }
    }

    public static Builder posting(String reference, Kind kind, String memo, Instant at) {
        return new Builder(reference, kind, memo, at);
    }

    /** Collects debits and credits; zero amounts are left out and an account's lines are added up. */
    public static final class Builder {

        private final String reference;
        private final Kind kind;
        private final String memo;
        private final Instant at;
        private final Map<LedgerAccount, Money> lines = new LinkedHashMap<>();

        private Builder(String reference, Kind kind, String memo, Instant at) {
            this.reference = reference;
            this.kind = kind;
            this.memo = memo;
            this.at = at;
        }

        public Builder debit(LedgerAccount account, Money amount) {
            lines.merge(account, notNegative(amount), Money::plus);
            return this;
        }

        public Builder credit(LedgerAccount account, Money amount) {
            lines.merge(account, notNegative(amount).negate(), Money::plus);
            return this;
        }

        public LedgerTransaction build() {
            List<LedgerEntry> entries = new ArrayList<>();
            lines.forEach((account, amount) -> {
                if (!amount.isZero()) {
                    entries.add(new LedgerEntry(account, amount));
                }
            });
            return new LedgerTransaction(UUID.randomUUID(), reference, kind, memo, at, entries);
        }

        private static Money notNegative(Money amount) {
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("debits and credits are not negative: " + amount);
            }
            return amount;
        }
    }

    /** Entries that do not add up to zero, or too few of them. */
    public static class UnbalancedTransaction extends IllegalArgumentException {

        public UnbalancedTransaction(String message) {
            super(message);
        }
    }
}
