package io.flashback.chain;

import io.flashback.chain.merkle.EpochResultTree;
import io.flashback.chain.merkle.ResultLeaves;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.flashback.chain.ChainFixtures.COLLATERAL;
import static io.flashback.chain.ChainFixtures.PRICE;
import static io.flashback.chain.ChainFixtures.SLASH;
import static io.flashback.chain.ChainFixtures.assertReverts;
import static io.flashback.chain.TestChain.CONSUMER;
import static io.flashback.chain.TestChain.GOVERNANCE;
import static io.flashback.chain.TestChain.PROVIDER;
import static io.flashback.chain.TestChain.SETTLER;
import static io.flashback.chain.web3j.contracts.BridgeNodeRegistry.getCollateralSlashedEvents;
import static org.assertj.core.api.Assertions.assertThat;

/** Settling agreements epoch by epoch from validator-signed roots (SlaEscrow.settle / settleBatch). */
class EpochSettlementIT {

    private static ChainFixtures f;

    @BeforeAll
    static void deploy() {
        f = new ChainFixtures();
    }

    private static BigInteger fee(BigInteger earned) {
        return earned.multiply(BigInteger.valueOf(200)).divide(BigInteger.valueOf(10_000));
    }

    @Test
    void paysTheProviderCreditsTheConsumerTakesTheFeeAndSlashesPerEpoch() {
        AgreementId id = f.activeAgreement(3);
        Agreement agreement = f.escrow(CONSUMER).agreement(id).orElseThrow();
        long e = agreement.startEpoch();
        var token = f.book.paymentToken();
        var stake = f.book.stakingToken();
        var escrow = f.escrow(SETTLER);
        BigInteger providerBefore = escrow.balanceOf(token, f.chain.address(PROVIDER));
        BigInteger consumerBefore = escrow.balanceOf(token, f.chain.address(CONSUMER));
        BigInteger treasuryBefore = escrow.balanceOf(token, f.book.treasury());
        BigInteger consumerStakeBefore = escrow.balanceOf(stake, f.chain.address(CONSUMER));

        // epoch 1 met the SLA: no credit, 2 % fee
        EpochResultTree first = f.report(e, List.of(new EpochResult(id, e, 1_000_000)));
        escrow.settle(first.proven(id).orElseThrow());
        BigInteger providerShare = PRICE.subtract(fee(PRICE));
        assertThat(escrow.balanceOf(token, f.chain.address(PROVIDER))).isEqualTo(providerBefore.add(providerShare));
        assertThat(escrow.balanceOf(token, f.book.treasury())).isEqualTo(treasuryBefore.add(fee(PRICE)));

        // epoch 2 at 99.5 %: below 99.9 % → 10 % back to the consumer
        EpochResultTree second = f.report(e + 1, List.of(new EpochResult(id, e + 1, 995_000)));
        escrow.settle(second.proven(id).orElseThrow());
        BigInteger credit = PRICE.divide(BigInteger.TEN);
        BigInteger earned = PRICE.subtract(credit);
        assertThat(escrow.balanceOf(token, f.chain.address(CONSUMER))).isEqualTo(consumerBefore.add(credit));
        assertThat(escrow.balanceOf(token, f.chain.address(PROVIDER)))
                .isEqualTo(providerBefore.add(providerShare).add(earned.subtract(fee(earned))));

        // epoch 3 at 90 %: everything back and collateral slashed for the consumer; then completed
        EpochResultTree third = f.report(e + 2, List.of(new EpochResult(id, e + 2, 900_000)));
        TxOutcome slashing = escrow.settle(third.proven(id).orElseThrow());
        assertThat(getCollateralSlashedEvents(f.receipt(slashing))).singleElement().satisfies(s -> {
            assertThat(s.nodeId).isEqualTo(agreement.nodeId().value().bytes());
            assertThat(s.recipient).isEqualToIgnoringCase(f.book.escrow().value());
            assertThat(s.amount).isEqualTo(SLASH);
            assertThat(s.locked).isEqualTo(COLLATERAL.subtract(SLASH));
        });
        assertThat(escrow.balanceOf(token, f.chain.address(CONSUMER))).isEqualTo(consumerBefore.add(credit).add(PRICE));
        assertThat(escrow.balanceOf(stake, f.chain.address(CONSUMER))).isEqualTo(consumerStakeBefore.add(SLASH));

        Agreement done = escrow.agreement(id).orElseThrow();
        assertThat(done.status()).isEqualTo(AgreementStatus.COMPLETED);
        assertThat(done.settledEpochs()).isEqualTo(3);
        assertThat(done.collateralLocked()).isZero();
        BridgeNode node = f.registry(PROVIDER).node(done.nodeId()).orElseThrow();
        assertThat(node.locked()).isZero();
        assertThat(node.bonded()).isEqualTo(COLLATERAL.multiply(BigInteger.TWO).subtract(SLASH));
    }

