package io.flashback.orchestrator.payment;

import io.flashback.chain.AgreementId;
import io.flashback.chain.Bytes32;
import io.flashback.chain.EpochResult;
import io.flashback.chain.merkle.EpochResultTree;
import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.orchestrator.OrchestratorTestChain;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Epoch results as the oracle's validators produce them: the epoch's Merkle tree (the fiat agreement's result beside
 * another agreement's), its root posted on the test chain's real OracleHub with the deployment's k validator
 * signatures, and verdicts carrying their leaf's proof as oracle-service publishes them.
 */
final class QuorumResults {

    /** Anvil account 7: not a validator of the test deployment. */
    static final String STRANGER = "0x14dc79964da2c08b23698b3d3cc7ca32193d9955";

    private QuorumResults() {
    }

    /**
     * Moves a freshly funded fiat agreement's epochs onto epochs the test chain's hub can still take reports for. The
     * orchestrator counts a fiat agreement's epochs from its own clock, while tests move the shared chain's clock ahead to
     * finish epochs; without this the next test's agreement would start at epochs the hub has already passed.
     */
    static void onUnreportedEpochs(JdbcTemplate jdbc, OrchestratorTestChain chain, UUID agreementId) {
        long start = chain.currentEpoch() + 1; // epochs after the current one have no report yet
        jdbc.update("update fiat_agreement set start_epoch = ? where agreement_id = ? and start_epoch < ?", start, agreementId, start);
    }

    /** The epoch's results with the agreement's at {@code availabilityPpm}, without posting them. */
    static EpochResultTree results(OrchestratorTestChain chain, FiatAgreement agreement, long epoch, int availabilityPpm) {
        return EpochResultTree.build(chain.book().escrow(), epoch, List.of(new EpochResult(new AgreementId(agreement.number()), epoch,
                availabilityPpm), new EpochResult(AgreementId.of(1_000_000 + epoch), epoch, 1_000_000)));
    }

    /** The epoch's results, their root posted on OracleHub as k validators post it. */
    static EpochResultTree posted(OrchestratorTestChain chain, FiatAgreement agreement, long epoch, int availabilityPpm) {
        EpochResultTree tree = results(chain, agreement, epoch, availabilityPpm);
        chain.postRoot(epoch, tree.root());
        return tree;
    }

    /** A validator's verdict carrying the agreement's result from {@code tree} with its proof. */
    static SlaVerdictReached verdict(FiatAgreement agreement, EpochResultTree tree, String creditPct, String validator) {
        var proven = tree.proven(new AgreementId(agreement.number())).orElseThrow();
        return verdict(agreement, proven.result().epoch(), proven.result().availabilityPpm(), creditPct, tree.root(),
                proven.proof().stream().map(Bytes32::value).toList(), validator);
    }

    static SlaVerdictReached verdict(FiatAgreement agreement, long epoch, int availabilityPpm, String creditPct, Bytes32 root, List<String> proof,
                                     String validator) {
        boolean met = availabilityPpm == 1_000_000;
        return new SlaVerdictReached(UUID.randomUUID(), Instant.now(), "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9", agreement.number().toString(),
                epoch, agreement.schedule().endOf(epoch - 1), agreement.schedule().endOf(epoch), met ? "MET" : "BREACHED", availabilityPpm,
                availabilityPpm, new BigDecimal("35"), new BigDecimal("120"), new BigDecimal("240"), new BigDecimal("100"),
                new BigDecimal(creditPct), false, met ? "" : "AVAILABILITY", "", "0x" + "0b".repeat(32), root.value(), validator, proof);
    }
}
