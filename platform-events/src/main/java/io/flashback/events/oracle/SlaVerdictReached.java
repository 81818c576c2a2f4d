package io.flashback.events.oracle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A validator judged one agreement for one epoch (ARCHITECTURE.md §5). {@code signedAvailabilityPpm}
 * is what goes into the epoch's Merkle tree and decides the on-chain credit and slash: the measured
 * availability with the other breached terms folded in. {@code inputsDigest} (SHA-256 over the
 * canonical inputs and terms) lets anyone holding the same inputs re-check the result.
 *
 * @param agreementId the escrow's agreement number (decimal uint256)
 * @param outcome     MET or BREACHED
 * @param breaches    breached terms, comma-separated (empty when MET)
 * @param flags       what the oracle noticed, comma-separated (e.g. node reports contradicted by probes)
 * @param epochRoot   the Merkle root of the epoch's results this verdict is a leaf of
 * @param resultProof the Merkle proof (hex, leaf to root) of this verdict's result leaf
 *                    ({@code SlaEscrow.resultLeaf(escrow, agreementId, epoch, signedAvailabilityPpm)}) against
 *                    {@code epochRoot}: once k validators posted that root on OracleHub, anyone can check this verdict
 *                    is the quorum's and not one validator's (the fiat ledger settles only such, issue #13 H3); empty
 *                    in verdicts from before it was carried
 */
public record SlaVerdictReached(UUID eventId, Instant occurredAt, String escrow, String agreementId, long epoch,
                                Instant epochStart, Instant epochEnd, String outcome, int measuredAvailabilityPpm,
                                int signedAvailabilityPpm, BigDecimal averageLatencyMs, BigDecimal uploadMbps,
                                BigDecimal downloadMbps, BigDecimal auditPassRatePct, BigDecimal creditPct, boolean slash,
                                String breaches, String flags, String inputsDigest, String epochRoot, String validator,
                                List<String> resultProof)
        implements OracleEvent {

    public SlaVerdictReached {
        resultProof = resultProof == null ? List.of() : List.copyOf(resultProof);
    }

    /** A verdict without its result proof, as validators published them before the proof was carried. */
    public SlaVerdictReached(UUID eventId, Instant occurredAt, String escrow, String agreementId, long epoch, Instant epochStart,
                             Instant epochEnd, String outcome, int measuredAvailabilityPpm, int signedAvailabilityPpm,
                             BigDecimal averageLatencyMs, BigDecimal uploadMbps, BigDecimal downloadMbps, BigDecimal auditPassRatePct,
                             BigDecimal creditPct, boolean slash, String breaches, String flags, String inputsDigest, String epochRoot,
                             String validator) {
        this(eventId, occurredAt, escrow, agreementId, epoch, epochStart, epochEnd, outcome, measuredAvailabilityPpm, signedAvailabilityPpm,
                averageLatencyMs, uploadMbps, downloadMbps, auditPassRatePct, creditPct, slash, breaches, flags, inputsDigest, epochRoot,
                validator, List.of());
    }

    @Override
    public String aggregateId() {
        return agreementId;
    }
}
