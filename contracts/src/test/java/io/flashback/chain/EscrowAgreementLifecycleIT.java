package io.flashback.chain;

import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import io.flashback.chain.web3j.Web3jTransactions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint32;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.flashback.chain.ChainFixtures.COLLATERAL;
import static io.flashback.chain.ChainFixtures.PRICE;
import static io.flashback.chain.ChainFixtures.abi;
import static io.flashback.chain.ChainFixtures.assertReverts;
import static io.flashback.chain.TestChain.CONSUMER;
import static io.flashback.chain.TestChain.GOVERNANCE;
import static io.flashback.chain.TestChain.PROVIDER;
import static io.flashback.chain.TestChain.SETTLER;
import static io.flashback.chain.TestChain.STRANGER;
import static io.flashback.chain.web3j.contracts.SlaEscrow.getAgreementCancelledEvents;
import static io.flashback.chain.web3j.contracts.SlaEscrow.getAgreementExpiredEvents;
import static io.flashback.chain.web3j.contracts.SlaEscrow.getAgreementRejectedEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating, accepting, rejecting, cancelling and expiring agreements; pull payments; governance knobs. */
class EscrowAgreementLifecycleIT {

    private static ChainFixtures f;

    @BeforeAll
    static void deploy() {
        f = new ChainFixtures();
    }

    private NodeId node() {
        return f.nodeWithCollateral(PROVIDER, COLLATERAL.multiply(BigInteger.TWO));
    }

    @Test
    void creatingAnAgreementPullsTheWholePriceFromThePayer() {
        BigInteger before = f.balance(f.book.paymentToken(), CONSUMER);
        AgreementTerms terms = f.terms(node(), f.currentEpoch() + 1, 3);
        AgreementId id = f.escrow(CONSUMER).createAgreement(terms);

        assertThat(f.balance(f.book.paymentToken(), CONSUMER)).isEqualTo(before.subtract(PRICE.multiply(BigInteger.valueOf(3))));
        Agreement agreement = f.escrow(CONSUMER).agreement(id).orElseThrow();
        assertThat(agreement.status()).isEqualTo(AgreementStatus.PROPOSED);
        assertThat(agreement.provider()).isEqualTo(f.chain.address(PROVIDER));
        assertThat(agreement.consumer()).isEqualTo(f.chain.address(CONSUMER));
        assertThat(agreement.pricePerEpoch()).isEqualTo(PRICE);
        assertThat(agreement.feeBps()).isEqualTo(200);
        assertThat(f.escrow(CONSUMER).creditTiers(id)).isEqualTo(CreditTier.AWS_LIKE);
        assertThat(f.escrow(SETTLER).agreementByReference(f.chain.address(CONSUMER), terms.reference())).contains(id);
    }

    @Test // #13 M5
    void aFrontRunnerUsingTheConsumersReferenceDoesNotBlockTheConsumersFunding() {
        AgreementTerms real = f.terms(node(), f.currentEpoch() + 1, 2);
        // the attacker copies the reference from the pending transaction and funds a one-epoch, 1-unit agreement
        // naming the consumer on its own node
        AgreementTerms attack = new AgreementTerms(real.reference(), real.consumer(), node(), real.token(), BigInteger.ONE, 1,
                real.startEpoch(), BigInteger.ZERO, 0, BigInteger.ZERO, List.of());
        AgreementId attackers = f.escrow(STRANGER).createAgreement(attack);

        AgreementId consumers = f.escrow(CONSUMER).createAgreement(real);

        assertThat(consumers).isNotEqualTo(attackers);
        assertThat(f.escrow(SETTLER).agreementByReference(f.chain.address(CONSUMER), real.reference())).contains(consumers);
        assertThat(f.escrow(SETTLER).agreementByReference(f.chain.address(STRANGER), real.reference())).contains(attackers);
        Agreement funded = f.escrow(SETTLER).agreement(consumers).orElseThrow();
        assertThat(funded.nodeId()).isEqualTo(real.nodeId());
        assertThat(funded.pricePerEpoch()).isEqualTo(PRICE);
        assertThat(funded.epochs()).isEqualTo(2);
    }

