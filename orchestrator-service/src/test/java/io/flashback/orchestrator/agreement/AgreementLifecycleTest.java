package io.flashback.orchestrator.agreement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgreementLifecycleTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private Agreement requested() {
        return Agreement.requested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "node-1", 1L << 30, 90,
                "USDC", new BigDecimal("6.426000"), SlaTerms.standard(Duration.ofDays(1)), clock);
    }

    @Test
    void happyPathRecordsEachMoveWithItsReason() {
        Agreement agreement = requested();
        Agreement.Moved accepted = agreement.moveTo(AgreementState.ACCEPTED, "auto-accept: price and term within the provider's rules", clock);
        Agreement.Moved funded = accepted.agreement().moveTo(AgreementState.FUNDED, "escrow funded in tx 0xabc", clock);
        Agreement.Moved active = funded.agreement().moveTo(AgreementState.ACTIVE, "grant applied on node-1", clock);
        Agreement.Moved completed = active.agreement().moveTo(AgreementState.COMPLETED, "term ended", clock);

        assertThat(completed.agreement().state()).isEqualTo(AgreementState.COMPLETED);
        assertThat(completed.agreement().version()).isEqualTo(4);
        assertThat(funded.transition().from()).isEqualTo(AgreementState.ACCEPTED);
        assertThat(funded.transition().reason()).isEqualTo("escrow funded in tx 0xabc");
    }

    @Test
    void rejectedAgreementCannotBeFunded() {
        Agreement rejected = requested().moveTo(AgreementState.REJECTED, "provider declined", clock).agreement();

        assertThatThrownBy(() -> rejected.moveTo(AgreementState.FUNDED, "late funding", clock))
                .isInstanceOf(IllegalTransition.class).hasMessageContaining("has ended");
    }

    @Test
    void agreementCannotSkipFunding() {
        Agreement accepted = requested().moveTo(AgreementState.ACCEPTED, "ok", clock).agreement();

        assertThatThrownBy(() -> accepted.moveTo(AgreementState.ACTIVE, "skip", clock))
                .isInstanceOf(IllegalTransition.class).hasMessageContaining("can become");
    }

    @Test // #6
    void acceptedAgreementCanStillBeRejectedWhenItsCapacityCannotBeReservedButNotOnceFunded() {
        Agreement accepted = requested().moveTo(AgreementState.ACCEPTED, "ok", clock).agreement();
        Agreement funded = accepted.moveTo(AgreementState.FUNDED, "escrow funded in tx 0xabc", clock).agreement();

        assertThat(accepted.moveTo(AgreementState.REJECTED, "only 1024 bytes free", clock).agreement().state()).isEqualTo(AgreementState.REJECTED);
        assertThatThrownBy(() -> funded.moveTo(AgreementState.REJECTED, "only 1024 bytes free", clock)).isInstanceOf(IllegalTransition.class);
        assertThat(funded.moveTo(AgreementState.BREACHED_BY_PROVIDER, "only 1024 bytes free", clock).agreement().state())
                .isEqualTo(AgreementState.BREACHED_BY_PROVIDER);
    }

    @Test // #6
    void aProviderThatAcceptedOffChainAndThenRejectsOnChainBreachesTheAgreement() {
        Agreement accepted = requested().moveTo(AgreementState.ACCEPTED, "ok", clock).agreement();

        assertThat(accepted.moveTo(AgreementState.BREACHED_BY_PROVIDER, "rejected in the escrow after accepting", clock).agreement().state())
                .isEqualTo(AgreementState.BREACHED_BY_PROVIDER);
    }

    @ParameterizedTest
    @EnumSource(value = AgreementState.class, names = {"REJECTED", "COMPLETED", "TERMINATED_BY_CONSUMER", "BREACHED_BY_PROVIDER", "BREACHED_BY_CONSUMER"})
    void endedStatesHoldNoCapacityAndGrantNoAccess(AgreementState ended) {
        assertThat(ended.isEnded()).isTrue();
        assertThat(ended.holdsCapacity()).isFalse();
        assertThat(ended.grantsAccess()).isFalse();
    }

    @Test
    void transitionNeedsAReason() {
        assertThatThrownBy(() -> requested().moveTo(AgreementState.ACCEPTED, " ", clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void creditFollowsTheStrictestTierMissed() {
        SlaTerms terms = SlaTerms.standard(Duration.ofDays(1));

        assertThat(terms.creditFor(new BigDecimal("99.95"))).isEqualByComparingTo("0");
        assertThat(terms.creditFor(new BigDecimal("99.5"))).isEqualByComparingTo("10");
        assertThat(terms.creditFor(new BigDecimal("98"))).isEqualByComparingTo("25");
        assertThat(terms.creditFor(new BigDecimal("90"))).isEqualByComparingTo("100");
        assertThat(terms.slashes(new BigDecimal("94.99"))).isTrue();
        assertThat(terms.slashes(new BigDecimal("95"))).isFalse();
    }

    @Test
    void termsWithTiersThatRefundLessForWorseServiceAreRefused() {
        assertThatThrownBy(() -> new SlaTerms(new BigDecimal("99.9"), 50, 10, 20, 100, new BigDecimal("99"), Duration.ofDays(1),
                List.of(new CreditTier(new BigDecimal("99.9"), new BigDecimal("25")), new CreditTier(new BigDecimal("99"), BigDecimal.TEN)),
                new BigDecimal("95"))).isInstanceOf(InvalidSlaTerms.class).hasMessageContaining("larger credit");
    }
}
