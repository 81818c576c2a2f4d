package io.flashback.orchestrator.payment;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger transactions of fiat payments (ADR 0006), one named rule per business fact. Each reference names its
 * fact, so booking it twice books it once.
 * <pre>
 *   payment received      clearing            → consumer balance
 *   agreement funded      consumer balance    → agreement reserve
 *   epoch settled         agreement reserve   → provider payable + platform fees + consumer balance (the credit)
 *   refund requested      consumer balance    → refunds in transit
 *   refund completed      refunds in transit  → clearing (the money left the provider)
 *   refund failed         refunds in transit  → consumer balance
 * </pre>
 */
public final class FiatBookkeeping {

    private FiatBookkeeping() {
    }

    public static LedgerTransaction paymentReceived(String provider, String eventId, UUID consumerId, Money amount, String invoiceReference,
                                                    Instant at) {
        return LedgerTransaction.posting("payment:" + provider + ":" + eventId, LedgerTransaction.Kind.PAYMENT_RECEIVED,
                        "payment " + eventId + " of " + amount + " for invoice " + invoiceReference, at)
                .debit(LedgerAccount.clearing(provider, amount.currency()), amount)
                .credit(LedgerAccount.consumerBalance(consumerId, amount.currency()), amount)
                .build();
    }

    public static LedgerTransaction unallocatedReceipt(String provider, String eventId, Money amount, String invoiceReference, Instant at) {
        return LedgerTransaction.posting("payment:" + provider + ":" + eventId, LedgerTransaction.Kind.UNALLOCATED_RECEIPT,
                        "payment " + eventId + " of " + amount + " for invoice " + invoiceReference + ", which is not ours", at)
                .debit(LedgerAccount.clearing(provider, amount.currency()), amount)
                .credit(LedgerAccount.unallocated(provider, amount.currency()), amount)
                .build();
    }

    public static LedgerTransaction agreementFunded(FiatAgreement agreement, String invoiceReference, Instant at) {
        return LedgerTransaction.posting("reserve:" + agreement.agreementId(), LedgerTransaction.Kind.AGREEMENT_FUNDED,
                        "agreement " + agreement.agreementId() + " funded by invoice " + invoiceReference, at)
                .debit(LedgerAccount.consumerBalance(agreement.consumerId(), agreement.currency()), agreement.reserve())
                .credit(LedgerAccount.reserve(agreement.agreementId(), agreement.currency()), agreement.reserve())
                .build();
    }

    /** Empty when the epoch's price is zero: there is nothing to book. */
    public static Optional<LedgerTransaction> epochSettled(FiatAgreement agreement, FiatAgreement.EpochSplit split, Instant at) {
        if (split.price().isZero()) {
            return Optional.empty();
        }
        String currency = agreement.currency();
        return Optional.of(LedgerTransaction.posting("epoch:" + agreement.agreementId() + ":" + split.epoch(), LedgerTransaction.Kind.EPOCH_SETTLED,
                        "epoch " + split.epoch() + " of agreement " + agreement.agreementId() + ": " + split.providerShare() + " to the provider, "
                                + split.platformFee() + " platform fee, " + split.credit() + " credit (" + split.creditPct().stripTrailingZeros()
                                .toPlainString() + " %)", at)
                .debit(LedgerAccount.reserve(agreement.agreementId(), currency), split.price())
                .credit(LedgerAccount.payable(agreement.providerId(), currency), split.providerShare())
                .credit(LedgerAccount.platformFees(currency), split.platformFee())
                .credit(LedgerAccount.consumerBalance(agreement.consumerId(), currency), split.credit())
                .build());
    }

    public static LedgerTransaction refundRequested(Refund refund, Instant at) {
        return LedgerTransaction.posting("refund:" + refund.id() + ":requested", LedgerTransaction.Kind.REFUND_REQUESTED,
                        "refund " + refund.id() + " of " + refund.amount() + ": " + refund.reason(), at)
                .debit(LedgerAccount.consumerBalance(refund.consumerId(), refund.amount().currency()), refund.amount())
                .credit(LedgerAccount.refundsInTransit(refund.provider(), refund.amount().currency()), refund.amount())
                .build();
    }

    public static LedgerTransaction refundCompleted(Refund refund, String eventId, Instant at) {
        return LedgerTransaction.posting("refund:" + refund.id() + ":completed", LedgerTransaction.Kind.REFUND_COMPLETED,
                        "refund " + refund.id() + " of " + refund.amount() + " completed (" + eventId + ")", at)
                .debit(LedgerAccount.refundsInTransit(refund.provider(), refund.amount().currency()), refund.amount())
                .credit(LedgerAccount.clearing(refund.provider(), refund.amount().currency()), refund.amount())
                .build();
    }

    public static LedgerTransaction refundFailed(Refund refund, String eventId, String why, Instant at) {
        return LedgerTransaction.posting("refund:" + refund.id() + ":failed", LedgerTransaction.Kind.REFUND_FAILED,
                        "refund " + refund.id() + " of " + refund.amount() + " failed (" + eventId + "): " + why + "; back in the consumer's balance", at)
                .debit(LedgerAccount.refundsInTransit(refund.provider(), refund.amount().currency()), refund.amount())
                .credit(LedgerAccount.consumerBalance(refund.consumerId(), refund.amount().currency()), refund.amount())
                .build();
    }
}
