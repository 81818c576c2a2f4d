package io.flashback.gateway.fallback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import java.net.URI;
import java.util.Set;

/** What a caller gets when a service is down, too slow, or its circuit is open (RFC 9457 problem details). */
@RestController
class ServiceUnavailableFallback {

    private static final Logger log = LoggerFactory.getLogger(ServiceUnavailableFallback.class);

    @RequestMapping("/fallback/{service}")
    ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        // why the route failed is the one thing an operator needs to tell a down service from an open circuit or a timeout
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        log.warn("{} answered 503 for {}: {}", service, exchange.getRequest().getPath(), cause == null ? "no cause recorded" : cause.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The " + service + " service is not reachable right now. Retry in a few seconds.");
        problem.setTitle("Service unavailable");
        problem.setType(URI.create("https://flashback.io/problems/service-unavailable"));
        problem.setProperty("service", service);
        Set<URI> original = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (original != null && !original.isEmpty()) {
            problem.setInstance(URI.create(original.iterator().next().getRawPath()));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