    @Test
    void aRetriedCreationWithTheSameReferencePaysOnce() {
        BigInteger before = f.balance(f.book.paymentToken(), CONSUMER);
        AgreementTerms terms = f.terms(node(), f.currentEpoch() + 1, 1);
        AgreementId first = f.escrow(CONSUMER).createAgreement(terms);
        AgreementId second = f.escrow(CONSUMER).createAgreement(terms);

        assertThat(second).isEqualTo(first);
        assertThat(f.balance(f.book.paymentToken(), CONSUMER)).isEqualTo(before.subtract(PRICE));
        String duplicate = f.escrowCalls().createAgreement(terms.reference().value().bytes(), terms.consumer().value(),
                terms.nodeId().value().bytes(), terms.token().value(), PRICE, BigInteger.ONE, BigInteger.valueOf(terms.startEpoch()),
                COLLATERAL, BigInteger.ZERO, BigInteger.ZERO, List.of(), List.of()).encodeFunctionCall();
        assertReverts(() -> f.send(CONSUMER, f.book.escrow(), duplicate), "DuplicateReference");
    }

    @Test
    void rejectsTermsThatCannotBeHonoured() {
        f.startEpoch(f.currentEpoch() + 2); // so that "two epochs ago" exists
        NodeId node = node();
        long next = f.currentEpoch() + 1;
        AgreementTerms ok = f.terms(node, next, 2);
        assertReverts(() -> f.escrow(CONSUMER).createAgreement(with(ok, NodeId.of(UUID.randomUUID()), next, PRICE, ok.slashAmount(), ok.creditTiers())),
                "UnknownNodeProvider");
        assertReverts(() -> f.escrow(CONSUMER).createAgreement(with(ok, node, next - 2, PRICE, ok.slashAmount(), ok.creditTiers())),
                "StartEpochPassed");
        assertReverts(() -> f.escrow(CONSUMER).createAgreement(with(ok, node, next, BigInteger.ZERO, ok.slashAmount(), ok.creditTiers())),
                "InvalidTerms");
        assertReverts(() -> f.escrow(CONSUMER).createAgreement(with(ok, node, next, PRICE, COLLATERAL.add(BigInteger.ONE), ok.creditTiers())),
                "InvalidTerms");
        List<CreditTier> ascending = List.of(new CreditTier(950_000, 1_000), new CreditTier(990_000, 2_500));
        assertReverts(() -> f.escrow(CONSUMER).createAgreement(with(ok, node, next, PRICE, ok.slashAmount(), ascending)),
                "InvalidCreditTiers");
        String zeroReference = f.escrowCalls().createAgreement(new byte[32], ok.consumer().value(), node.value().bytes(),
                ok.token().value(), PRICE, BigInteger.ONE, BigInteger.valueOf(next), COLLATERAL, BigInteger.ZERO, BigInteger.ZERO,
                List.of(), List.of()).encodeFunctionCall();
        assertReverts(() -> f.send(CONSUMER, f.book.escrow(), zeroReference), "ZeroAddress");
        assertReverts(() -> f.send(CONSUMER, f.book.escrow(), create(ok, Address.ZERO, ok.token(), 2, ok.slashBelowPpm(),
                List.of(), List.of())), "ZeroAddress");
        assertReverts(() -> f.send(CONSUMER, f.book.escrow(), create(ok, ok.consumer(), Address.ZERO, 2, ok.slashBelowPpm(),
                List.of(), List.of())), "ZeroAddress");
        assertReverts(() -> f.send(CONSUMER, f.book.escrow(), create(ok, ok.consumer(), ok.token(), 0, ok.slashBelowPpm(),
                List.of(), List.of())), "InvalidTerms");
        assertReverts(() -> f.send(CONSUMER, f.book.escrow(), create(ok, ok.consumer(), ok.token(), 2, 1_000_001,
                List.of(), List.of())), "InvalidTerms");
    }

