package io.flashback.gateway.routing;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Services' actuator endpoints are for operators on the internal network; through the public
 * gateway only their health is visible ({@code /api/<service>/actuator/health[/...]}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ManagementPathGuard implements WebFilter {

    private static final Pattern ACTUATOR = Pattern.compile("^/api/[^/]+/actuator(/.*)?$");
    private static final Pattern HEALTH = Pattern.compile("^/api/[^/]+/actuator/health(/[A-Za-z0-9-]+)?/?$");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (ACTUATOR.matcher(path).matches() && !HEALTH.matcher(path).matches()) {
            exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
            exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"only the health of a service is exposed through the gateway\",\"instance\":\""
                    + path.replace("\"", "") + "\"}").getBytes(StandardCharsets.UTF_8);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
        }
        return chain.filter(exchange);
    }
}
