package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.lifecycle.NotYours;
import io.flashback.orchestrator.payment.AccountKind;
import io.flashback.orchestrator.payment.FiatAgreement;
import io.flashback.orchestrator.payment.FiatAgreements;
import io.flashback.orchestrator.payment.Invoice;
import io.flashback.orchestrator.payment.Invoices;
import io.flashback.orchestrator.payment.Ledger;
import io.flashback.orchestrator.payment.LedgerAccount;
import io.flashback.orchestrator.payment.Money;
import io.flashback.orchestrator.payment.PaymentEvents;
import io.flashback.orchestrator.payment.ReceivePaymentEvent;
import io.flashback.orchestrator.payment.Refund;
import io.flashback.orchestrator.payment.Refunds;
import io.flashback.orchestrator.payment.WebhookRequest;
import io.flashback.orchestrator.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Fiat payments over HTTP: the payment provider's webhook (public; it authenticates itself with its signature), a
 * consumer's balance and invoices, and a provider's payable. Each caller sees only its own; anyone else's invoice is
 * answered 404, as orders are.
 */
@RestController
class PaymentController {

    private static final int MAX_LIMIT = 200;

    private final ReceivePaymentEvent receive;
    private final TransactionTemplate transactions;
    private final Invoices invoices;
    private final PaymentEvents events;
    private final Refunds refunds;
    private final FiatAgreements fiatAgreements;
    private final Ledger ledger;
    private final int maxBodyBytes;

    PaymentController(ReceivePaymentEvent receive, PlatformTransactionManager transactionManager, Invoices invoices, PaymentEvents events,
                      Refunds refunds, FiatAgreements fiatAgreements, Ledger ledger, OrchestratorProperties properties) {
        this.receive = receive;
        this.transactions = new TransactionTemplate(transactionManager);
        this.invoices = invoices;
        this.events = events;
        this.refunds = refunds;
        this.fiatAgreements = fiatAgreements;
        this.ledger = ledger;
        this.maxBodyBytes = properties.payments().webhook().maxBodyBytes();
    }

    /** The payment provider's events; the body is read as it came, byte for byte, because the signature covers it. */
    @PostMapping("/payments/webhook")
    PaymentViews.WebhookView webhook(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw new WebhookTooLarge(maxBodyBytes);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            throw new WebhookTooLarge(maxBodyBytes);
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.putIfAbsent(name, request.getHeader(name));
        }
        WebhookRequest webhook = new WebhookRequest(headers, body);
        return PaymentViews.WebhookView.of(transactions.execute(status -> receive.receive(webhook)));
    }

    @GetMapping("/payments/balance")
    ResponseEntity<PaymentViews.BalanceView> balance(@RequestParam(defaultValue = "50") int limit, Authentication authentication) {
        UUID consumer = Caller.of(authentication).consumer();
        Map<String, BigDecimal[]> byCurrency = new TreeMap<>();
        for (Money available : ledger.balances(AccountKind.CONSUMER_BALANCE, consumer.toString())) {
            amounts(byCurrency, available.currency())[0] = available.amount();
        }
        for (FiatAgreement agreement : fiatAgreements.ofConsumer(consumer)) {
            BigDecimal[] amounts = amounts(byCurrency, agreement.currency());
            amounts[1] = amounts[1].add(ledger.balance(LedgerAccount.reserve(agreement.agreementId(), agreement.currency())).amount());
        }
        for (Refund refund : refunds.openOf(consumer)) {
            BigDecimal[] amounts = amounts(byCurrency, refund.amount().currency());
            amounts[2] = amounts[2].add(refund.amount().amount());
        }
        List<Refund> recent = refunds.ofConsumer(consumer, limit(limit));
        List<PaymentViews.CurrencyBalanceView> balances = byCurrency.entrySet().stream()
                .map(entry -> new PaymentViews.CurrencyBalanceView(entry.getKey(), entry.getValue()[0], entry.getValue()[1], entry.getValue()[2]))
                .toList();
        return private_(new PaymentViews.BalanceView(consumer, balances, recent.stream().map(PaymentViews.RefundView::of).toList()));
    }

    @GetMapping("/payments/invoices")
    ResponseEntity<List<PaymentViews.InvoiceView>> invoices(@RequestParam(defaultValue = "50") int limit, Authentication authentication) {
        UUID consumer = Caller.of(authentication).consumer();
        return private_(invoices.ofConsumer(consumer, limit(limit)).stream().map(this::view).toList());
    }

    @GetMapping("/orders/{id}/invoice")
    ResponseEntity<PaymentViews.InvoiceView> invoice(@PathVariable UUID id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return private_(invoices.ofOrder(id).filter(found -> caller.consumerId().filter(found.consumerId()::equals).isPresent()).map(this::view)
                .orElseThrow(() -> new NotYours("invoice of order " + id)));
    }

    @GetMapping("/payments/payable")
    ResponseEntity<PaymentViews.PayableView> payable(@RequestParam(defaultValue = "50") int limit, Authentication authentication) {
        UUID provider = Caller.of(authentication).provider();
        List<PaymentViews.PayableBalanceView> balances = ledger.balances(AccountKind.PROVIDER_PAYABLE, provider.toString()).stream()
                .map(payable -> new PaymentViews.PayableBalanceView(payable.currency(), payable.amount())).toList();
        return private_(new PaymentViews.PayableView(provider, balances, fiatAgreements.settlementsOfProvider(provider, limit(limit)).stream()
                .map(PaymentViews.SettlementView::of).toList()));
    }

    private PaymentViews.InvoiceView view(Invoice invoice) {
        return PaymentViews.InvoiceView.of(invoice, events.paymentsOf(invoice.id()));
    }

    private static BigDecimal[] amounts(Map<String, BigDecimal[]> byCurrency, String currency) {
        return byCurrency.computeIfAbsent(currency, key -> new BigDecimal[] {Money.zero(key).amount(), Money.zero(key).amount(),
                Money.zero(key).amount()});
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** Balances and invoices are the caller's own business: no shared cache may keep them. */
    private static <T> ResponseEntity<T> private_(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** A webhook body larger than {@code flashback.orchestrator.payments.webhook.max-body-bytes}. */
    static class WebhookTooLarge extends RuntimeException {

        WebhookTooLarge(int max) {
            super("a webhook body is at most " + max + " bytes");
        }
    }
}
