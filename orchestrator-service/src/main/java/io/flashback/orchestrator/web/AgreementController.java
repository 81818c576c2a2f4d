package io.flashback.orchestrator.web;

import io.flashback.chain.Address;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.escrow.EscrowLink;
import io.flashback.orchestrator.escrow.EscrowLinks;
import io.flashback.orchestrator.escrow.EscrowPlan;
import io.flashback.orchestrator.lifecycle.AcceptanceRules;
import io.flashback.orchestrator.lifecycle.DecideAgreement;
import io.flashback.orchestrator.lifecycle.NotYours;
import io.flashback.orchestrator.lifecycle.ProviderRules;
import io.flashback.orchestrator.order.Order;
import io.flashback.orchestrator.order.Orders;
import io.flashback.orchestrator.order.PlaceOrder;
import io.flashback.orchestrator.payment.FiatAgreement;
import io.flashback.orchestrator.payment.FiatAgreements;
import io.flashback.orchestrator.payment.Ledger;
import io.flashback.orchestrator.payment.LedgerAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders and agreements for their two parties. Consumers place orders from quote tokens and see their
 * orders and agreements; providers see and decide the agreements on their data units and keep their
 * acceptance rules; either party sees an agreement's history. Anyone else gets 404.
 */
@RestController
class AgreementController {

    record PlaceOrderRequest(@NotBlank String quoteToken, @NotBlank String paymentMethod) {
    }

    record DecisionRequest(@NotNull @Pattern(regexp = "ACCEPT|REJECT") String decision, String reason) {
    }

