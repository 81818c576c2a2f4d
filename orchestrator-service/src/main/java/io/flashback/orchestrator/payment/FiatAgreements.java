package io.flashback.orchestrator.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored fiat agreements and the epochs settled from their reserves. */
public interface FiatAgreements {

    void add(FiatAgreement agreement);

    Optional<FiatAgreement> find(UUID agreementId);

    /** The agreement, locked until the caller's transaction ends, so one verdict at a time draws from its reserve. */
    Optional<FiatAgreement> lock(UUID agreementId);

    List<FiatAgreement> ofConsumer(UUID consumerId);

    /** Marks the consumer warned of low funds since {@code since}, or clears the mark (empty). */
    void fundsLow(UUID agreementId, Optional<Instant> since);

    /** Records a settled epoch; false, and nothing recorded, when that epoch was settled before. */
    boolean recordSettlement(EpochSettlement settlement);

    int settledEpochs(UUID agreementId);

    /** The epochs settled for the provider's agreements, newest first. */
    List<EpochSettlement> settlementsOfProvider(UUID providerId, int limit);
}
