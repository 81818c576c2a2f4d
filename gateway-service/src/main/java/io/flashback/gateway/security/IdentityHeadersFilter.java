package io.flashback.gateway.security;

import io.flashback.security.Identity;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.TreeSet;

/**
 * Tells the service who is calling, for its logs: {@code X-Account-Id} (the token's subject),
 * {@code X-Roles} and, for a program, {@code X-Api-Key-Id}. Whatever a caller sent under these
 * names is removed first. The token itself goes on in {@code Authorization}; services trust only it.
 */
@Component
class IdentityHeadersFilter implements GlobalFilter, Ordered {

    static final String ACCOUNT = "X-Account-Id";
    static final String ROLES = "X-Roles";
    static final String API_KEY = "X-Api-Key-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(authentication -> Optional.of(Identity.of(authentication)))
                .defaultIfEmpty(Optional.empty())
                .flatMap(identity -> {
                    ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
                        headers.remove(ACCOUNT);
                        headers.remove(ROLES);
                        headers.remove(API_KEY);
                        identity.ifPresent(caller -> {
                            headers.set(ACCOUNT, caller.subject());
                            headers.set(ROLES, String.join(",", new TreeSet<>(caller.roles())));
                            caller.apiKeyId().ifPresent(key -> headers.set(API_KEY, key));
                        });
                    }).build();
                    return chain.filter(exchange.mutate().request(request).build());
                });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public String toString() {
        return "IdentityHeadersFilter[" + ACCOUNT + ", " + ROLES + ", " + API_KEY + "]";
    }
}