    @Test
    void rejectsCreditTiersThatAreNotAtMostFiveDescendingThresholdsWithAscendingCredits() {
        NodeId node = node();
        AgreementTerms ok = f.terms(node, f.currentEpoch() + 1, 1);
        Map<String, List<List<Integer>>> invalid = new LinkedHashMap<>();
        invalid.put("lengths differ", List.of(List.of(999_000, 990_000), List.of(1_000)));
        invalid.put("six tiers", List.of(List.of(999_000, 990_000, 950_000, 900_000, 800_000, 700_000),
                List.of(1_000, 2_000, 3_000, 4_000, 5_000, 6_000)));
        invalid.put("credits descending", List.of(List.of(999_000, 990_000), List.of(2_500, 1_000)));
        invalid.put("credits equal", List.of(List.of(999_000, 990_000), List.of(2_500, 2_500)));
        invalid.put("credit above 100 %", List.of(List.of(999_000), List.of(10_001)));
        invalid.put("threshold 0", List.of(List.of(999_000, 0), List.of(1_000, 2_500)));
        invalid.put("threshold above 100 %", List.of(List.of(1_000_001), List.of(1_000)));
        invalid.forEach((why, tiers) -> {
            String data = create(ok, ok.consumer(), ok.token(), 1, ok.slashBelowPpm(), tiers.get(0), tiers.get(1));
            assertThatThrownBy(() -> f.send(CONSUMER, f.book.escrow(), data)).as(why)
                    .isInstanceOfSatisfying(ChainException.Reverted.class, e -> assertThat(e.error()).isEqualTo("InvalidCreditTiers"));
        });

        List<CreditTier> five = List.of(new CreditTier(1_000_000, 500), new CreditTier(999_000, 1_000), new CreditTier(990_000, 2_500),
                new CreditTier(950_000, 5_000), new CreditTier(500_000, 10_000));
        AgreementId id = f.escrow(CONSUMER).createAgreement(with(ok, node, ok.startEpoch(), PRICE, ok.slashAmount(), five));
        assertThat(f.escrow(CONSUMER).creditTiers(id)).isEqualTo(five);
    }

    /** Raw calldata of createAgreement, for terms the Java types would refuse to build. */
    private static String create(AgreementTerms t, Address consumer, Address token, long epochs, long slashBelowPpm,
                                 List<Integer> thresholdsPpm, List<Integer> creditsBps) {
        return f.escrowCalls().createAgreement(AgreementRef.of(UUID.randomUUID()).value().bytes(), consumer.value(),
                t.nodeId().value().bytes(), token.value(), t.pricePerEpoch(), BigInteger.valueOf(epochs), BigInteger.valueOf(t.startEpoch()),
                t.collateral(), BigInteger.valueOf(slashBelowPpm), t.slashAmount(),
                thresholdsPpm.stream().map(BigInteger::valueOf).toList(), creditsBps.stream().map(BigInteger::valueOf).toList())
                .encodeFunctionCall();
    }

