package io.flashback.orchestrator.escrow;

import io.flashback.chain.Address;
import io.flashback.chain.AgreementId;
import io.flashback.chain.AgreementTerms;
import io.flashback.orchestrator.OrchestratorFixtures;
import io.flashback.orchestrator.OrchestratorIntegrationTest;
import io.flashback.orchestrator.OrchestratorTestChain;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.agreement.Transition;
import io.flashback.orchestrator.grant.DataAccessGrants;
import io.flashback.orchestrator.lifecycle.DecideAgreement;
import io.flashback.orchestrator.order.PlaceOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Agreements driven by what consumer and provider wallets do in the SlaEscrow on anvil (issue 6). */
class FundingAgreementsOnChainIT extends OrchestratorIntegrationTest {

    private static final BigDecimal PRICE = new BigDecimal("12.345678");

    @Autowired
    PlaceOrder placeOrder;
    @Autowired
    DecideAgreement decide;
    @Autowired
    Agreements agreements;
    @Autowired
    EscrowPlan plan;
    @Autowired
    EscrowLinks links;
    @Autowired
    DataAccessGrants grants;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void fundedAndAcceptedOnChainTheAgreementBecomesActiveWithAGrantAndEndsWhenCancelled() {
        Agreement accepted = acceptedAgreement();
        AgreementId onChain = CHAIN.escrow(OrchestratorTestChain.CONSUMER).createAgreement(expected(accepted));

        awaitState(accepted, AgreementState.FUNDED);
        CHAIN.escrow(OrchestratorTestChain.PROVIDER).accept(onChain);

        awaitState(accepted, AgreementState.ACTIVE);
        assertThat(grants.ofAgreement(accepted.id().value())).hasValueSatisfying(grant -> {
            assertThat(grant.active()).isTrue();
            assertThat(grant.nodeId()).isEqualTo(accepted.nodeId());
        });
        assertThat(links.ofAgreement(accepted.id())).hasValueSatisfying(link -> assertThat(link.escrowAgreementId()).isEqualTo(onChain.value()));

        CHAIN.escrow(OrchestratorTestChain.CONSUMER).cancel(onChain);

        awaitState(accepted, AgreementState.TERMINATED_BY_CONSUMER);
        assertThat(grants.ofAgreement(accepted.id().value()).orElseThrow().active()).isFalse();
        assertThat(agreements.history(accepted.id())).extracting(Transition::to).containsExactly(AgreementState.REQUESTED, AgreementState.ACCEPTED,
                AgreementState.FUNDED, AgreementState.ACTIVE, AgreementState.TERMINATED_BY_CONSUMER);
        assertThat(agreements.history(accepted.id()).get(2).reason()).contains("funded in escrow agreement " + onChain);
        assertThat(published(accepted)).containsExactly("io.flashback.orchestrator.agreement-requested.v1",
                "io.flashback.orchestrator.agreement-accepted.v1", "io.flashback.orchestrator.agreement-funded.v1",
                "io.flashback.orchestrator.agreement-activated.v1", "io.flashback.orchestrator.agreement-ended.v1");
    }

    @Test
    void fundingWithTheWrongTokenDoesNotFundTheAgreement() {
        Agreement accepted = acceptedAgreement();
        AgreementTerms right = expected(accepted);
        CHAIN.escrow(OrchestratorTestChain.CONSUMER).createAgreement(new AgreementTerms(right.reference(), right.consumer(), right.nodeId(),
                CHAIN.book().stakingToken(), right.pricePerEpoch(), right.epochs(), right.startEpoch(), right.collateral(), right.slashBelowPpm(),
                right.slashAmount(), right.creditTiers()));

        awaitRefusal(accepted, "token is " + CHAIN.book().stakingToken());
        assertThat(agreements.find(accepted.id()).orElseThrow().state()).isEqualTo(AgreementState.ACCEPTED);
    }

