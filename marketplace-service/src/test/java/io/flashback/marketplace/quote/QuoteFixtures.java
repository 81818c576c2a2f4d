package io.flashback.marketplace.quote;

import io.flashback.marketplace.dataunit.Api;
import io.flashback.marketplace.dataunit.DataUnit;
import io.flashback.marketplace.dataunit.DataUnitState;
import io.flashback.marketplace.dataunit.OfferedQos;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

final class QuoteFixtures {

    static final long GIB = 1L << 30;

    private QuoteFixtures() {
    }

    static DataUnit unit(UUID provider, String currency, String pricePerGbMonth, String egressPerGb, long freeBytes) {
        return new DataUnit(UUID.randomUUID(), provider, "node-1", DataUnitState.AVAILABLE, true, freeBytes, 0, currency,
                new BigDecimal(pricePerGbMonth), new BigDecimal(egressPerGb), "eu-west", "DE", Set.of(Api.S3),
                new OfferedQos(new BigDecimal("99.9"), 40, 100, 200, 100), 30, 365, List.of("evm:31337:USDC"), true, false,
                new BigDecimal("50"), null, Instant.EPOCH, Instant.EPOCH, 0);
    }
}
