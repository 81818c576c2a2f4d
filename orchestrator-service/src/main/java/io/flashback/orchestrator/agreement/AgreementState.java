package io.flashback.orchestrator.agreement;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an agreement (issue 6): REQUESTED → ACCEPTED or REJECTED → FUNDED → ACTIVE →
 * COMPLETED, or ended early by the consumer, by a provider breach or by the consumer not paying. An accepted
 * agreement whose capacity the marketplace could not reserve (the unit was sold to others first) is REJECTED
 * after all: it never held capacity, so there is nothing to release (issue 6, "a unit is never oversold").
 * {@link #next()} is the one table of legal moves.
 */
public enum AgreementState {
    REQUESTED, ACCEPTED, REJECTED, FUNDED, ACTIVE, COMPLETED, TERMINATED_BY_CONSUMER, BREACHED_BY_PROVIDER, BREACHED_BY_CONSUMER;

    private static final Map<AgreementState, Set<AgreementState>> MOVES = Map.of(
            REQUESTED, EnumSet.of(ACCEPTED, REJECTED, TERMINATED_BY_CONSUMER),
            // BREACHED_BY_PROVIDER: accepted off chain, then rejected on chain or never accepted there before the escrow expired it
            ACCEPTED, EnumSet.of(FUNDED, REJECTED, TERMINATED_BY_CONSUMER, BREACHED_BY_PROVIDER, BREACHED_BY_CONSUMER),
            FUNDED, EnumSet.of(ACTIVE, TERMINATED_BY_CONSUMER, BREACHED_BY_PROVIDER),
            ACTIVE, EnumSet.of(COMPLETED, TERMINATED_BY_CONSUMER, BREACHED_BY_PROVIDER, BREACHED_BY_CONSUMER));

    /** The states this one may move to; none for an ended agreement. */
    public Set<AgreementState> next() {
        return MOVES.getOrDefault(this, EnumSet.noneOf(AgreementState.class));
    }

    public boolean isEnded() {
        return next().isEmpty();
    }

    /** Whether capacity is held on the data unit for the agreement in this state. */
    public boolean holdsCapacity() {
        return this == ACCEPTED || this == FUNDED || this == ACTIVE;
    }

    /** Whether the consumer's credentials work on the node in this state. */
    public boolean grantsAccess() {
        return this == FUNDED || this == ACTIVE;
    }
}
