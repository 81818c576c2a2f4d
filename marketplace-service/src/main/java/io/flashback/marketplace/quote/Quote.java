package io.flashback.marketplace.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A priced offer for storage on R Data Units; valid until {@code expiresAt}. Signed by the
 * marketplace ({@link QuoteSigner}) so the consumer and the orchestrator can check it was not altered.
 * {@code rates} are the exchange rates the prices were converted with (each currency's value in the
 * reference currency and whether it came from the price feed or configuration); the orchestrator
 * reads the other fields only.
 */
public record Quote(UUID id, List<QuoteLine> lines, long capacityBytes, int termDays, BigDecimal egressGbPerMonth,
                    String currency, BigDecimal subtotal, int platformFeeBps, BigDecimal platformFee, BigDecimal total,
                    Instant issuedAt, Instant expiresAt, List<ExchangeRate> rates) {

    public int redundancy() {
        return lines.size();
    }
}
