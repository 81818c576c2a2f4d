package io.flashback.orchestrator.payment;

import io.flashback.events.oracle.SlaVerdictReached;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One validator's verdict on a fiat agreement's epoch as it arrived: provisional until the epoch's root is posted on
 * OracleHub by k of n validators, then either the proven result that settles the epoch, a confirmation of one that
 * already did, or refused because its result is not a leaf of the posted root. The credit it claims is shown, never
 * paid: the ledger pays the credit the agreement's terms give for the proven availability.
 *
 * @param signedAvailabilityPpm the availability of its result leaf, the one figure the posted root vouches for
 * @param resultProof           hex words proving that leaf against {@code epochRoot}
 */
public record FiatVerdict(UUID eventId, UUID agreementId, long epoch, String validator, String epochRoot, int signedAvailabilityPpm,
                          List<String> resultProof, BigDecimal claimedCreditPct, String outcome, String breaches, State state,
                          Instant receivedAt) {

    public enum State {
        /** Waiting for the epoch's root to be posted. */
        PROVISIONAL,
        /** Its proven result settled the epoch. */
        SETTLED,
        /** Proven against the posted root, but the epoch was settled already. */
        CONFIRMED,
        /** Its result is not a leaf of the posted root (or it carries no usable proof): it settles nothing. */
        REFUSED,
        /** Proven, but the agreement cannot be settled for this epoch (not active, or the epoch is outside its term). */
        MOOT
    }

    public FiatVerdict {
        if (signedAvailabilityPpm < 0 || signedAvailabilityPpm > 1_000_000) {
            throw new IllegalArgumentException("signed availability out of range: " + signedAvailabilityPpm + " ppm");
        }
        resultProof = List.copyOf(resultProof);
        validator = validator == null ? "" : validator;
        epochRoot = epochRoot == null ? "" : epochRoot;
        outcome = outcome == null ? "" : outcome;
        breaches = breaches == null ? "" : breaches;
    }

    public static FiatVerdict arrived(SlaVerdictReached verdict, UUID agreementId, Instant at) {
        return new FiatVerdict(verdict.eventId(), agreementId, verdict.epoch(), verdict.validator(), verdict.epochRoot(),
                verdict.signedAvailabilityPpm(), verdict.resultProof(), verdict.creditPct(), verdict.outcome(), verdict.breaches(),
                State.PROVISIONAL, at);
    }

    /** The proven availability in percent, exact (ppm / 10 000). */
    public BigDecimal availabilityPct() {
        return BigDecimal.valueOf(signedAvailabilityPpm, 4);
    }
}
