package io.flashback.orchestrator.payment;

import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.SlaTerms;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The named money rules of fiat payments, one fact each. */
class FiatLedgerArithmeticTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static final EpochSchedule THREE_EPOCHS = new EpochSchedule(0, 3600, 100, 3);

    @Test
    void moneyRefusesAmountsFinerThanTheLedgersSixDecimalsInsteadOfRounding() {
        assertThat(Money.of("12.5", "USD").amount()).isEqualByComparingTo("12.500000").hasScaleOf(6);
        assertThatThrownBy(() -> Money.of("0.0000001", "USD")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 decimals");
        assertThatThrownBy(() -> Money.of("1", "usd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTransactionWhoseEntriesDoNotAddUpToZeroIsRefused() {
        LedgerAccount cash = LedgerAccount.clearing("p", "USD");
        LedgerAccount consumer = LedgerAccount.consumerBalance(UUID.randomUUID(), "USD");

        assertThatThrownBy(() -> LedgerTransaction.posting("r", LedgerTransaction.Kind.PAYMENT_RECEIVED, "m", CLOCK.instant())
                .debit(cash, Money.of("10", "USD")).credit(consumer, Money.of("9.99", "USD")).build())
                .isInstanceOf(LedgerTransaction.UnbalancedTransaction.class).hasMessageContaining("0.01");
        assertThatThrownBy(() -> LedgerTransaction.posting("r", LedgerTransaction.Kind.PAYMENT_RECEIVED, "m", CLOCK.instant())
                .debit(cash, Money.of("10", "USD")).build()).isInstanceOf(LedgerTransaction.UnbalancedTransaction.class);
        // balanced in total but not per currency
        assertThatThrownBy(() -> LedgerTransaction.posting("r", LedgerTransaction.Kind.PAYMENT_RECEIVED, "m", CLOCK.instant())
                .debit(cash, Money.of("10", "USD")).credit(LedgerAccount.consumerBalance(UUID.randomUUID(), "EUR"), Money.of("10", "EUR")).build())
                .isInstanceOf(LedgerTransaction.UnbalancedTransaction.class);
    }

    @Test
    void aPostingThatWouldOverdrawAnAccountIsRefusedWhole() {
        UUID consumer = UUID.randomUUID();
        FiatAgreement agreement = agreement(consumer, "30.00", "0.60");

        assertThatThrownBy(() -> Balances.none().after(FiatBookkeeping.agreementFunded(agreement, "inv_1", CLOCK.instant())))
                .isInstanceOf(Overdrawn.class).hasMessageContaining("CONSUMER_BALANCE");
    }

    @Test
    void epochPricesAddUpToTheReserveWithTheLastTakingWhatRoundingLeft() {
        FiatAgreement agreement = agreement(UUID.randomUUID(), "10.00", "0");

        assertThat(agreement.priceOf(100)).isEqualTo(Money.of("3.333333", "USD"));
        assertThat(agreement.priceOf(101)).isEqualTo(Money.of("3.333333", "USD"));
        assertThat(agreement.priceOf(102)).isEqualTo(Money.of("3.333334", "USD"));
        assertThatThrownBy(() -> agreement.priceOf(103)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEpochsPriceIsSharedAsTheEscrowSharesItCreditFirstThenProviderAndPlatform() {
        // reserve 30.60 = price 30.00 + fee 0.60 over 3 epochs: 10.20 an epoch
        FiatAgreement agreement = agreement(UUID.randomUUID(), "30.60", "0.60");

        FiatAgreement.EpochSplit met = agreement.split(100, BigDecimal.ZERO);
        FiatAgreement.EpochSplit breached = agreement.split(101, new BigDecimal("25"));

        assertThat(met.price()).isEqualTo(Money.of("10.20", "USD"));
        assertThat(met.credit()).isEqualTo(Money.of("0", "USD"));
        assertThat(met.platformFee()).isEqualTo(Money.of("0.20", "USD"));
        assertThat(met.providerShare()).isEqualTo(Money.of("10.00", "USD"));
        assertThat(breached.credit()).isEqualTo(Money.of("2.55", "USD"));
        assertThat(breached.platformFee()).isEqualTo(Money.of("0.15", "USD"));
        assertThat(breached.providerShare()).isEqualTo(Money.of("7.50", "USD"));
        assertThat(breached.credit().plus(breached.platformFee()).plus(breached.providerShare())).isEqualTo(breached.price());
        assertThatThrownBy(() -> agreement.split(100, new BigDecimal("100.1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOrdersTotalIsSharedAmongItsAgreementsReservesExactly() {
        Agreement first = agreement("10.00");
        Agreement second = agreement("20.00");
        Agreement third = agreement("0.01");

        OrderReserves reserves = OrderReserves.of(Money.of("30.61", "USD"), List.of(first, second, third));

        Money total = Money.zero("USD");
        Money fees = Money.zero("USD");
        for (OrderReserves.Share share : reserves.shares().values()) {
            total = total.plus(share.reserve());
            fees = fees.plus(share.fee());
        }
        assertThat(total).isEqualTo(Money.of("30.61", "USD"));
        assertThat(fees).isEqualTo(Money.of("0.60", "USD"));
        assertThat(reserves.of(second.id().value()).orElseThrow().reserve().compareTo(Money.of("20.39", "USD"))).isGreaterThanOrEqualTo(0);
        assertThatThrownBy(() -> OrderReserves.of(Money.of("1", "USD"), List.of(first))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartialPaymentFundsNothingUntilTheRestArrives() {
        Invoice invoice = invoice("30.60");

        Invoice.Receipt half = invoice.receive(Money.of("15.30", "USD"), CLOCK.instant());
        Invoice.Receipt rest = half.invoice().receive(Money.of("15.30", "USD"), CLOCK.instant());

        assertThat(half.funds()).isFalse();
        assertThat(half.reason()).contains("partial payment", "15.3 USD of 30.6 USD");
        assertThat(rest.funds()).isTrue();
        assertThat(rest.invoice().state()).isEqualTo(Invoice.State.PAID);
        assertThat(rest.invoice().receive(Money.of("1", "USD"), CLOCK.instant()).outcome()).isEqualTo(Invoice.Outcome.ALREADY_PAID);
    }

    @Test
    void aPaymentInAnotherCurrencyNeverCountsTowardsTheInvoice() {
        Invoice.Receipt receipt = invoice("30.60").receive(Money.of("30.60", "EUR"), CLOCK.instant());

        assertThat(receipt.funds()).isFalse();
        assertThat(receipt.outcome()).isEqualTo(Invoice.Outcome.WRONG_CURRENCY);
        assertThat(receipt.invoice().received()).isEqualTo(Money.zero("USD"));
        assertThat(receipt.reason()).contains("EUR balance");
    }

    @Test
    void theConsumerIsWarnedOnceWhenTheReserveCoversFewerEpochsThanTheThreshold() {
        FiatAgreement fresh = agreement(UUID.randomUUID(), "30.00", "0");
        FiatAgreement warned = new FiatAgreement(fresh.agreementId(), fresh.orderId(), fresh.invoiceId(), fresh.consumerId(), fresh.providerId(),
                fresh.reserve(), fresh.fee(), fresh.schedule(), fresh.fundedAt(), Optional.of(CLOCK.instant()));

        assertThat(fresh.fundsCheck(Money.of("30", "USD"), 0, 2)).isInstanceOf(FiatAgreement.Unchanged.class);
        assertThat(fresh.fundsCheck(Money.of("20", "USD"), 1, 2)).isInstanceOf(FiatAgreement.Unchanged.class);
        assertThat(fresh.fundsCheck(Money.of("10", "USD"), 2, 2)).isInstanceOfSatisfying(FiatAgreement.RunningLow.class, low -> {
            assertThat(low.epochsCovered()).isEqualTo(1);
            assertThat(low.fundedUntil()).isEqualTo(THREE_EPOCHS.endOf(102));
        });
        assertThat(warned.fundsCheck(Money.of("10", "USD"), 2, 2)).isInstanceOf(FiatAgreement.Unchanged.class);
        assertThat(warned.fundsCheck(Money.of("30", "USD"), 0, 2)).isInstanceOf(FiatAgreement.Recovered.class);
        // every epoch settled: nothing left to run out of
        assertThat(fresh.fundsCheck(Money.zero("USD"), 3, 2)).isInstanceOf(FiatAgreement.Unchanged.class);
    }

    @Test
    void aFiatAgreementsNumberReadsBackToItsIdAndEscrowNumbersAreNotOurs() {
        UUID id = UUID.fromString("7c0f5a1e-3b2d-4c8e-9f10-2a3b4c5d6e7f");

        assertThat(FiatAgreementNumber.agreementOf(FiatAgreementNumber.of(id).toString())).contains(id);
        assertThat(FiatAgreementNumber.of(id).toString(16)).isEqualTo("7c0f5a1e3b2d4c8e9f102a3b4c5d6e7f" + "0".repeat(32));
        assertThat(FiatAgreementNumber.agreementOf("42")).isEmpty();
        assertThat(FiatAgreementNumber.agreementOf(FiatAgreementNumber.of(id).add(java.math.BigInteger.ONE).toString())).isEmpty();
        assertThat(FiatAgreementNumber.agreementOf("-1")).isEmpty();
        assertThat(FiatAgreementNumber.agreementOf("9".repeat(79))).isEmpty();
    }

    private static FiatAgreement agreement(UUID consumer, String reserve, String fee) {
        return new FiatAgreement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), consumer, UUID.randomUUID(), Money.of(reserve, "USD"),
                Money.of(fee, "USD"), THREE_EPOCHS, CLOCK.instant(), Optional.empty());
    }

    private static Agreement agreement(String price) {
        return Agreement.requested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "node-1", 1L << 30, 30, "USD",
                new BigDecimal(price), SlaTerms.standard(Duration.ofHours(1)), CLOCK);
    }

    private static Invoice invoice(String amount) {
        return Invoice.open(UUID.randomUUID(), UUID.randomUUID(), Money.of(amount, "USD"), "p", new PaymentProvider.IssuedInvoice("inv_1", "pay"),
                CLOCK.instant());
    }
}
