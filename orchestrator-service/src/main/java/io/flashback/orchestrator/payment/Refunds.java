package io.flashback.orchestrator.payment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored refunds of SLA credits. */
public interface Refunds {

    void add(Refund refund);

    /** Stores the refund's state, provider reference and outcome. */
    void save(Refund refund);

    Optional<Refund> byProviderReference(String provider, String reference);

    /** The provider's PENDING refunds, oldest first, locked for the caller's transaction; refunds another instance holds are skipped. */
    List<Refund> claimPending(String provider, int limit);

    /** The consumer's refunds, newest first. */
    List<Refund> ofConsumer(UUID consumerId, int limit);

    /** The consumer's refunds not yet closed (PENDING or SENT). */
    List<Refund> openOf(UUID consumerId);
}
