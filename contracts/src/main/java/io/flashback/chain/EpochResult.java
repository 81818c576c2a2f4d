package io.flashback.chain;

/**
 * The oracle's verdict for one agreement in one epoch: the measured availability in parts per
 * million (other SLA metrics are folded into it by the oracle before it is signed).
 */
public record EpochResult(AgreementId agreementId, long epoch, int availabilityPpm) {

    public EpochResult {
        if (availabilityPpm < 0 || availabilityPpm > 1_000_000) {
            throw new IllegalArgumentException("availability out of range: " + availabilityPpm);
        }
    }
}
