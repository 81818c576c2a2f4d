package io.flashback.marketplace.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A priced offer for storage on R Data Units; valid until {@code expiresAt}. Signed by the
 * marketplace ({@link QuoteSigner}) so the consumer and the orchestrator can check it was not altered.
 */
public record Quote(UUID id, List<QuoteLine> lines, long capacityBytes, int termDays, BigDecimal egressGbPerMonth,
                    String currency, BigDecimal subtotal, int platformFeeBps, BigDecimal platformFee, BigDecimal total,
                    Instant issuedAt, Instant expiresAt) {

    public int redundancy() {
        return lines.size();
    }
}
