package io.flashback.chain;

import java.math.BigInteger;
import java.util.List;

/**
 * Terms of a new escrow agreement. Amounts are in the token's smallest unit; epochs are OracleHub
 * epochs. An epoch whose availability is below {@code slashBelowPpm} slashes {@code slashAmount}
 * of the {@code collateral} the provider locks on acceptance.
 */
public record AgreementTerms(AgreementRef reference, Address consumer, NodeId nodeId, Address token,
                             BigInteger pricePerEpoch, int epochs, long startEpoch, BigInteger collateral,
                             int slashBelowPpm, BigInteger slashAmount, List<CreditTier> creditTiers) {

    public AgreementTerms {
        creditTiers = List.copyOf(creditTiers);
    }

    public BigInteger totalPrice() {
        return pricePerEpoch.multiply(BigInteger.valueOf(epochs));
    }
}
