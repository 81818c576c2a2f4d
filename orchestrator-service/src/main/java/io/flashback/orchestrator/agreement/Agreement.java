package io.flashback.orchestrator.agreement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * An SLA between one consumer and one provider's Data Unit; an order with redundancy R holds R of
 * them. Immutable: {@link #moveTo} returns the next version together with the transition it made.
 *
 * @param price the whole term's price in {@code currency} (from the signed quote line)
 */
public record Agreement(AgreementId id, UUID orderId, UUID consumerId, UUID providerId, UUID dataUnitId, String nodeId,
                        long capacityBytes, int termDays, String currency, BigDecimal price, SlaTerms terms,
                        AgreementState state, Instant stateSince, long version) {

    /** A new agreement as the consumer asks for it. */
    public static Agreement requested(UUID orderId, UUID consumerId, UUID providerId, UUID dataUnitId, String nodeId, long capacityBytes,
                                      int termDays, String currency, BigDecimal price, SlaTerms terms, Clock clock) {
        if (capacityBytes <= 0 || termDays <= 0 || price.signum() < 0) {
            throw new IllegalArgumentException("capacity and term must be positive and the price not negative");
        }
        return new Agreement(AgreementId.random(), orderId, consumerId, providerId, dataUnitId, nodeId, capacityBytes, termDays,
                currency, price, terms, AgreementState.REQUESTED, clock.instant(), 0);
    }

    /** The agreement after a move, and the move — the only way an agreement changes state. */
    public record Moved(Agreement agreement, Transition transition) {
    }

    public Moved moveTo(AgreementState target, String reason, Clock clock) {
        if (!state.next().contains(target)) {
            throw new IllegalTransition(id, state, target);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("every transition records its reason");
        }
        Instant now = clock.instant();
        Agreement next = new Agreement(id, orderId, consumerId, providerId, dataUnitId, nodeId, capacityBytes, termDays, currency, price,
                terms, target, now, version + 1);
        return new Moved(next, new Transition(id, state, target, reason, now));
    }
}
