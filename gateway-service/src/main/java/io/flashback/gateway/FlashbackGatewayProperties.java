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

/**
 * {@code flashback.gateway.*}.
 *
 * @param services        base URL of each routed service; {@code /api/<name>/**} goes to it
 * @param responseTimeout how long a service may take to answer before the caller gets a 504
 * @param rateLimits      token buckets per client IP and per account
 */
@Validated
@ConfigurationProperties("flashback.gateway")
public record FlashbackGatewayProperties(@NotEmpty Map<String, URI> services,
                                         @DefaultValue("30s") @NotNull Duration responseTimeout,
                                         @Valid @DefaultValue RateLimits rateLimits) {

    /**
     * Each client IP and each account (token subject) has a bucket of {@code capacity} requests
     * refilled at {@code refillPerSecond}; a request finding its bucket empty gets a 429.
     */
    public record RateLimits(@DefaultValue("200") @Positive int perIpCapacity,
                             @DefaultValue("50") @Positive double perIpRefillPerSecond,
                             @DefaultValue("400") @Positive int perAccountCapacity,
                             @DefaultValue("100") @Positive double perAccountRefillPerSecond) {
    }
}