    /** The price bounded as its column is (numeric(38,18)): a 400 naming the field, never a database error (#13 M4). */
    record RulesRequest(@NotNull @Pattern(regexp = "AUTOMATIC|MANUAL") String mode, @NotBlank @Size(max = 12) String currency,
                        @NotNull @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 20, fraction = 18) BigDecimal minPricePerGibMonth,
                        long maxCapacityBytes, int minTermDays, int maxTermDays) {
    }

    private final PlaceOrder placeOrder;
    private final Orders orders;
    private final Agreements agreements;
    private final DecideAgreement decide;
    private final ProviderRules rules;
    private final EscrowLinks links;
    private final ObjectProvider<EscrowPlan> escrowPlan;
    private final FiatAgreements fiatAgreements;
    private final Ledger ledger;
    private final Clock clock;

    AgreementController(PlaceOrder placeOrder, Orders orders, Agreements agreements, DecideAgreement decide, ProviderRules rules,
                        EscrowLinks links, ObjectProvider<EscrowPlan> escrowPlan, FiatAgreements fiatAgreements, Ledger ledger, Clock clock) {
        this.placeOrder = placeOrder;
        this.orders = orders;
        this.agreements = agreements;
        this.decide = decide;
        this.rules = rules;
        this.links = links;
        this.escrowPlan = escrowPlan;
        this.fiatAgreements = fiatAgreements;
        this.ledger = ledger;
        this.clock = clock;
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    Views.OrderView place(@Valid @RequestBody PlaceOrderRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return Views.OrderView.of(placeOrder.place(caller.consumer(), caller.wallet(), request.quoteToken(), request.paymentMethod()));
    }

    @GetMapping("/orders")
    List<Views.OrderView> orders(Authentication authentication) {
        return orders.ofConsumer(Caller.of(authentication).consumer()).stream().map(Views.OrderView::of).toList();
    }

    @GetMapping("/orders/{id}")
    Views.OrderView order(@PathVariable UUID id, Authentication authentication) {
        Optional<UUID> consumer = Caller.of(authentication).consumerId();
        return orders.find(id).filter(order -> consumer.filter(order.consumerId()::equals).isPresent()).map(Views.OrderView::of)
                .orElseThrow(() -> new NotYours("order " + id));
    }

    /** The caller's agreements as consumer ({@code as=consumer}, the default) or as provider. */
    @GetMapping("/agreements")
    List<Views.AgreementView> agreements(@RequestParam(defaultValue = "consumer") String as, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        List<Agreement> found = switch (as) {
            case "consumer" -> agreements.ofConsumer(caller.consumer());
            case "provider" -> agreements.ofProvider(caller.provider());
            default -> throw new IllegalArgumentException("as must be consumer or provider");
        };
        return found.stream().map(this::view).toList();
    }

    @GetMapping("/agreements/{id}")
    Views.AgreementView agreement(@PathVariable UUID id, Authentication authentication) {
        return view(partyOf(id, Caller.of(authentication)));
    }

    @GetMapping("/agreements/{id}/history")
    List<Views.TransitionView> history(@PathVariable UUID id, Authentication authentication) {
        Agreement agreement = partyOf(id, Caller.of(authentication));
        return agreements.history(agreement.id()).stream().map(Views.TransitionView::of).toList();
    }

    /** What the consumer's wallet sends to SlaEscrow.createAgreement to fund the agreement, starting next epoch. */
    @GetMapping("/agreements/{id}/escrow-terms")
    Views.EscrowTermsView escrowTerms(@PathVariable UUID id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Agreement agreement = agreements.find(new AgreementId(id)).filter(found -> caller.consumerId().filter(found.consumerId()::equals).isPresent())
                .orElseThrow(() -> new NotYours("agreement " + id));
        EscrowPlan plan = escrowPlan.getIfAvailable();
        if (plan == null) {
            throw new ChainNotConfigured();
        }
        Order order = orders.find(agreement.orderId()).orElseThrow();
        return Views.EscrowTermsView.of(plan.escrow().value(), plan.expected(agreement, new Address(order.consumerWallet()),
                plan.epochAt(clock.instant()) + 1));
    }

    @PostMapping("/agreements/{id}/decision")
    Views.AgreementView decide(@PathVariable UUID id, @Valid @RequestBody DecisionRequest request, Authentication authentication) {
        Agreement decided = decide.decide(Caller.of(authentication).provider(), new AgreementId(id), "ACCEPT".equals(request.decision()),
                request.reason());
        return view(decided);
    }

    @GetMapping("/acceptance-rules")
    Views.RulesView rules(Authentication authentication) {
        UUID provider = Caller.of(authentication).provider();
        return rules.of(provider).map(Views.RulesView::of).orElseThrow(() -> new NotYours("acceptance rules"));
    }

    @PutMapping("/acceptance-rules")
    Views.RulesView saveRules(@Valid @RequestBody RulesRequest request, Authentication authentication) {
        AcceptanceRules saved = new AcceptanceRules(Caller.of(authentication).provider(), AcceptanceRules.Mode.valueOf(request.mode()),
                request.currency(), request.minPricePerGibMonth(), request.maxCapacityBytes(), request.minTermDays(), request.maxTermDays(),
                clock.instant());
        rules.save(saved);
        return Views.RulesView.of(saved);
    }

    private Agreement partyOf(UUID id, Caller caller) {
        return agreements.find(new AgreementId(id)).filter(caller::isParty).orElseThrow(() -> new NotYours("agreement " + id));
    }

    private Views.AgreementView view(Agreement agreement) {
        Optional<EscrowLink> link = links.ofAgreement(agreement.id());
        Optional<FiatAgreement> fiat = fiatAgreements.find(agreement.id().value());
        return Views.AgreementView.of(agreement, link.filter(EscrowLink::matched).map(found -> found.escrowAgreementId().toString()).orElse(null),
                link.flatMap(EscrowLink::mismatch).orElse(null),
                fiat.map(found -> ledger.balance(LedgerAccount.reserve(found.agreementId(), found.currency())).amount()).orElse(null),
                fiat.flatMap(FiatAgreement::fundsLowSince).orElse(null));
    }

    /** No chain is configured for this instance. */
    static class ChainNotConfigured extends RuntimeException {
        ChainNotConfigured() {
            super("this orchestrator follows no escrow (flashback.orchestrator.chain.address-book is not set)");
        }
    }
}
