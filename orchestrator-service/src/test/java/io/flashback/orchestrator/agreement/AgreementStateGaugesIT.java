package io.flashback.orchestrator.agreement;

import io.flashback.orchestrator.OrchestratorIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operators' gauge of agreements by state counts what the database holds. */
class AgreementStateGaugesIT extends OrchestratorIntegrationTest {

    @Autowired
    Agreements agreements;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    Clock clock;
    @Autowired
    MeterRegistry meters;

    @Test
    void countsAgreementsInEveryStateIncludingEmptyOnes() {
        double rejectedBefore = gauge(AgreementState.REJECTED);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        for (int i = 0; i < 3; i++) {
            Agreement requested = Agreement.requested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "node-g",
                    1L << 30, 30, "USDC", BigDecimal.ONE, SlaTerms.standard(Duration.ofHours(1)), clock);
            transactions.executeWithoutResult(status -> agreements.add(requested, "requested"));
            transactions.executeWithoutResult(status -> agreements.record(requested.moveTo(AgreementState.REJECTED, "no room", clock)));
        }

        // other tests of the shared context add agreements too: at least these three more
        await().atMost(Duration.ofSeconds(40)).until(() -> gauge(AgreementState.REJECTED) >= rejectedBefore + 3);
        assertThat(meters.find("flashback.agreements").gauges()).hasSize(AgreementState.values().length);
        assertThat(gauge(AgreementState.BREACHED_BY_CONSUMER)).isGreaterThanOrEqualTo(0);
    }

    private double gauge(AgreementState state) {
        return meters.get("flashback.agreements").tag("state", state.name()).gauge().value();
    }
}
