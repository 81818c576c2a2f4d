package io.flashback.orchestrator.lifecycle;

import io.flashback.orchestrator.agreement.AgreementId;

import java.util.Optional;

/** What the escrow follower has seen of an agreement on chain. */
public interface EscrowRecords {

    /**
     * The escrow agreement funding this agreement as expected, if the consumer funded it; a funding
     * that did not match is not one.
     */
    Optional<EscrowFacts> matchedFunding(AgreementId id);

    /** Why an escrow agreement with this agreement's reference was not taken as its funding, if one was refused. */
    Optional<String> refusedFunding(AgreementId id);
}
