package io.flashback.chain.web3j;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@link Web3jTransactions} sends: gas estimate plus a margin, never above {@code gasCeiling};
 * EIP-1559 fees (https://eips.ethereum.org/EIPS/eip-1559) of twice the base fee plus the priority
 * fee, capped at {@code maxFeeCap}; receipts awaited for {@code receiptTimeout}, after which the
 * transaction is replaced with fees raised by {@code replacementBumpPercent} (nodes require at least
 * 10 %), at most {@code maxReplacements} times.
 */
public record TransactionSettings(BigInteger gasCeiling, int gasMarginPercent, Optional<BigInteger> priorityFee,
                                  BigInteger maxFeeCap, Duration receiptTimeout, Duration pollInterval,
                                  int maxReplacements, int replacementBumpPercent) {

    public static final BigInteger GWEI = BigInteger.TEN.pow(9);

    public TransactionSettings {
        if (replacementBumpPercent < 10) {
            throw new IllegalArgumentException("nodes reject replacements with less than a 10 % fee bump");
        }
    }

    public static TransactionSettings defaults() {
        return new TransactionSettings(BigInteger.valueOf(5_000_000), 20, Optional.empty(),
                GWEI.multiply(BigInteger.valueOf(500)), Duration.ofSeconds(60), Duration.ofMillis(100), 3, 25);
    }

    public TransactionSettings withGasCeiling(long ceiling) {
        return new TransactionSettings(BigInteger.valueOf(ceiling), gasMarginPercent, priorityFee, maxFeeCap,
                receiptTimeout, pollInterval, maxReplacements, replacementBumpPercent);
    }

    public TransactionSettings withReceiptTimeout(Duration timeout) {
        return new TransactionSettings(gasCeiling, gasMarginPercent, priorityFee, maxFeeCap, timeout, pollInterval,
                maxReplacements, replacementBumpPercent);
    }

    public TransactionSettings withPriorityFee(BigInteger fee) {
        return new TransactionSettings(gasCeiling, gasMarginPercent, Optional.of(fee), maxFeeCap, receiptTimeout,
                pollInterval, maxReplacements, replacementBumpPercent);
    }
}
