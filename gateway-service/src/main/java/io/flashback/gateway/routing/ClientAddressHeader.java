package io.flashback.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;

/**
 * Appends the address of the client the gateway talks to (its TCP peer, or the client a trusted
 * proxy named when {@code server.forward-headers-strategy} is set) to {@code X-Forwarded-For}, so
 * that a service can limit anonymous requests per client (registry-service's
 * {@code ClientAddress}, #13 L8). Services believe only this last entry: whatever the client sent
 * in the header stays before it and proves nothing.
 *
 * <p>Spring Cloud Gateway's own {@code XForwardedHeadersFilter} would do this only when
 * {@code spring.cloud.gateway.server.webflux.trusted-proxies} is set, and passes a client's header on
 * unchanged from any peer it does not trust, which is every client of an edge gateway.
 */
@Component
class ClientAddressHeader implements GlobalFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return chain.filter(exchange);
        }
        String client = peer.getAddress().getHostAddress();
        return chain.filter(exchange.mutate()
                .request(exchange.getRequest().mutate().headers(headers -> headers.add(X_FORWARDED_FOR, client)).build())
                .build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public String toString() {
        return "ClientAddressHeader[appends the peer address to " + X_FORWARDED_FOR + "]";
    }
}
