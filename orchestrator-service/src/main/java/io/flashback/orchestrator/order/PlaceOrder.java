package io.flashback.orchestrator.order;

import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.CreditTier;
import io.flashback.orchestrator.agreement.SlaTerms;
import io.flashback.orchestrator.lifecycle.DecideAgreement;
import io.flashback.orchestrator.lifecycle.MoveAgreement;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A consumer buys what a signed quote priced: one order, one REQUESTED agreement per replica,
 * each held to the QoS its Data Unit offers with AWS-style credit tiers. A quote buys once.
 */
@Service
public class PlaceOrder {

    /** Crypto through the SlaEscrow; fiat by invoice through the ledger and its payment provider (ADR 0006). */
    public static final Set<String> PAYMENT_METHODS = Set.of("CRYPTO", "FIAT");

    private final SignedQuotes quotes;
    private final Orders orders;
    private final MoveAgreement move;
    private final DecideAgreement decide;
    private final FiatInvoicing fiat;
    private final OrchestratorProperties properties;
    private final Clock clock;

    PlaceOrder(SignedQuotes quotes, Orders orders, MoveAgreement move, DecideAgreement decide, FiatInvoicing fiat, OrchestratorProperties properties,
               Clock clock) {
        this.quotes = quotes;
        this.orders = orders;
        this.move = move;
        this.decide = decide;
        this.fiat = fiat;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Places the order; each agreement is announced as requested and then decided by its provider's
     * automatic rules if it has them. A fiat order gets its invoice for the total.
     *
     * @param consumerWallet the caller's wallet: the only one whose escrow funding counts for these agreements
     */
    @Transactional
    public Order place(UUID consumerId, String consumerWallet, String quoteToken, String paymentMethod) {
        if (!PAYMENT_METHODS.contains(paymentMethod)) {
            throw new IllegalArgumentException("payment method must be one of " + PAYMENT_METHODS);
        }
        VerifiedQuote quote = quotes.verify(quoteToken);
        if ("FIAT".equals(paymentMethod)) {
            fiat.checkPayable(quote);
        }
        UUID orderId = UUID.randomUUID();
        List<Agreement> placed = new ArrayList<>();
        for (VerifiedQuote.Line line : quote.lines()) {
            Agreement agreement = Agreement.requested(orderId, consumerId, line.providerId(), line.dataUnitId(), line.nodeId(),
                    quote.capacityBytes(), quote.termDays(), quote.currency(), line.subtotal(), terms(line), clock);
            placed.add(agreement);
        }
        Order order = new Order(orderId, consumerId, consumerWallet, quote.id(), quote.currency(), quote.total(), paymentMethod, clock.instant(),
                List.copyOf(placed));
        orders.add(order);
        List<Agreement> decided = new ArrayList<>();
        for (Agreement agreement : placed) {
            move.open(agreement, "requested by the consumer from quote " + quote.id());
            decided.add(decide.byRules(agreement));
        }
        Order result = new Order(orderId, consumerId, consumerWallet, quote.id(), quote.currency(), quote.total(), paymentMethod, order.createdAt(),
                List.copyOf(decided));
        if ("FIAT".equals(paymentMethod)) {
            fiat.invoice(result);
        }
        return result;
    }

    private SlaTerms terms(VerifiedQuote.Line line) {
        BigDecimal target = line.availabilityPct();
        List<CreditTier> tiers = new ArrayList<>();
        for (String[] tier : new String[][] {{"99.9", "10"}, {"99.0", "25"}, {"95.0", "100"}}) {
            if (new BigDecimal(tier[0]).compareTo(target) <= 0) {
                tiers.add(new CreditTier(new BigDecimal(tier[0]), new BigDecimal(tier[1])));
            }
        }
        return new SlaTerms(target, line.latencyMs(), line.uploadMbps(), line.downloadMbps(), line.errorRatePpm(),
                properties.auditPassRatePct(), properties.epochLength(), tiers, new BigDecimal("95.0"));
    }
}
