package io.flashback.orchestrator.payment;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of what fiat payments do — payments, fundings, settled epochs with any credit, refunds that
 * complete or fail, receipts nobody claims — keep the ledger sound: every currency adds up to zero, no account goes
 * below zero (a posting that would is refused whole), each reserve holds exactly its unsettled epochs' prices and
 * refunds in transit exactly the refunds not yet closed.
 */
class FiatLedgerPropertiesTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final String PROVIDER = "signed-webhook";
    private static final List<UUID> CONSUMERS = List.of(UUID.randomUUID(), UUID.randomUUID());

    /** One step: {@code kind} picks what happens, the rest parameterise it. */
    record Step(int kind, int who, String currency, long micros, int pct, int epochs) {
    }

    @Property(tries = 300)
    void anySequenceOfPaymentsFundingsSettlementsAndRefundsKeepsTheLedgerSound(@ForAll("steps") List<Step> steps) {
        Balances balances = Balances.none();
        List<FiatAgreement> agreements = new ArrayList<>();
        Map<UUID, Money> settledPrices = new HashMap<>();
        Set<String> settledEpochs = new HashSet<>();
        List<Refund> inTransit = new ArrayList<>();
        int n = 0;
        for (Step step : steps) {
            UUID consumer = CONSUMERS.get(step.who() % CONSUMERS.size());
            Money amount = new Money(BigDecimal.valueOf(step.micros(), Money.SCALE), step.currency());
            Optional<LedgerTransaction> posting = Optional.empty();
            switch (step.kind()) {
                case 0 -> posting = Optional.of(FiatBookkeeping.paymentReceived(PROVIDER, "evt_" + n, consumer, amount, "inv_" + n, AT));
                case 1 -> {
                    FiatAgreement agreement = new FiatAgreement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), consumer, UUID.randomUUID(),
                            amount, amount.percent(BigDecimal.valueOf(step.pct(), 1)), new EpochSchedule(0, 3600, 10, step.epochs()), AT,
                            Optional.empty());
                    LedgerTransaction funded = FiatBookkeeping.agreementFunded(agreement, "inv_" + n, AT);
                    if (postOrRefuse(balances, funded)) {
                        balances = balances.after(funded);
                        agreements.add(agreement);
                        settledPrices.put(agreement.agreementId(), Money.zero(agreement.currency()));
                    }
                }
                case 2 -> {
                    if (!agreements.isEmpty()) {
                        FiatAgreement agreement = agreements.get(step.who() % agreements.size());
                        long epoch = agreement.schedule().startEpoch() + step.micros() % agreement.schedule().epochs();
                        if (settledEpochs.add(agreement.agreementId() + ":" + epoch)) {
                            FiatAgreement.EpochSplit split = agreement.split(epoch, BigDecimal.valueOf(step.pct()));
                            assertThat(split.credit().plus(split.providerShare()).plus(split.platformFee())).isEqualTo(split.price());
                            Optional<LedgerTransaction> settled = FiatBookkeeping.epochSettled(agreement, split, AT);
                            if (settled.isPresent()) {
                                balances = balances.after(settled.get()); // a reserve always holds its unsettled epochs
                            }
                            settledPrices.merge(agreement.agreementId(), split.price(), Money::plus);
                            if (split.credit().isPositive()) {
                                Refund refund = Refund.requested(agreement, invoice(agreement), epoch, split.credit(), "credit", AT);
                                balances = balances.after(FiatBookkeeping.refundRequested(refund, AT));
                                inTransit.add(refund);
                            }
                        }
                    }
                }
                case 3, 4 -> {
                    if (!inTransit.isEmpty()) {
                        Refund refund = inTransit.remove(step.who() % inTransit.size());
                        posting = Optional.of(step.kind() == 3 ? FiatBookkeeping.refundCompleted(refund, "evt_" + n, AT)
                                : FiatBookkeeping.refundFailed(refund, "evt_" + n, "account closed", AT));
                    }
                }
                default -> posting = Optional.of(FiatBookkeeping.unallocatedReceipt(PROVIDER, "evt_" + n, amount, "inv_unknown", AT));
            }
            if (posting.isPresent()) {
                balances = balances.after(posting.get());
            }
            n++;

            assertThat(balances.signedTotals().values()).allSatisfy(total -> assertThat(total).isZero());
            assertThat(balances.all().values()).allSatisfy(balance -> assertThat(balance.signum()).isNotNegative());
            for (FiatAgreement agreement : agreements) {
                assertThat(balances.of(LedgerAccount.reserve(agreement.agreementId(), agreement.currency())))
                        .isEqualTo(agreement.reserve().minus(settledPrices.get(agreement.agreementId())));
            }
            for (String currency : List.of("USD", "EUR")) {
                Money open = inTransit.stream().map(Refund::amount).filter(money -> money.currency().equals(currency))
                        .reduce(Money.zero(currency), Money::plus);
                assertThat(balances.of(LedgerAccount.refundsInTransit(PROVIDER, currency))).isEqualTo(open);
            }
        }
    }

    @Property
    void epochPricesAddUpToTheReserve(@ForAll @LongRange(min = 1, max = 10_000_000_000_000L) long micros, @ForAll @IntRange(min = 1, max = 2000) int epochs) {
        FiatAgreement agreement = new FiatAgreement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                new Money(BigDecimal.valueOf(micros, Money.SCALE), "USD"), Money.zero("USD"), new EpochSchedule(0, 60, 5, epochs), AT, Optional.empty());

        Money total = Money.zero("USD");
        for (long epoch = 5; epoch < 5 + epochs; epoch++) {
            assertThat(agreement.priceOf(epoch).signum()).isNotNegative();
            total = total.plus(agreement.priceOf(epoch));
        }
        assertThat(total).isEqualTo(agreement.reserve());
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 50), Arbitraries.of("USD", "EUR"),
                        Arbitraries.longs().between(1, 5_000_000_000L), Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 24))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(80);
    }

    /** True when the ledger takes the posting; a refused one must leave every balance as it was. */
    private static boolean postOrRefuse(Balances balances, LedgerTransaction transaction) {
        try {
            balances.changes(transaction);
            return true;
        } catch (Overdrawn refused) {
            assertThat(refused.account().kind()).isEqualTo(AccountKind.CONSUMER_BALANCE);
            return false;
        }
    }

    private static Invoice invoice(FiatAgreement agreement) {
        return new Invoice(agreement.invoiceId(), agreement.orderId(), agreement.consumerId(), agreement.reserve(), PROVIDER, "inv_" + agreement.orderId(),
                "pay", Invoice.State.OPEN, Money.zero(agreement.currency()), AT, Optional.empty());
    }
}