    @Test
    void settlingAnEpochTwiceIsRejected() {
        AgreementId id = f.activeAgreement(2);
        long e = f.escrow(CONSUMER).agreement(id).orElseThrow().startEpoch();
        EpochResultTree tree = f.report(e, List.of(new EpochResult(id, e, 1_000_000)));
        ProvenResult proven = tree.proven(id).orElseThrow();
        assertThat(f.escrow(SETTLER).settle(proven)).isInstanceOf(TxOutcome.Mined.class);

        assertThat(f.escrow(SETTLER).settle(proven)).isInstanceOf(TxOutcome.AlreadyApplied.class);
        String again = f.escrowCalls().settle(id.value(), BigInteger.valueOf(e), BigInteger.valueOf(1_000_000),
                proven.proof().stream().map(Bytes32::bytes).toList()).encodeFunctionCall();
        assertReverts(() -> f.send(SETTLER, f.book.escrow(), again), "EpochAlreadySettled");
    }

    @Test // #13 M6
    void anAgreementSettlesAcrossAnEpochReportedAfterTheNextOne() {
        AgreementId id = f.activeAgreement(2);
        long e = f.escrow(CONSUMER).agreement(id).orElseThrow().startEpoch();
        var escrow = f.escrow(SETTLER);
        BigInteger providerBefore = escrow.balanceOf(f.book.paymentToken(), f.chain.address(PROVIDER));
        EpochResultTree next = f.report(e + 1, List.of(new EpochResult(id, e + 1, 1_000_000))); // epoch e skipped

        EpochResultTree late = f.report(e, List.of(new EpochResult(id, e, 1_000_000)));
        escrow.settle(late.proven(id).orElseThrow());
        escrow.settle(next.proven(id).orElseThrow());

        assertThat(escrow.agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.COMPLETED);
        assertThat(escrow.balanceOf(f.book.paymentToken(), f.chain.address(PROVIDER)))
                .isEqualTo(providerBefore.add(PRICE.subtract(fee(PRICE)).multiply(BigInteger.TWO)));
    }

    @Test // #13 M6
    void anEpochNeverReportedIsSettledByTheDefaultAfterTheGraceAndTheAgreementGoesOn() {
        AgreementId id = f.activeAgreement(2);
        long e = f.escrow(CONSUMER).agreement(id).orElseThrow().startEpoch();
        var escrow = f.escrow(TestChain.STRANGER); // anyone may apply the default
        var token = f.book.paymentToken();
        BigInteger providerBefore = escrow.balanceOf(token, f.chain.address(PROVIDER));
        BigInteger consumerBefore = escrow.balanceOf(token, f.chain.address(CONSUMER));
        BigInteger treasuryBefore = escrow.balanceOf(token, f.book.treasury());
        EpochResultTree next = f.report(e + 1, List.of(new EpochResult(id, e + 1, 1_000_000))); // epoch e never reported
        assertReverts(() -> escrow.settle(next.proven(id).orElseThrow()), "EpochOutOfOrder");
        assertReverts(() -> escrow.settleUnreported(e, List.of(id)), "EpochStillInGrace");

        f.endEpoch(e + f.book.settlementGraceEpochs()); // the grace after epoch e is over
        assertThat(escrow.settleUnreported(e, List.of(id))).isInstanceOf(TxOutcome.Mined.class);

        // the unjudged epoch: the consumer has its payment back, the provider and the treasury nothing
        assertThat(escrow.balanceOf(token, f.chain.address(CONSUMER))).isEqualTo(consumerBefore.add(PRICE));
        assertThat(escrow.balanceOf(token, f.chain.address(PROVIDER))).isEqualTo(providerBefore);
        assertThat(escrow.balanceOf(token, f.book.treasury())).isEqualTo(treasuryBefore);
        assertThat(escrow.settleUnreported(e, List.of(id))).isInstanceOf(TxOutcome.AlreadyApplied.class);
        String again = f.escrowCalls().settleUnreported(BigInteger.valueOf(e), List.of(id.value())).encodeFunctionCall();
        f.send(TestChain.STRANGER, f.book.escrow(), again); // skipped: settled once
        assertThat(escrow.balanceOf(token, f.chain.address(CONSUMER))).isEqualTo(consumerBefore.add(PRICE));
        // settlement goes on past the missed epoch
        escrow.settle(next.proven(id).orElseThrow());
        Agreement done = escrow.agreement(id).orElseThrow();
        assertThat(done.status()).isEqualTo(AgreementStatus.COMPLETED);
        assertThat(done.settledEpochs()).isEqualTo(2);
        assertThat(escrow.balanceOf(token, f.chain.address(PROVIDER))).isEqualTo(providerBefore.add(PRICE.subtract(fee(PRICE))));
        // a reported epoch is never settled by the default
        String reported = f.escrowCalls().settleUnreported(BigInteger.valueOf(e + 1), List.of(id.value())).encodeFunctionCall();
        assertReverts(() -> f.send(TestChain.STRANGER, f.book.escrow(), reported), "EpochWasReported");
    }

