package io.flashback.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The SLA escrow seen from one wallet (consumer, payer, provider or settling oracle, depending on
 * the adapter's signer). Every operation is idempotent: a retry checks the chain before sending.
 */
public interface SlaEscrow {

    Address address();

    /** Creates and funds an agreement (approving the token first if needed); returns its id. */
    AgreementId createAgreement(AgreementTerms terms);

    /** The provider accepts; its collateral is locked for the term. */
    TxOutcome accept(AgreementId id);

    TxOutcome reject(AgreementId id);

    /**
     * The consumer cancels: a proposed agreement in full, an active one from the next epoch. An active
     * agreement with no epoch left after the running one (a cancellation already mined) is
     * {@link TxOutcome.AlreadyApplied}.
     */
    TxOutcome cancel(AgreementId id);

    TxOutcome expire(AgreementId id);

    /** Settles one agreement's next epoch with its proof against the epoch's reported root. */
    TxOutcome settle(ProvenResult result);

    /** Settles many agreements for one epoch in one transaction; already settled ones are skipped. */
    TxOutcome settleBatch(long epoch, List<ProvenResult> results);

    /**
     * Settles {@code epoch} for these agreements by the default for an epoch the hub holds no report
     * for after the escrow's settlement grace: the consumer gets the epoch's payment back, the
     * provider nothing. Agreements already past the epoch are skipped.
     */
    TxOutcome settleUnreported(long epoch, List<AgreementId> ids);

    /** Withdraws this wallet's whole balance of {@code token} (pull payment). */
    TxOutcome withdraw(Address token);

    Optional<Agreement> agreement(AgreementId id);

    /** The agreement {@code payer} created with {@code reference}: references are unique per payer. */
    Optional<AgreementId> agreementByReference(Address payer, AgreementRef reference);

    List<CreditTier> creditTiers(AgreementId id);

    BigInteger balanceOf(Address token, Address account);
}
