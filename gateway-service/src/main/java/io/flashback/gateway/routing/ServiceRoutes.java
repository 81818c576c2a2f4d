package io.flashback.gateway.routing;

import io.flashback.gateway.FlashbackGatewayProperties;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * {@code /api/<service>/**} to each service with the prefix removed, through a circuit breaker
 * per service whose fallback answers with a problem-details 503 (see {@code ServiceUnavailableFallback}).
 *
 * <p>The breaker opens on the service's own failures (connection errors, timeouts) when they are
 * half of at least 20 calls within the last 30 s, never on calls the gateway turned away: a
 * client's requests beyond its share of requests in flight are answered 429 by
 * {@code ConcurrencyLimitFilter} before they reach the breaker, and one client's share (16 by
 * default) is below the breaker's minimum number of calls, so one client's burst cannot open it for
 * everybody else (issue #13, M3). The breaker's bulkhead (requests in flight for one service, 25 by
 * default in Spring Cloud CircuitBreaker, here {@code flashback.gateway.concurrency.per-service})
 * still answers 503 when full, but its rejections are not counted as the service's failures.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

    @Bean
    RouteLocator serviceRouteLocator(RouteLocatorBuilder builder, FlashbackGatewayProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        properties.services().forEach((name, uri) -> routes.route(name, route -> route
                .path("/api/" + name + "/**")
                .filters(filter -> filter
                        .stripPrefix(2)
                        .circuitBreaker(breaker -> breaker.setName(name).setFallbackUri("forward:/fallback/" + name)))
                .uri(uri)));
        return routes.build();
    }

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(FlashbackGatewayProperties properties) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(properties.responseTimeout()).build())
                // A window of the last 10 seconds, not of the last 20 calls: with a count-based window, the calls
                // refused while a service was still starting (a bridge node announcing itself) stayed in the count and
                // opened the circuit on the first successful calls after it was healthy (#15, seen as a 503 on the
                // first sign-in). Over time, old failures age out; a service failing now still opens it.
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .ignoreExceptions(CallNotPermittedException.class, BulkheadFullException.class)
                        .waitDurationInOpenState(Duration.ofSeconds(5))
                        .build())
                .build());
    }

    /** Requests in flight per service; a call finding the bulkhead full is refused at once, never queued. */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> bulkheadDefaults(FlashbackGatewayProperties properties) {
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom()
                        .maxConcurrentCalls(properties.concurrency().perService())
                        .maxWaitDuration(Duration.ZERO)
                        .build())
                .build());
    }
}