    @Test
    void epochsSettleInOrder() {
        AgreementId id = f.activeAgreement(2);
        long e = f.escrow(CONSUMER).agreement(id).orElseThrow().startEpoch();
        f.report(e, List.of(new EpochResult(id, e, 1_000_000)));
        EpochResultTree later = f.report(e + 1, List.of(new EpochResult(id, e + 1, 1_000_000)));

        assertReverts(() -> f.escrow(SETTLER).settle(later.proven(id).orElseThrow()), "EpochOutOfOrder");
    }

    @Test
    void rejectsAResultThatIsNotInTheReportedRoot() {
        AgreementId id = f.activeAgreement(1);
        long e = f.escrow(CONSUMER).agreement(id).orElseThrow().startEpoch();
        EpochResultTree tree = f.report(e, List.of(new EpochResult(id, e, 900_000), new EpochResult(AgreementId.of(999_999), e, 1_000_000)));
        ProvenResult honest = tree.proven(id).orElseThrow();
        ProvenResult forged = new ProvenResult(new EpochResult(id, e, 1_000_000), honest.proof());

        assertReverts(() -> f.escrow(PROVIDER).settle(forged), "InvalidProof");
    }

    @Test
    void onlyActiveAgreementsSettle() {
        NodeId node = f.nodeWithCollateral(PROVIDER, COLLATERAL);
        long e = f.currentEpoch() + 1;
        AgreementId proposed = f.escrow(CONSUMER).createAgreement(f.terms(node, e, 1));
        AgreementId cancelled = f.escrow(CONSUMER).createAgreement(f.terms(node, e, 1));
        f.escrow(CONSUMER).cancel(cancelled);
        AgreementId unknown = AgreementId.of(555_555);
        EpochResultTree tree = f.report(e, List.of(new EpochResult(proposed, e, 1_000_000), new EpochResult(cancelled, e, 1_000_000),
                new EpochResult(unknown, e, 1_000_000)));

        assertReverts(() -> f.send(SETTLER, f.book.escrow(), settleCall(tree.proven(proposed).orElseThrow())), "WrongStatus");
        assertReverts(() -> f.send(SETTLER, f.book.escrow(), settleCall(tree.proven(cancelled).orElseThrow())), "WrongStatus");
        assertReverts(() -> f.send(SETTLER, f.book.escrow(), settleCall(tree.proven(unknown).orElseThrow())), "UnknownAgreement");
    }

    private static String settleCall(ProvenResult proven) {
        EpochResult result = proven.result();
        return f.escrowCalls().settle(result.agreementId().value(), BigInteger.valueOf(result.epoch()),
                BigInteger.valueOf(result.availabilityPpm()), proven.proof().stream().map(Bytes32::bytes).toList()).encodeFunctionCall();
    }

