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
 * gateway only their health is visible ({@code /api/<service>/actuator/health[/...]}); their
 * {@code /internal/**} endpoints (for other services) are not visible at all.
 *
 * <p>The decision is taken on the path as a service could understand it, not as it was sent
 * ({@link RequestPaths#normalise}): percent-encoding (also double), {@code ;} path parameters,
 * empty, {@code .} and {@code ..} segments and letter case are undone first, so that
 * {@code /api/registry/%61ctuator/prometheus} is refused like {@code /api/registry/actuator/prometheus}
 * (issue #13, L1).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ManagementPathGuard implements WebFilter {

    private static final Pattern ACTUATOR = Pattern.compile("^/api/[^/]+/actuator(/.*)?$");
    /** What services serve to the internal network only, such as the registry's token revocation list (#13 L3). */
    private static final Pattern INTERNAL = Pattern.compile("^/api/[^/]+/internal(/.*)?$");
    private static final Pattern HEALTH = Pattern.compile("^/api/[^/]+/actuator/health(/[a-z0-9-]+)?$");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = RequestPaths.normalise(exchange.getRequest().getURI().getRawPath());
        if (INTERNAL.matcher(path).matches() || ACTUATOR.matcher(path).matches() && !HEALTH.matcher(path).matches()) {
            exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
            exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"only the health of a service is exposed through the gateway, not its management or internal endpoints\",\"instance\":\""
                    + path.replaceAll("[^A-Za-z0-9/._~-]", "") + "\"}").getBytes(StandardCharsets.UTF_8);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
        }
        return chain.filter(exchange);
    }
}
