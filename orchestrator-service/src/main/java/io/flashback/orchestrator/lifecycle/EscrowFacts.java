package io.flashback.orchestrator.lifecycle;

import java.math.BigDecimal;

/**
 * What the escrow holds for an agreement, as the events announcing FUNDED, ACTIVE and the end carry it.
 *
 * @param escrowAgreementId the escrow's agreement number (decimal)
 * @param amount            the whole term's payment, in the token's smallest unit
 * @param epochSeconds      the OracleHub's epoch length the start epoch and epochs count in
 */
public record EscrowFacts(String escrow, String escrowAgreementId, String consumerWallet, String token, BigDecimal amount, long startEpoch,
                          int epochs, long epochSeconds) {
}
