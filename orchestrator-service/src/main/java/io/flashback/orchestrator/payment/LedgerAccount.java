package io.flashback.orchestrator.payment;

import java.util.UUID;

/** One account of the ledger: a kind, whose it is, and the one currency it holds. */
public record LedgerAccount(AccountKind kind, String owner, String currency) {

    public static final String PLATFORM = "platform";

    public LedgerAccount {
        if (kind == null || owner == null || owner.isBlank() || owner.length() > 80) {
            throw new IllegalArgumentException("an account has a kind and an owner of at most 80 characters");
        }
        Money.zero(currency); // checks the currency code
    }

    public static LedgerAccount clearing(String provider, String currency) {
        return new LedgerAccount(AccountKind.PROVIDER_CLEARING, provider, currency);
    }

    public static LedgerAccount consumerBalance(UUID consumerId, String currency) {
        return new LedgerAccount(AccountKind.CONSUMER_BALANCE, consumerId.toString(), currency);
    }

    public static LedgerAccount reserve(UUID agreementId, String currency) {
        return new LedgerAccount(AccountKind.AGREEMENT_RESERVE, agreementId.toString(), currency);
    }

    public static LedgerAccount payable(UUID providerId, String currency) {
        return new LedgerAccount(AccountKind.PROVIDER_PAYABLE, providerId.toString(), currency);
    }

    public static LedgerAccount platformFees(String currency) {
        return new LedgerAccount(AccountKind.PLATFORM_FEES, PLATFORM, currency);
    }

    public static LedgerAccount refundsInTransit(String provider, String currency) {
        return new LedgerAccount(AccountKind.REFUNDS_IN_TRANSIT, provider, currency);
    }

    public static LedgerAccount unallocated(String provider, String currency) {
        return new LedgerAccount(AccountKind.UNALLOCATED_RECEIPTS, provider, currency);
    }

    @Override
    public String toString() {
        return kind + ":" + owner + ":" + currency;
    }
}
