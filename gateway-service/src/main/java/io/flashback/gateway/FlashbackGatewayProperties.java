package io.flashback.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * {@code flashback.gateway.*}.
 *
 * @param services        base URL of each routed service; {@code /api/<name>/**} goes to it
 * @param responseTimeout how long a service may take to answer before the caller gets a 504
 * @param rateLimits      token buckets per client IP and per account
 * @param concurrency     requests in flight per client and per service
 * @param maxRequestBody  the largest body a request may declare (413 beyond it)
 */
@Validated
@ConfigurationProperties("flashback.gateway")
public record FlashbackGatewayProperties(@NotEmpty Map<String, URI> services,
                                         @DefaultValue("30s") @NotNull Duration responseTimeout,
                                         @Valid @DefaultValue RateLimits rateLimits,
                                         @Valid @DefaultValue Concurrency concurrency,
                                         @DefaultValue("1MB") @NotNull DataSize maxRequestBody) {

    /**
     * Each client IP and each account (token subject) has a bucket of {@code capacity} requests
     * refilled at {@code refillPerSecond}; a request finding its bucket empty gets a 429.
     */
    public record RateLimits(@DefaultValue("200") @Positive int perIpCapacity,
                             @DefaultValue("50") @Positive double perIpRefillPerSecond,
                             @DefaultValue("400") @Positive int perAccountCapacity,
                             @DefaultValue("100") @Positive double perAccountRefillPerSecond) {
    }

    /**
     * How many requests one client (its account when it sends a valid token, else its IP address)
     * may have in flight at once; checked before a service's circuit breaker so that one client's
     * burst is answered 429 instead of tripping the breaker for everybody. Keep it below the
     * breaker's minimum number of calls (20). {@code perService}: requests in flight for one service
     * from all clients together (the breaker's bulkhead; beyond it a 503).
     */
    public record Concurrency(@DefaultValue("16") @Positive int perClient,
                              @DefaultValue("256") @Positive int perService) {
    }
}
