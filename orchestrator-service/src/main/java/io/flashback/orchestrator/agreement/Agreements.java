package io.flashback.orchestrator.agreement;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored agreements and their histories. */
public interface Agreements {

    /** Stores a new agreement (version 0) with its opening entry in the history. */
    void add(Agreement agreement, String reason);

    /**
     * Stores a move; fails with {@link ConcurrentChange} when someone else moved the agreement
     * since it was read, so two moves can never both apply.
     */
    void record(Agreement.Moved moved);

    Optional<Agreement> find(AgreementId id);

    List<Agreement> ofOrder(UUID orderId);

    List<Transition> history(AgreementId id);

    List<Agreement> ofConsumer(UUID consumerId);

    List<Agreement> ofProvider(UUID providerId);

    /** Agreements that entered {@code state} before {@code before}, oldest first (deadline sweeps). */
    List<Agreement> inStateSince(AgreementState state, java.time.Instant before, int limit);

    /** Another writer changed the agreement first; re-read and decide again. */
    class ConcurrentChange extends RuntimeException {

        public ConcurrentChange(AgreementId id) {
            super("agreement " + id.value() + " was changed concurrently");
        }
    }
}
