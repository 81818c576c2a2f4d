package io.flashback.orchestrator.escrow;

import io.flashback.orchestrator.agreement.AgreementId;

import java.math.BigInteger;
import java.util.Optional;

/** Stored escrow links. */
public interface EscrowLinks {

    void add(EscrowLink link);

    Optional<EscrowLink> byEscrowAgreement(String escrow, BigInteger escrowAgreementId);

    Optional<EscrowLink> ofAgreement(AgreementId id);
}