    @Test
    void aTokenThatDeliversLessThanSentIsRefused() {
        Address taxed = Address.of(f.chain.account(CONSUMER).deploy(null,
                io.flashback.chain.web3j.testcontracts.FeeOnTransferToken.BINARY).getContractAddress());
        var token = io.flashback.chain.web3j.testcontracts.FeeOnTransferToken.load(taxed.value(), f.chain.web3j(),
                new org.web3j.tx.ReadonlyTransactionManager(f.chain.web3j(), Address.ZERO.value()),
                new org.web3j.tx.gas.StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
        f.send(CONSUMER, taxed, token.mint(f.chain.address(CONSUMER).value(), PRICE.multiply(BigInteger.TEN)).encodeFunctionCall());
        AgreementTerms t = f.terms(node(), f.currentEpoch() + 1, 1);
        AgreementTerms inTaxedToken = new AgreementTerms(t.reference(), t.consumer(), t.nodeId(), taxed, t.pricePerEpoch(), t.epochs(),
                t.startEpoch(), t.collateral(), t.slashBelowPpm(), t.slashAmount(), t.creditTiers());

        assertReverts(() -> f.escrow(CONSUMER).createAgreement(inTaxedToken), "UnsupportedToken");
    }

    private static AgreementTerms with(AgreementTerms t, NodeId node, long start, BigInteger price, BigInteger slash, List<CreditTier> tiers) {
        return new AgreementTerms(AgreementRef.of(UUID.randomUUID()), t.consumer(), node, t.token(), price, t.epochs(), start,
                t.collateral(), t.slashBelowPpm(), slash, tiers);
    }

    @Test
    void acceptingLocksTheProvidersCollateral() {
        NodeId node = node();
        AgreementId id = f.escrow(CONSUMER).createAgreement(f.terms(node, f.currentEpoch() + 1, 2));

        assertThat(f.escrow(PROVIDER).accept(id)).isInstanceOf(TxOutcome.Mined.class);

        assertThat(f.escrow(PROVIDER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(f.registry(PROVIDER).node(node).orElseThrow().locked()).isEqualTo(COLLATERAL);
        assertThat(f.escrow(PROVIDER).accept(id)).isInstanceOf(TxOutcome.AlreadyApplied.class);
        assertReverts(() -> f.send(PROVIDER, f.book.escrow(), f.escrowCalls().accept(id.value()).encodeFunctionCall()), "WrongStatus");
    }

    @Test
    void anAcceptedAgreementCannotBeRejected() {
        AgreementId id = f.escrow(CONSUMER).createAgreement(f.terms(node(), f.currentEpoch() + 1, 1));
        f.escrow(PROVIDER).accept(id);

        assertReverts(() -> f.send(PROVIDER, f.book.escrow(), f.escrowCalls().reject(id.value()).encodeFunctionCall()), "WrongStatus");
        assertThat(f.escrow(PROVIDER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.ACTIVE);
    }

    @Test
    void onlyTheProviderAcceptsOrRejects() {
        AgreementId id = f.escrow(CONSUMER).createAgreement(f.terms(node(), f.currentEpoch() + 1, 1));
        assertReverts(() -> f.escrow(STRANGER).accept(id), "NotProvider");
        assertReverts(() -> f.escrow(CONSUMER).reject(id), "NotProvider");
    }

    @Test
    void acceptingNeedsEnoughFreeCollateral() {
        NodeId poor = f.nodeWithCollateral(PROVIDER, COLLATERAL.divide(BigInteger.TWO));
        AgreementId id = f.escrow(CONSUMER).createAgreement(f.terms(poor, f.currentEpoch() + 1, 1));
        assertReverts(() -> f.escrow(PROVIDER).accept(id), "InsufficientFreeCollateral");
    }

    @Test
    void acceptingAfterTheStartIsRejected() {
        long start = f.currentEpoch() + 1;
        AgreementId id = f.escrow(CONSUMER).createAgreement(f.terms(node(), start, 1));
        f.startEpoch(start + 1);
        assertReverts(() -> f.escrow(PROVIDER).accept(id), "StartEpochPassed");
    }

    @Test
    void aRejectedAgreementIsRefundedToTheConsumersBalanceForWithdrawal() {
        BigInteger before = f.balance(f.book.paymentToken(), CONSUMER)
                .add(f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER)));
        AgreementId id = f.escrow(CONSUMER).createAgreement(f.terms(node(), f.currentEpoch() + 1, 2));
        TxOutcome rejected = f.escrow(PROVIDER).reject(id);

        assertThat(f.escrow(PROVIDER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.REJECTED);
        assertThat(getAgreementRejectedEvents(f.receipt(rejected))).singleElement().satisfies(e -> {
            assertThat(e.id).isEqualTo(id.value());
            assertThat(e.refund).isEqualTo(PRICE.multiply(BigInteger.TWO));
        });
        assertThat(f.escrow(PROVIDER).reject(id)).isInstanceOf(TxOutcome.AlreadyApplied.class);
        f.escrow(CONSUMER).withdraw(f.book.paymentToken());
        assertThat(f.balance(f.book.paymentToken(), CONSUMER)).isEqualTo(before);
        assertThat(f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER))).isZero();
        assertThat(f.escrow(CONSUMER).withdraw(f.book.paymentToken())).isInstanceOf(TxOutcome.AlreadyApplied.class);
        assertReverts(() -> f.send(CONSUMER, f.book.escrow(), f.escrowCalls().withdraw(f.book.paymentToken().value()).encodeFunctionCall()),
                "NothingToWithdraw");
    }

    @Test
    void theConsumerCancelsAProposedAgreementInFull() {
        AgreementId id = f.escrow(CONSUMER).createAgreement(f.terms(node(), f.currentEpoch() + 1, 2));
        BigInteger balance = f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER));
        assertReverts(() -> f.escrow(STRANGER).cancel(id), "NotConsumer");

