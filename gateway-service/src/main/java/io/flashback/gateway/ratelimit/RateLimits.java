package io.flashback.gateway.ratelimit;

import io.flashback.gateway.FlashbackGatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The per-IP limiter before authentication, the per-account limiter after it, and the limit of
 * requests in flight per client after both (before the routes and their circuit breakers).
 */
@Configuration(proxyBeanMethods = false)
class RateLimits {

    /** Spring Security's WebFilterChainProxy runs at order -100. */
    private static final int SECURITY = -100;

    @Bean
    RequestBodyLimitFilter requestBodyLimit(FlashbackGatewayProperties properties) {
        return new RequestBodyLimitFilter(new RequestBodyLimitFilter.Config(properties.maxRequestBody().toBytes(), SECURITY - 20));
    }

    @Bean
    RateLimitFilter perIpRateLimit(FlashbackGatewayProperties properties) {
        FlashbackGatewayProperties.RateLimits limits = properties.rateLimits();
        return new RateLimitFilter(new RateLimitFilter.Config("IP address", SECURITY - 10, RateLimitFilter::clientIp),
                limits.perIpCapacity(), limits.perIpRefillPerSecond());
    }

    @Bean
    RateLimitFilter perAccountRateLimit(FlashbackGatewayProperties properties) {
        FlashbackGatewayProperties.RateLimits limits = properties.rateLimits();
        return new RateLimitFilter(new RateLimitFilter.Config("account", SECURITY + 10, RateLimitFilter::account),
                limits.perAccountCapacity(), limits.perAccountRefillPerSecond());
    }

    @Bean
    ConcurrencyLimitFilter perClientConcurrencyLimit(FlashbackGatewayProperties properties) {
        return new ConcurrencyLimitFilter(new ConcurrencyLimitFilter.Config(properties.concurrency().perClient(), SECURITY + 20));
    }
}
