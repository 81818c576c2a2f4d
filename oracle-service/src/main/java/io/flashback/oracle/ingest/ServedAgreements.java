package io.flashback.oracle.ingest;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Which agreements each node serves, from the orchestrator's AgreementActivated and AgreementEnded. */
public interface ServedAgreements {

    /**
     * The agreements of {@code agreementIds} (platform ids or escrow numbers, as a node reports them) that
     * {@code nodeId} serves or served, keyed by the id as given.
     */
    Map<String, ServedAgreement> servedBy(UUID nodeId, Collection<String> agreementIds);

    void activated(ServedAgreement agreement);

    void ended(UUID agreementId, Instant at);

    /**
     * @param agreementId       the orchestrator's agreement id
     * @param escrowAgreementId the escrow's number the oracle judges it under
     * @param endedAt           null while it runs
     */
    record ServedAgreement(UUID agreementId, BigInteger escrowAgreementId, UUID nodeId, Instant activatedAt, Instant endedAt) {

        /** Whether the node served it during {@code minute}, give or take the clock skew between node and platform. */
        public boolean servedDuring(Instant minute, Duration skew) {
            Instant end = minute.plusSeconds(60);
            return end.isAfter(activatedAt.minus(skew)) && (endedAt == null || minute.isBefore(endedAt.plus(skew)));
        }
    }
}
