package io.flashback.orchestrator.escrow;

import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.lifecycle.EscrowFacts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An escrow agreement created with one of our agreement ids as reference, and — when it is not what
 * the orchestrator expects — why it does not count as that agreement's funding.
 */
public record EscrowLink(String escrow, BigInteger escrowAgreementId, AgreementId agreementId, String consumerWallet, String token,
                         BigInteger pricePerEpoch, int epochs, long startEpoch, long epochSeconds, String createdIn,
                         Optional<String> mismatch) {

    public boolean matched() {
        return mismatch.isEmpty();
    }

    public EscrowFacts facts() {
        return new EscrowFacts(escrow, escrowAgreementId.toString(), consumerWallet, token,
                new BigDecimal(pricePerEpoch.multiply(BigInteger.valueOf(epochs))), startEpoch, epochs, epochSeconds);
    }
}