    @Test
    void fundingWithLessThanThePriceDoesNotFundTheAgreement() {
        Agreement accepted = acceptedAgreement();
        AgreementTerms right = expected(accepted);
        AgreementId onChain = CHAIN.escrow(OrchestratorTestChain.CONSUMER).createAgreement(new AgreementTerms(right.reference(), right.consumer(),
                right.nodeId(), right.token(), right.pricePerEpoch().subtract(BigInteger.ONE), right.epochs(), right.startEpoch(),
                right.collateral(), right.slashBelowPpm(), right.slashAmount(), right.creditTiers()));

        awaitRefusal(accepted, "price per epoch is " + right.pricePerEpoch().subtract(BigInteger.ONE));
        // the provider's on-chain acceptance of a refused funding does not activate anything either
        CHAIN.escrow(OrchestratorTestChain.PROVIDER).accept(onChain);
        awaitCursorPastHead();
        assertThat(agreements.find(accepted.id()).orElseThrow().state()).isEqualTo(AgreementState.ACCEPTED);
        assertThat(grants.ofAgreement(accepted.id().value())).isEmpty();
    }

    @Test
    void fundingBeforeTheProvidersDecisionCountsOnceItAccepts() {
        UUID provider = UUID.randomUUID();
        Agreement requested = placeOrder.place(UUID.randomUUID(), CHAIN.address(OrchestratorTestChain.CONSUMER).value(),
                OrchestratorFixtures.quote(provider, CHAIN.providerNode().toString(), 1L << 30, 1, PRICE), "CRYPTO").agreements().getFirst();
        CHAIN.escrow(OrchestratorTestChain.CONSUMER).createAgreement(expected(requested));
        await().atMost(Duration.ofSeconds(20)).until(() -> links.ofAgreement(requested.id()).isPresent());

        Agreement decided = decide.decide(provider, requested.id(), true, "room left");

        assertThat(decided.state()).isEqualTo(AgreementState.FUNDED);
    }

    @Test
    void reReadChainEventsChangeNothing() {
        Agreement accepted = acceptedAgreement();
        AgreementId onChain = CHAIN.escrow(OrchestratorTestChain.CONSUMER).createAgreement(expected(accepted));
        CHAIN.escrow(OrchestratorTestChain.PROVIDER).accept(onChain);
        awaitState(accepted, AgreementState.ACTIVE);
        List<Transition> history = agreements.history(accepted.id());
        List<String> events = published(accepted);

        // as after a restored backup or a re-org: the follower reads every escrow event since deployment again
        jdbc.update("update chain_cursor set next_block = ?, previous_block_hash = null", CHAIN.book().deploymentBlock());
        awaitCursorPastHead();

        assertThat(agreements.history(accepted.id())).isEqualTo(history);
        assertThat(published(accepted)).isEqualTo(events);
    }

    private Agreement acceptedAgreement() {
        UUID provider = UUID.randomUUID();
        String token = OrchestratorFixtures.quote(provider, CHAIN.providerNode().toString(), 1L << 30, 1, PRICE);
        Agreement requested = placeOrder.place(UUID.randomUUID(), CHAIN.address(OrchestratorTestChain.CONSUMER).value(), token, "CRYPTO")
                .agreements().getFirst();
        return decide.decide(provider, requested.id(), true, "room left");
    }

    private AgreementTerms expected(Agreement agreement) {
        return plan.expected(agreement, new Address(CHAIN.address(OrchestratorTestChain.CONSUMER).value()), CHAIN.currentEpoch() + 1);
    }

    private void awaitState(Agreement agreement, AgreementState state) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(agreements.find(agreement.id()).orElseThrow().state()).isEqualTo(state));
    }

    private void awaitRefusal(Agreement agreement, String reason) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(links.ofAgreement(agreement.id()))
                .hasValueSatisfying(link -> assertThat(link.mismatch()).hasValueSatisfying(mismatch -> assertThat(mismatch).contains(reason))));
    }

    /** Waits until the follower has read past the chain's current head block. */
    private void awaitCursorPastHead() {
        long head = CHAIN.headBlock();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select next_block from chain_cursor", Long.class) > head);
    }

    private List<String> published(Agreement agreement) {
        return jdbc.queryForList("select event_type from outbox_event where message_key = ? order by sequence", String.class,
                agreement.id().value().toString());
    }
}
