package io.flashback.gateway.ratelimit;

import io.flashback.gateway.security.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared body is larger than the platform accepts, before anything is read or forwarded
 * (#13 M4): 413 problem details. A body without a declared length is streamed to the service, whose own limit
 * (platform-security's request-body filter) counts it as it arrives.
 */
public final class RequestBodyLimitFilter implements WebFilter, Ordered {

    /** The largest declared body, and where this filter runs (first: nothing else should spend work on such a request). */
    public record Config(long maxBytes, int order) {
        @Override
        public String toString() {
            return "RequestBodyLimitFilter.Config[" + maxBytes + " bytes, order " + order + "]";
        }
    }

    private final Config config;

    RequestBodyLimitFilter(Config config) {
        this.config = config;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > config.maxBytes()) {
            return ProblemWriter.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "request-body-too-large", "Request body too large",
                    "The request body has " + declared + " bytes; at most " + config.maxBytes() + " are accepted.");
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return config.order();
    }
}
