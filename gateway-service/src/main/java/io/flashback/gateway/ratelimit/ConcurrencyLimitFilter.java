package io.flashback.gateway.ratelimit;

import io.flashback.gateway.security.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Limits how many requests one client may have in flight at once: its account (token subject)
 * when it is authenticated, else its IP address. It runs after authentication and before the
 * routes, so before a service's circuit breaker and its bulkhead: a client's burst is answered
 * 429 here instead of filling the service's bulkhead, whose rejections would otherwise be counted
 * as failures and open the breaker for every other client (issue #13, M3).
 */
public final class ConcurrencyLimitFilter implements WebFilter, Ordered {

    /** How many requests one client may have in flight, and where this filter runs. */
    public record Config(int perClient, int order) {
        @Override
        public String toString() {
            return "ConcurrencyLimitFilter.Config[" + perClient + " per client, order " + order + "]";
        }
    }

    private static final String RETRY_AFTER_SECONDS = "1";

    private final Config config;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    ConcurrencyLimitFilter(Config config) {
        this.config = config;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return RateLimitFilter.account(exchange)
                .flatMap(account -> account.isPresent() ? Mono.just("account:" + account.get())
                        : RateLimitFilter.clientIp(exchange).map(ip -> "ip:" + ip.orElse("unknown")))
                .flatMap(client -> {
                    if (!acquire(client)) {
                        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
                        return ProblemWriter.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-concurrent-requests",
                                "Too many requests", "This " + (client.startsWith("account:") ? "account" : "IP address") + " may have "
                                        + config.perClient() + " requests in flight at once; wait for an answer before sending more, "
                                        + "or retry in " + RETRY_AFTER_SECONDS + " s.");
                    }
                    AtomicBoolean released = new AtomicBoolean();
                    return chain.filter(exchange).doFinally(signal -> {
                        if (released.compareAndSet(false, true)) {
                            release(client);
                        }
                    });
                });
    }

    private boolean acquire(String client) {
        boolean[] admitted = {false};
        inFlight.compute(client, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= config.perClient()) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    private void release(String client) {
        // a client with nothing in flight leaves no entry behind, so the map holds only active clients
        inFlight.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }

    @Override
    public int getOrder() {
        return config.order();
    }

    @Override
    public String toString() {
        return "ConcurrencyLimitFilter[" + config.perClient() + " in flight per client]";
    }
}