        TxOutcome cancelled = f.escrow(CONSUMER).cancel(id);

        assertThat(f.escrow(CONSUMER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.CANCELLED);
        assertThat(getAgreementCancelledEvents(f.receipt(cancelled))).singleElement().satisfies(e -> {
            assertThat(e.id).isEqualTo(id.value());
            assertThat(e.refund).isEqualTo(PRICE.multiply(BigInteger.TWO));
            assertThat(e.epochs).isZero();
        });
        assertThat(f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER)))
                .isEqualTo(balance.add(PRICE.multiply(BigInteger.TWO)));
        assertThat(f.escrow(CONSUMER).cancel(id)).isInstanceOf(TxOutcome.AlreadyApplied.class);
        assertReverts(() -> f.escrow(PROVIDER).accept(id), "WrongStatus");
    }

    @Test
    void cancellingAnActiveAgreementRefundsTheEpochsNotYetBegun() {
        AgreementId id = f.activeAgreement(3);
        Agreement agreement = f.escrow(CONSUMER).agreement(id).orElseThrow();
        f.startEpoch(agreement.startEpoch());
        BigInteger balance = f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER));

        TxOutcome outcome = f.escrow(CONSUMER).cancel(id);

        assertThat(getAgreementCancelledEvents(f.receipt(outcome))).singleElement().satisfies(e -> {
            assertThat(e.refund).isEqualTo(PRICE.multiply(BigInteger.TWO));
            assertThat(e.epochs).isEqualTo(BigInteger.ONE);
        });
        Agreement cancelled = f.escrow(CONSUMER).agreement(id).orElseThrow();
        assertThat(cancelled.epochs()).isEqualTo(1);
        assertThat(cancelled.status()).isEqualTo(AgreementStatus.ACTIVE); // the running epoch is still owed
        assertThat(f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER)))
                .isEqualTo(balance.add(PRICE.multiply(BigInteger.TWO)));
        assertReverts(() -> f.send(CONSUMER, f.book.escrow(), f.escrowCalls().cancel(id.value()).encodeFunctionCall()), "NothingToCancel");

        var tree = f.report(agreement.startEpoch(), List.of(new EpochResult(id, agreement.startEpoch(), 1_000_000)));
        f.escrow(SETTLER).settle(tree.proven(id).orElseThrow());
        assertThat(f.escrow(CONSUMER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.COMPLETED);
        assertThat(f.registry(PROVIDER).node(agreement.nodeId()).orElseThrow().locked()).isZero();
    }

    @Test
    void aCancellationRetriedAfterACrashIsFoundAppliedOnChain() {
        AgreementId id = f.activeAgreement(3);
        Agreement agreement = f.escrow(CONSUMER).agreement(id).orElseThrow();
        f.startEpoch(agreement.startEpoch());
        assertThat(f.escrow(CONSUMER).cancel(id)).isInstanceOf(TxOutcome.Mined.class);
        BigInteger balance = f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER));

        // a restarted process: same key, empty in-memory journal; the agreement is still ACTIVE (its running epoch is owed)
        Web3jSlaEscrow restarted = new Web3jSlaEscrow(new Web3jTransactions(f.chain.web3j(), ChainKeys.anvil(CONSUMER),
                f.book.chainId(), TransactionSettings.defaults(), new InMemoryTransactionJournal()), f.book.escrow());
        assertThat(restarted.cancel(id)).isInstanceOf(TxOutcome.AlreadyApplied.class);
        f.startEpoch(agreement.startEpoch() + 1);
        assertThat(restarted.cancel(id)).isInstanceOf(TxOutcome.AlreadyApplied.class);

        assertThat(f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER))).isEqualTo(balance);
        assertThat(f.escrow(CONSUMER).agreement(id).orElseThrow().epochs()).isEqualTo(1);
    }

    @Test
    void cancellingBeforeTheFirstEpochEndsTheAgreementAndReleasesCollateral() {
        AgreementId id = f.activeAgreement(2);
        Agreement agreement = f.escrow(CONSUMER).agreement(id).orElseThrow();

        f.escrow(CONSUMER).cancel(id);

        assertThat(f.escrow(CONSUMER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.CANCELLED);
        assertThat(f.registry(PROVIDER).node(agreement.nodeId()).orElseThrow().locked()).isZero();
    }

    @Test
    void onlyProposedOrActiveAgreementsCanBeCancelled() {
        long start = f.currentEpoch() + 1;
        AgreementId rejected = f.escrow(CONSUMER).createAgreement(f.terms(node(), start, 1));
        f.escrow(PROVIDER).reject(rejected);
        AgreementId expired = f.escrow(CONSUMER).createAgreement(f.terms(node(), start, 1));
        AgreementId completed = f.escrow(CONSUMER).createAgreement(f.terms(node(), start, 1));
        f.escrow(PROVIDER).accept(completed);
        var tree = f.report(start, List.of(new EpochResult(completed, start, 1_000_000)));
        f.escrow(SETTLER).settle(tree.proven(completed).orElseThrow());
        f.startEpoch(start + 1);
        f.escrow(STRANGER).expire(expired);

        for (AgreementId id : List.of(rejected, expired, completed)) {
            assertReverts(() -> f.send(CONSUMER, f.book.escrow(), f.escrowCalls().cancel(id.value()).encodeFunctionCall()), "WrongStatus");
        }
        assertThat(List.of(rejected, expired, completed)).map(id -> f.escrow(CONSUMER).agreement(id).orElseThrow().status())
                .containsExactly(AgreementStatus.REJECTED, AgreementStatus.EXPIRED, AgreementStatus.COMPLETED);
    }

    @Test
    void anAgreementNeverAcceptedExpiresOnceItsStartHasPassed() {
        long start = f.currentEpoch() + 1;
        AgreementId id = f.escrow(CONSUMER).createAgreement(f.terms(node(), start, 2));
        assertReverts(() -> f.escrow(STRANGER).expire(id), "NotExpired");
        BigInteger balance = f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER));

        f.startEpoch(start + 1);
        TxOutcome expired = f.escrow(STRANGER).expire(id);

        assertThat(f.escrow(CONSUMER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(getAgreementExpiredEvents(f.receipt(expired))).singleElement().satisfies(e -> {
            assertThat(e.id).isEqualTo(id.value());
            assertThat(e.refund).isEqualTo(PRICE.multiply(BigInteger.TWO));
        });
        assertThat(f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER)))
                .isEqualTo(balance.add(PRICE.multiply(BigInteger.TWO)));
        assertThat(f.escrow(STRANGER).expire(id)).isInstanceOf(TxOutcome.AlreadyApplied.class);
    }

    @Test
    void anActiveAgreementLeftUnsettledExpiresAfterTheGracePeriod() {
        AgreementId id = f.activeAgreement(1);
        Agreement agreement = f.escrow(CONSUMER).agreement(id).orElseThrow();
        f.startEpoch(agreement.startEpoch() + 1 + f.book.settlementGraceEpochs() - 1);
        assertReverts(() -> f.escrow(STRANGER).expire(id), "NotExpired");
        BigInteger balance = f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER));

        f.startEpoch(agreement.startEpoch() + 1 + f.book.settlementGraceEpochs());
        TxOutcome expired = f.escrow(STRANGER).expire(id);

        assertThat(getAgreementExpiredEvents(f.receipt(expired))).singleElement().satisfies(e -> assertThat(e.refund).isEqualTo(PRICE));

        assertThat(f.escrow(CONSUMER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(f.escrow(CONSUMER).balanceOf(f.book.paymentToken(), f.chain.address(CONSUMER))).isEqualTo(balance.add(PRICE));
        assertThat(f.registry(PROVIDER).node(agreement.nodeId()).orElseThrow().locked()).isZero();
    }

    @Test
    void unknownAgreementsAreRejected() {
        assertThat(f.escrow(CONSUMER).agreement(AgreementId.of(123_456))).isEmpty();
        assertReverts(() -> f.escrow(CONSUMER).cancel(AgreementId.of(123_456)), "UnknownAgreement");
    }

    @Test
    void onlyGovernanceChangesFeeTreasuryAndGraceWithinBounds() {
        var calls = f.escrowCalls();
        assertReverts(() -> f.send(STRANGER, f.book.escrow(), calls.setPlatformFee(BigInteger.ONE).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");
        assertReverts(() -> f.send(GOVERNANCE, f.book.escrow(), calls.setPlatformFee(BigInteger.valueOf(1_001)).encodeFunctionCall()),
                "FeeTooHigh");
        assertReverts(() -> f.send(GOVERNANCE, f.book.escrow(), calls.setTreasury(Address.ZERO.value()).encodeFunctionCall()),
                "ZeroAddress");
        assertReverts(() -> f.send(STRANGER, f.book.escrow(), calls.setTreasury(f.chain.address(STRANGER).value()).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");
        assertReverts(() -> f.send(STRANGER, f.book.escrow(), calls.setSettlementGrace(BigInteger.ONE).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");

        f.send(GOVERNANCE, f.book.escrow(), calls.setTreasury(f.chain.address(STRANGER).value()).encodeFunctionCall());
        f.send(GOVERNANCE, f.book.escrow(), calls.setSettlementGrace(BigInteger.valueOf(3)).encodeFunctionCall());
        try {
            assertThat(view(calls.treasury())).isEqualToIgnoringCase(f.chain.address(STRANGER).value());
            assertThat(view(calls.settlementGraceEpochs())).isEqualTo(BigInteger.valueOf(3));
        } finally {
            f.send(GOVERNANCE, f.book.escrow(), calls.setTreasury(f.book.treasury().value()).encodeFunctionCall());
            f.send(GOVERNANCE, f.book.escrow(), calls.setSettlementGrace(BigInteger.valueOf(f.book.settlementGraceEpochs())).encodeFunctionCall());
        }
    }

    @Test
    void anEscrowIsNotDeployedWithoutRegistryHubAndTreasuryOrWithAFeeAboveTenPercent() {
        var governance = abi(f.book.governance());
        var registry = abi(f.book.registry());
        var hub = abi(f.book.oracleHub());
        var treasury = abi(f.book.treasury());
        var zero = abi(Address.ZERO);
        var fee = new Uint16(200);
        var grace = new Uint32(2);
        String binary = io.flashback.chain.web3j.contracts.SlaEscrow.BINARY;

        assertReverts(() -> f.deploy(binary, governance, zero, hub, treasury, fee, grace), "ZeroAddress");
        assertReverts(() -> f.deploy(binary, governance, registry, zero, treasury, fee, grace), "ZeroAddress");
        assertReverts(() -> f.deploy(binary, governance, registry, hub, zero, fee, grace), "ZeroAddress");
        assertReverts(() -> f.deploy(binary, governance, registry, hub, treasury, new Uint16(1_001), grace), "FeeTooHigh");
        Address atTheLimit = f.deploy(binary, governance, registry, hub, treasury, new Uint16(1_000), grace);
        assertThat(view(io.flashback.chain.web3j.contracts.SlaEscrow.load(atTheLimit.value(), f.chain.web3j(),
                new org.web3j.tx.ReadonlyTransactionManager(f.chain.web3j(), Address.ZERO.value()),
                new org.web3j.tx.gas.StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO)).platformFeeBps())).isEqualTo(BigInteger.valueOf(1_000));
    }

    static <T> T view(org.web3j.protocol.core.RemoteFunctionCall<T> call) {
        try {
            return call.send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
