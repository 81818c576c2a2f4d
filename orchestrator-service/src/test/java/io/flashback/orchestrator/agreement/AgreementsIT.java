package io.flashback.orchestrator.agreement;

import io.flashback.orchestrator.OrchestratorIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Agreements and their histories on a real PostgreSQL. */
class AgreementsIT extends OrchestratorIntegrationTest {

    @Autowired
    Agreements agreements;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    Clock clock;

    @Test
    void storesAnAgreementWithItsTermsAndEveryMove() {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        Agreement requested = Agreement.requested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "node-7",
                5L << 30, 60, "USDC", new BigDecimal("1.234567"), SlaTerms.standard(Duration.ofHours(1)), clock);
        transactions.executeWithoutResult(status -> agreements.add(requested, "requested from quote q-1"));
        Agreement.Moved accepted = requested.moveTo(AgreementState.ACCEPTED, "provider accepted", clock);
        transactions.executeWithoutResult(status -> agreements.record(accepted));

        Agreement stored = agreements.find(requested.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(AgreementState.ACCEPTED);
        assertThat(stored.terms()).isEqualTo(requested.terms());
        assertThat(stored.price()).isEqualByComparingTo("1.234567");
        assertThat(agreements.history(requested.id())).extracting(Transition::to, Transition::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AgreementState.REQUESTED, "requested from quote q-1"),
                        org.assertj.core.groups.Tuple.tuple(AgreementState.ACCEPTED, "provider accepted"));
        assertThat(agreements.ofOrder(requested.orderId())).hasSize(1);
    }

    @Test
    void twoMovesFromTheSameVersionCannotBothApply() {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        Agreement requested = Agreement.requested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "node-7",
                1L << 30, 30, "USDC", BigDecimal.ONE, SlaTerms.standard(Duration.ofHours(1)), clock);
        transactions.executeWithoutResult(status -> agreements.add(requested, "requested"));

        transactions.executeWithoutResult(status -> agreements.record(requested.moveTo(AgreementState.ACCEPTED, "provider accepted", clock)));

        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                agreements.record(requested.moveTo(AgreementState.REJECTED, "provider rejected", clock))))
                .isInstanceOf(Agreements.ConcurrentChange.class);
        assertThat(agreements.find(requested.id()).orElseThrow().state()).isEqualTo(AgreementState.ACCEPTED);
        assertThat(agreements.history(requested.id())).hasSize(2);
    }
}
