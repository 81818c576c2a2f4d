package io.flashback.orchestrator.payment;

import io.flashback.orchestrator.order.FiatInvoicing;
import io.flashback.orchestrator.order.Order;
import io.flashback.orchestrator.order.VerifiedQuote;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;

/**
 * A consumer pays an order in fiat: when the quote is in an accepted fiat currency, the order gets one invoice for
 * its total from the payment provider. Runs in the order's transaction.
 */
public final class InvoiceOrder implements FiatInvoicing {

    private final Set<String> fiatCurrencies;
    private final boolean enabled;
    private final PaymentProvider provider;
    private final Invoices invoices;
    private final Clock clock;

    /** @param enabled whether the provider's webhooks can be verified here; without that nobody could pay an invoice */
    public InvoiceOrder(Set<String> fiatCurrencies, boolean enabled, PaymentProvider provider, Invoices invoices, Clock clock) {
        this.fiatCurrencies = Set.copyOf(fiatCurrencies);
        this.enabled = enabled;
        this.provider = provider;
        this.invoices = invoices;
        this.clock = clock;
    }

    @Override
    public void checkPayable(VerifiedQuote quote) {
        if (!enabled) {
            throw new PaymentProvider.FiatPaymentsUnavailable("fiat payments are not set up on this orchestrator "
                    + "(flashback.orchestrator.payments.webhook.secret is not configured)");
        }
        if (!fiatCurrencies.contains(quote.currency())) {
            throw new IllegalArgumentException("quote currency " + quote.currency() + " cannot be paid in fiat; fiat currencies accepted: "
                    + new TreeSet<>(fiatCurrencies));
        }
        Money total = new Money(quote.total(), quote.currency());
        Money prices = Money.zero(quote.currency());
        for (VerifiedQuote.Line line : quote.lines()) {
            Money price = new Money(line.subtotal(), quote.currency());
            if (!price.isPositive()) {
                throw new IllegalArgumentException("a fiat order pays a positive price for every replica");
            }
            prices = prices.plus(price);
        }
        if (total.compareTo(prices) < 0) {
            throw new IllegalArgumentException("the quote's total " + total + " is less than its replicas' prices " + prices);
        }
    }

    @Override
    public void invoice(Order order) {
        if (order.agreements().stream().allMatch(agreement -> agreement.state().isEnded())) {
            return;
        }
        Money total = new Money(order.total(), order.currency());
        PaymentProvider.IssuedInvoice issued = provider.createInvoice(order.id(), order.consumerId(), total);
        invoices.add(Invoice.open(order.id(), order.consumerId(), total, provider.name(), issued, clock.instant()));
    }
}