    @Test
    void theJavaLeafIsTheContractsLeaf() throws Exception {
        List<EpochResult> results = List.of(new EpochResult(AgreementId.of(1), 0, 0), new EpochResult(AgreementId.of(123_456_789), 42, 999_500),
                new EpochResult(new AgreementId(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)), 4_294_967_295L, 1_000_000));
        for (EpochResult result : results) {
            byte[] onChain = f.escrowCalls().resultLeaf(result.agreementId().value(), BigInteger.valueOf(result.epoch()),
                    BigInteger.valueOf(result.availabilityPpm())).send();
            assertThat(ResultLeaves.leaf(f.book.escrow(), result)).as("leaf of %s", result).isEqualTo(Bytes32.of(onChain));
        }
    }

    @Test
    void rejectsSettlementOfAnEpochWithoutReport() {
        AgreementId id = f.activeAgreement(1);
        long e = f.escrow(CONSUMER).agreement(id).orElseThrow().startEpoch();
        EpochResultTree unreported = EpochResultTree.build(f.book.escrow(), e, List.of(new EpochResult(id, e, 1_000_000)));

        assertReverts(() -> f.escrow(SETTLER).settle(unreported.proven(id).orElseThrow()), "EpochNotReported");
    }

    @Test
    void slashingNeverExceedsTheCollateralLockedForTheAgreement() {
        // 1 000 FLASH locked, 300 per breached epoch, 5 breached epochs: 300 + 300 + 300 + 100 + 0
        AgreementId id = f.activeAgreement(5);
        Agreement agreement = f.escrow(CONSUMER).agreement(id).orElseThrow();
        BigInteger stakeBefore = f.escrow(SETTLER).balanceOf(f.book.stakingToken(), f.chain.address(CONSUMER));
        BigInteger bondedBefore = f.registry(PROVIDER).node(agreement.nodeId()).orElseThrow().bonded();
        for (long e = agreement.startEpoch(); e < agreement.startEpoch() + 5; e++) {
            EpochResultTree tree = f.report(e, List.of(new EpochResult(id, e, 100_000)));
            f.escrow(SETTLER).settle(tree.proven(id).orElseThrow());
            BridgeNode node = f.registry(PROVIDER).node(agreement.nodeId()).orElseThrow();
            assertThat(node.locked()).isGreaterThanOrEqualTo(BigInteger.ZERO);
            assertThat(bondedBefore.subtract(node.bonded())).isLessThanOrEqualTo(COLLATERAL);
        }
        assertThat(f.escrow(SETTLER).balanceOf(f.book.stakingToken(), f.chain.address(CONSUMER)))
                .isEqualTo(stakeBefore.add(COLLATERAL));
        BridgeNode node = f.registry(PROVIDER).node(agreement.nodeId()).orElseThrow();
        assertThat(node.bonded()).isEqualTo(bondedBefore.subtract(COLLATERAL));
        assertThat(node.locked()).isZero();
    }

    @Test
    void aBatchSettlesManyAgreementsAndSkipsSettledOnes() {
        AgreementId a = f.activeAgreement(1);
        AgreementId b = f.activeAgreement(1);
        AgreementId c = f.activeAgreement(1);
        long e = f.escrow(CONSUMER).agreement(a).orElseThrow().startEpoch();
        assertThat(f.escrow(CONSUMER).agreement(c).orElseThrow().startEpoch()).isEqualTo(e);
        EpochResultTree tree = f.report(e, List.of(new EpochResult(a, e, 1_000_000), new EpochResult(b, e, 995_000),
                new EpochResult(c, e, 1_000_000)));
        f.escrow(SETTLER).settle(tree.proven(a).orElseThrow());

        // the raw batch includes the settled agreement, which the contract skips
        String batch = f.escrow(SETTLER).encodeBatch(e, tree.provenAll());
        f.send(SETTLER, f.book.escrow(), batch);

        for (AgreementId id : List.of(a, b, c)) {
            assertThat(f.escrow(SETTLER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.COMPLETED);
        }
        assertThat(f.escrow(SETTLER).settleBatch(e, tree.provenAll())).isInstanceOf(TxOutcome.AlreadyApplied.class);
    }

    @Test
    void aBatchWithAnEpochOutOfOrderOrAnInvalidProofFailsAsAWhole() {
        // only agreements already past the epoch (or no longer active) are skipped; anything else wrong reverts the batch
        AgreementId a = f.activeAgreement(2);
        AgreementId b = f.activeAgreement(2);
        long e = f.escrow(CONSUMER).agreement(a).orElseThrow().startEpoch();
        assertThat(f.escrow(CONSUMER).agreement(b).orElseThrow().startEpoch()).isEqualTo(e);
        EpochResultTree first = f.report(e, List.of(new EpochResult(a, e, 1_000_000), new EpochResult(b, e, 1_000_000)));
        f.escrow(SETTLER).settle(first.proven(a).orElseThrow());                        // b's first epoch stays unsettled
        EpochResultTree second = f.report(e + 1, List.of(new EpochResult(a, e + 1, 1_000_000), new EpochResult(b, e + 1, 1_000_000)));
        ProvenResult honest = second.proven(a).orElseThrow();
        ProvenResult forged = new ProvenResult(new EpochResult(a, e + 1, 999_999), honest.proof());

        assertReverts(() -> f.send(SETTLER, f.book.escrow(), f.escrow(SETTLER).encodeBatch(e + 1, second.provenAll())), "EpochOutOfOrder");
        assertReverts(() -> f.send(SETTLER, f.book.escrow(), f.escrow(SETTLER).encodeBatch(e + 1, List.of(forged))), "InvalidProof");
        assertThat(f.escrow(SETTLER).agreement(a).orElseThrow().settledEpochs()).isEqualTo(1);

        f.escrow(SETTLER).settle(first.proven(b).orElseThrow());
        f.send(SETTLER, f.book.escrow(), f.escrow(SETTLER).encodeBatch(e + 1, second.provenAll()));
        for (AgreementId id : List.of(a, b)) {
            assertThat(f.escrow(SETTLER).agreement(id).orElseThrow().status()).isEqualTo(AgreementStatus.COMPLETED);
        }
    }

    @Test
    void aBatchWithMismatchedProofLengthsIsRejected() {
        AgreementId a = f.activeAgreement(1);
        long e = f.escrow(CONSUMER).agreement(a).orElseThrow().startEpoch();
        EpochResultTree tree = f.report(e, List.of(new EpochResult(a, e, 1_000_000), new EpochResult(AgreementId.of(77_777), e, 1)));
        ProvenResult proven = tree.proven(a).orElseThrow();
        String data = f.escrowCalls().settleBatch(BigInteger.valueOf(e), List.of(a.value()), List.of(BigInteger.valueOf(1_000_000)),
                proven.proof().stream().map(Bytes32::bytes).toList(), List.of(BigInteger.ZERO)).encodeFunctionCall();

        assertReverts(() -> f.send(SETTLER, f.book.escrow(), data), "BatchLengthMismatch");
        String unequal = f.escrowCalls().settleBatch(BigInteger.valueOf(e), List.of(a.value()), List.of(),
                List.of(), List.of(BigInteger.ZERO)).encodeFunctionCall();
        assertReverts(() -> f.send(SETTLER, f.book.escrow(), unequal), "BatchLengthMismatch");
    }

    @Test
    void aBatchOfAnUnreportedEpochIsRejected() {
        AgreementId a = f.activeAgreement(1);
        long e = f.escrow(CONSUMER).agreement(a).orElseThrow().startEpoch();
        EpochResultTree tree = EpochResultTree.build(f.book.escrow(), e, List.of(new EpochResult(a, e, 1_000_000)));

        assertReverts(() -> f.escrow(SETTLER).settleBatch(e, tree.provenAll()), "EpochNotReported");
    }

    @Test
    void settlementUsesTheFeeFixedAtCreation() {
        AgreementId before = f.activeAgreement(1);
        f.send(GOVERNANCE, f.book.escrow(), f.escrowCalls().setPlatformFee(BigInteger.valueOf(500)).encodeFunctionCall());
        try {
            AgreementId after = f.activeAgreement(1);
            assertThat(f.escrow(SETTLER).agreement(before).orElseThrow().feeBps()).isEqualTo(200);
            assertThat(f.escrow(SETTLER).agreement(after).orElseThrow().feeBps()).isEqualTo(500);
        } finally {
            f.send(GOVERNANCE, f.book.escrow(), f.escrowCalls().setPlatformFee(BigInteger.valueOf(200)).encodeFunctionCall());
        }
    }
}
