package io.flashback.orchestrator.payment;

import io.flashback.orchestrator.lifecycle.EscrowFacts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An agreement paid by invoice: its reserve is what the consumer prepaid for it, of which {@code fee} is the
 * platform's share of the quote's fee, drawn epoch by epoch by the oracle's verdicts.
 *
 * @param reserve       the agreement's price plus its share of the order's platform fee, reserved when it was funded
 * @param fee           the part of {@code reserve} that is the platform's fee
 * @param fundsLowSince when the consumer was last warned that the reserve runs low, while it still is
 */
public record FiatAgreement(UUID agreementId, UUID orderId, UUID invoiceId, UUID consumerId, UUID providerId, Money reserve, Money fee,
                            EpochSchedule schedule, Instant fundedAt, Optional<Instant> fundsLowSince) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public FiatAgreement {
        if (!reserve.isPositive() || fee.signum() < 0 || fee.compareTo(reserve) > 0) {
            throw new IllegalArgumentException("a fiat agreement has a positive reserve of which the fee is a part");
        }
    }

    public String currency() {
        return reserve.currency();
    }

    public BigInteger number() {
        return FiatAgreementNumber.of(agreementId);
    }

    /**
     * What the agreement events announce for a fiat agreement where a crypto one names its escrow: no escrow (empty),
     * the {@link FiatAgreementNumber number} the oracle judges it under, the currency in place of a token, and the
     * reserve in millionths of the currency (the ledger's smallest unit, as escrow amounts are in the token's).
     */
    public EscrowFacts facts(String consumerWallet) {
        return new EscrowFacts("", number().toString(), consumerWallet == null ? "" : consumerWallet, currency(),
                reserve.amount().movePointRight(Money.SCALE), schedule.startEpoch(), schedule.epochs(), schedule.epochSeconds());
    }

    /** What an epoch takes from the reserve: an equal share, rounded down; the last epoch takes what rounding left. */
    public Money pricePerEpoch() {
        return reserve.divideDown(schedule.epochs());
    }

    public Money priceOf(long epoch) {
        if (!schedule.contains(epoch)) {
            throw new IllegalArgumentException("epoch " + epoch + " is not one of agreement " + agreementId + "'s");
        }
        Money regular = pricePerEpoch();
        return schedule.isLast(epoch) ? reserve.minus(regular.times(schedule.epochs() - 1L)) : regular;
    }

    /**
     * How a judged epoch's price is shared, as the SlaEscrow shares it on chain: the credit ({@code creditPct} of the
     * price) goes back to the consumer, and what the provider earned is split between provider and platform in the
     * proportion the reserve holds them (price : fee). Every share is rounded down and the provider's takes the rest,
     * so the shares add up to the price exactly.
     */
    public EpochSplit split(long epoch, BigDecimal creditPct) {
        if (creditPct == null || creditPct.signum() < 0 || creditPct.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("a credit is between 0 and 100 percent, not " + creditPct);
        }
        Money price = priceOf(epoch);
        Money credit = price.percent(creditPct);
        Money earned = price.minus(credit);
        Money platformFee = earned.share(fee, reserve);
        return new EpochSplit(epoch, price, creditPct, credit, earned.minus(platformFee), platformFee);
    }

    /** One epoch's price and where it went. */
    public record EpochSplit(long epoch, Money price, BigDecimal creditPct, Money credit, Money providerShare, Money platformFee) {
    }

    /** Whether the consumer is to be warned now that the reserve runs low, or the warning no longer holds. */
    public sealed interface FundsCheck permits RunningLow, Recovered, Unchanged {
    }

    /** The reserve pays for {@code epochsCovered} more epochs, fewer than the threshold; the agreement is funded until {@code fundedUntil}. */
    public record RunningLow(int epochsCovered, Money pricePerEpoch, Instant fundedUntil, String reason) implements FundsCheck {
    }

    public record Recovered() implements FundsCheck {
    }

    public record Unchanged() implements FundsCheck {
    }

    /**
     * The low-funds rule: the consumer is warned once when what is left in the reserve pays for fewer than
     * {@code thresholdEpochs} epochs, and again only after the reserve has been above the threshold in between. An
     * agreement whose every epoch is settled has nothing left to run out of.
     *
     * @param remaining     the reserve's balance now
     * @param settledEpochs epochs already drawn from it
     */
    public FundsCheck fundsCheck(Money remaining, int settledEpochs, int thresholdEpochs) {
        int unsettled = schedule.epochs() - settledEpochs;
        if (unsettled <= 0) {
            return new Unchanged();
        }
        Money perEpoch = pricePerEpoch();
        int covered = perEpoch.isZero() ? unsettled
                : Math.min(unsettled, remaining.amount().divide(perEpoch.amount(), 0, RoundingMode.DOWN).intValueExact());
        boolean low = covered < thresholdEpochs;
        if (low && fundsLowSince.isEmpty()) {
            Instant fundedUntil = schedule.endOf(schedule.startEpoch() + settledEpochs + covered - 1L);
            return new RunningLow(covered, perEpoch, fundedUntil, "the reserve of " + remaining + " pays for " + covered + " more epoch"
                    + (covered == 1 ? "" : "s") + ", fewer than the " + thresholdEpochs + " the consumer is warned at");
        }
        if (!low && fundsLowSince.isPresent()) {
            return new Recovered();
        }
        return new Unchanged();
    }
}
