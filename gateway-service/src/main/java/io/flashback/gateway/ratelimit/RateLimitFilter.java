package io.flashback.gateway.ratelimit;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Limits requests per client: one instance keyed by the client's IP address (runs before
 * authentication, so floods of bad tokens are limited too), one keyed by the account the token
 * names (runs after it). An empty bucket is answered 429 with problem details and Retry-After.
 * The IP is the TCP peer's; behind a proxy set {@code server.forward-headers-strategy} so that it is
 * the client's.
 */
public final class RateLimitFilter implements WebFilter, Ordered {

    /** What a request is counted against; empty when this limiter does not apply to it. */
    public record Config(String name, int order, Function<ServerWebExchange, Mono<Optional<String>>> key) {
        @Override
        public String toString() {
            return "RateLimitFilter.Config[" + name + ", order " + order + "]";
        }
    }

    private final Config config;
    private final TokenBuckets buckets;
    private final double refillPerSecond;

    RateLimitFilter(Config config, int capacity, double refillPerSecond) {
        this.config = config;
        this.buckets = new TokenBuckets(capacity, refillPerSecond, System::nanoTime);
        this.refillPerSecond = refillPerSecond;
    }

    static Mono<Optional<String>> clientIp(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return Mono.just(Optional.of(remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress()));
    }

    static Mono<Optional<String>> account(ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(authentication -> Optional.of(((JwtAuthenticationToken) authentication).getToken().getSubject()))
                .defaultIfEmpty(Optional.empty());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return config.key().apply(exchange).flatMap(key -> {
            if (key.isEmpty()) {
                return chain.filter(exchange);
            }
            long waitNanos = buckets.take(config.name() + ":" + key.get());
            if (waitNanos == 0) {
                return chain.filter(exchange);
            }
            long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
            return io.flashback.gateway.security.ProblemWriter.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                    "Too many requests", "This " + config.name() + " may send " + buckets.capacity() + " requests at once and "
                            + refillPerSecond + " per second after that; retry in " + retryAfter + " s.");
        });
    }

    @Override
    public int getOrder() {
        return config.order();
    }

    @Override
    public String toString() {
        return "RateLimitFilter[" + config.name() + ", capacity " + buckets.capacity() + ", " + refillPerSecond + "/s]";
    }
}
