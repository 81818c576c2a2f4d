package io.flashback.orchestrator.escrow;

import io.flashback.chain.Address;
import io.flashback.chain.AgreementRef;
import io.flashback.chain.AgreementTerms;
import io.flashback.chain.CreditTier;
import io.flashback.chain.NodeId;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.SlaTerms;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How an agreement is funded in the SlaEscrow: exactly one escrow agreement whose reference is the
 * agreement's UUID ({@link AgreementRef#of}), created by the consumer's wallet for the agreement's
 * node, paying the agreement's price in the payment token over whole OracleHub epochs covering the
 * term, with the agreement's credit tiers and slash rule and the collateral the platform asks of
 * providers. The consumer gets these terms from the orchestrator ({@link #expected}); a funding that
 * differs in anything is refused ({@link #mismatch}), whatever the escrow accepted.
 *
 * @param token         the payment token of {@code currency}
 * @param tokenDecimals that token's decimals
 * @param collateral    staking-token units the provider locks per agreement
 */
public record EscrowPlan(Address escrow, String currency, Address token, int tokenDecimals, long genesisTime, long epochSeconds,
                         BigInteger collateral) {

    private static final BigDecimal PPM_PER_PCT = BigDecimal.valueOf(10_000);
    private static final BigDecimal BPS_PER_PCT = BigDecimal.valueOf(100);

    /** The OracleHub epoch running at {@code at}. */
    public long epochAt(Instant at) {
        return Math.max(0, (at.getEpochSecond() - genesisTime) / epochSeconds);
    }

    /** The terms the consumer's wallet must create in the escrow for this agreement. */
    public AgreementTerms expected(Agreement agreement, Address consumerWallet, long startEpoch) {
        if (!currency.equals(agreement.currency())) {
            throw new NotFundableOnChain("the agreement is priced in " + agreement.currency() + "; the escrow takes " + currency);
        }
        int epochs = epochs(agreement);
        BigInteger total = agreement.price().movePointRight(tokenDecimals).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        // Whole epochs: the per-epoch price rounds up, so the escrow never holds less than the quoted price.
        BigInteger perEpoch = new BigDecimal(total).divide(BigDecimal.valueOf(epochs), 0, RoundingMode.CEILING).toBigIntegerExact();
        if (perEpoch.signum() == 0) {
            perEpoch = BigInteger.ONE;
        }
        SlaTerms terms = agreement.terms();
        int slashBelowPpm = terms.slashBelowPct() == null ? 0 : ppm(terms.slashBelowPct());
        BigInteger slashAmount = slashBelowPpm == 0 ? BigInteger.ZERO : collateral.divide(BigInteger.valueOf(epochs));
        return new AgreementTerms(AgreementRef.of(agreement.id().value()), consumerWallet, node(agreement), token, perEpoch, epochs, startEpoch,
                collateral, slashBelowPpm, slashAmount, tiers(terms));
    }

    /** Why the escrow agreement is not the funding this agreement expects; empty when it is. */
    public Optional<String> mismatch(Agreement agreement, Address consumerWallet, io.flashback.chain.Agreement onChain, List<CreditTier> creditTiers) {
        AgreementTerms expected;
        try {
            expected = expected(agreement, consumerWallet, onChain.startEpoch());
        } catch (NotFundableOnChain e) {
            return Optional.of(e.getMessage());
        }
        List<String> wrong = new ArrayList<>();
        check(wrong, "consumer", expected.consumer(), onChain.consumer());
        check(wrong, "node", expected.nodeId(), onChain.nodeId());
        check(wrong, "token", expected.token(), onChain.token());
        check(wrong, "price per epoch", expected.pricePerEpoch(), onChain.pricePerEpoch());
        check(wrong, "epochs", expected.epochs(), onChain.epochs());
        check(wrong, "collateral", expected.collateral(), onChain.collateralLocked());
        check(wrong, "slash threshold (ppm)", expected.slashBelowPpm(), onChain.slashBelowPpm());
        check(wrong, "slash amount", expected.slashAmount(), onChain.slashAmount());
        check(wrong, "credit tiers", expected.creditTiers(), creditTiers);
        return wrong.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", wrong));
    }

    public int epochs(Agreement agreement) {
        long seconds = agreement.termDays() * 86_400L;
        return Math.toIntExact((seconds + epochSeconds - 1) / epochSeconds);
    }

    private static void check(List<String> wrong, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            wrong.add(what + " is " + actual + ", expected " + expected);
        }
    }

    private static NodeId node(Agreement agreement) {
        try {
            return NodeId.of(UUID.fromString(agreement.nodeId()));
        } catch (IllegalArgumentException e) {
            throw new NotFundableOnChain("node " + agreement.nodeId() + " is not a platform node id");
        }
    }

    private static List<CreditTier> tiers(SlaTerms terms) {
        return terms.creditTiers().stream().map(tier -> new CreditTier(ppm(tier.belowAvailabilityPct()),
                tier.creditPct().multiply(BPS_PER_PCT).intValueExact())).toList();
    }

    private static int ppm(BigDecimal pct) {
        return pct.multiply(PPM_PER_PCT).intValueExact();
    }

    /** The agreement cannot be funded through this escrow as it stands. */
    public static class NotFundableOnChain extends RuntimeException {

        public NotFundableOnChain(String message) {
            super(message);
        }
    }
}
