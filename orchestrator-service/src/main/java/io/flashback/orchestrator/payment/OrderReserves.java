package io.flashback.orchestrator.payment;

import io.flashback.orchestrator.agreement.Agreement;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How a fiat order's total is shared among its agreements' reserves. The quote's total is the agreements' prices
 * plus the platform fee; each agreement reserves its price plus a share of the fee in proportion to its price
 * (rounded down), and the last agreement by id takes what rounding left, so the reserves add up to the total exactly.
 */
public record OrderReserves(Map<UUID, Share> shares) {

    /** One agreement's reserve, of which {@code fee} is the platform's. */
    public record Share(Money reserve, Money fee) {
    }

    public static OrderReserves of(Money total, List<Agreement> agreements) {
        if (agreements.isEmpty()) {
            throw new IllegalArgumentException("an order has agreements");
        }
        List<Agreement> ordered = agreements.stream().sorted(Comparator.comparing(agreement -> agreement.id().value())).toList();
        Money prices = Money.zero(total.currency());
        for (Agreement agreement : ordered) {
            prices = prices.plus(price(agreement, total.currency()));
        }
        Money fees = total.minus(prices);
        if (fees.signum() < 0) {
            throw new IllegalArgumentException("the order's total " + total + " is less than its agreements' prices " + prices);
        }
        Map<UUID, Share> shares = new LinkedHashMap<>();
        Money allocated = Money.zero(total.currency());
        for (int i = 0; i < ordered.size(); i++) {
            Agreement agreement = ordered.get(i);
            Money price = price(agreement, total.currency());
            Money fee = i == ordered.size() - 1 ? fees.minus(allocated) : fees.share(price, prices);
            allocated = allocated.plus(fee);
            shares.put(agreement.id().value(), new Share(price.plus(fee), fee));
        }
        return new OrderReserves(Map.copyOf(shares));
    }

    public Optional<Share> of(UUID agreementId) {
        return Optional.ofNullable(shares.get(agreementId));
    }

    private static Money price(Agreement agreement, String currency) {
        if (!agreement.currency().equals(currency)) {
            throw new IllegalArgumentException("agreement " + agreement.id().value() + " is priced in " + agreement.currency() + ", the order in " + currency);
        }
        return new Money(agreement.price(), currency);
    }
}
