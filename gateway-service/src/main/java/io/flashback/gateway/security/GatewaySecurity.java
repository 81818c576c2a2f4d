package io.flashback.gateway.security;

import io.flashback.security.FlashbackAuthorities;
import io.flashback.security.FlashbackSecurityProperties;
import io.flashback.security.FlashbackTokenValidation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code /api/**} request needs a valid registry access token (ES256, checked against the
 * registry's JWKS, issuer, audience, expiry) except the public ones configured in
 * {@code flashback.security.public-paths} (marketplace browsing, sign-in, the JWKS, what bridge
 * nodes send with their own signatures, health). The services validate the token again.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(FlashbackSecurityProperties.class)
class GatewaySecurity {

    /** A token naming an unknown key refetches the registry's keys at most this often. */
    private static final Duration JWKS_MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);
    /** Longer than a key fetch may take (2 s connect + 5 s response): no request waits on a token check beyond it. */
    private static final Duration TOKEN_CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** Where the registry lists revoked sessions and keys, and how often the gateway fetches it: revocation takes effect within seconds. */
    private static final String REVOCATIONS_PATH = "/internal/token-revocations";
    private static final Duration REVOCATIONS_REFRESH_INTERVAL = Duration.ofSeconds(2);
    /**
     * The gateway's own health status is public for load balancers and orchestrators (its details
     * only for an OPERATOR, see {@code management.endpoint.health}); its metrics and any other of
     * its management endpoints need an OPERATOR token on the public port (issue #13, L1), and are
     * open only on a separate management port, which a deployment keeps on its internal network.
     */
    private static final List<String> ALWAYS_OPEN = List.of("/actuator/health", "/actuator/health/**");

    @Bean(destroyMethod = "close")
    RegistryKeys registryKeys(FlashbackSecurityProperties properties) {
        if (properties.jwksUri() == null) {
            throw new IllegalStateException("flashback.security.jwks-uri must name the registry's JWKS URL");
        }
        return new RegistryKeys(properties.jwksUri(), JWKS_MIN_REFRESH_INTERVAL, Clock.systemUTC());
    }

    /** The registry's keys are fetched once the gateway is ready, not by the first request that needs them. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> registryKeysAtStart(RegistryKeys keys) {
        return ready -> keys.prefetch();
    }

    /** The registry's list of signed-out sessions and revoked API keys, next to its JWKS (#13 L3). */
    @Bean(destroyMethod = "close")
    RevokedTokens revokedTokens(FlashbackSecurityProperties properties) {
        return new RevokedTokens(properties.jwksUri().resolve(REVOCATIONS_PATH), REVOCATIONS_REFRESH_INTERVAL);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> revokedTokensAtStart(RevokedTokens revoked) {
        return ready -> revoked.start();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(RegistryKeys keys, RevokedTokens revoked, FlashbackSecurityProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                FlashbackTokenValidation.validator(properties.issuer(), properties.audience(), properties.clockSkew()), revoked));
        // a token that cannot be checked (keys unavailable, check too slow) is the gateway's problem, not the caller's:
        // it becomes an authentication *service* failure, answered 503 below, never a hang or a 500
        return token -> Mono.defer(() -> decoder.decode(token))
                .timeout(TOKEN_CHECK_TIMEOUT)
                .onErrorMap(failure -> !(failure instanceof JwtException),
                        failure -> new JwtException("The access token could not be checked: " + failure, failure));
    }

    @Bean
    SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder, FlashbackSecurityProperties properties,
                                                      ObjectProvider<ManagementServerProperties> management, Environment environment) {
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new FlashbackAuthorities());
        ServerAuthenticationEntryPoint unauthorized = (exchange, failure) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return ProblemWriter.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "A valid access token is required (Authorization: Bearer <token>); it is missing, expired, revoked or not valid. "
                            + "Sign in at /api/registry/auth/siwe or exchange an API key at /api/registry/auth/api-key-token.");
        };
        ServerAuthenticationFailureHandler failed = (filterExchange, failure) -> {
            if (!(failure instanceof AuthenticationServiceException)) {
                return unauthorized.commence(filterExchange.getExchange(), failure);
            }
            filterExchange.getExchange().getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return ProblemWriter.write(filterExchange.getExchange(), HttpStatus.SERVICE_UNAVAILABLE, "token-check-unavailable", "Service unavailable",
                    "The gateway could not check the access token now (the registry's token keys are not available); retry shortly.");
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) ->
                ProblemWriter.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "The access token does not allow this request.");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(open(properties.publicPaths())).permitAll()
                        .matchers(onSeparateManagementPort(management.getIfAvailable(), environment)).permitAll()
                        .pathMatchers("/actuator/**").hasRole("OPERATOR")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(authentication)))
                        .authenticationEntryPoint(unauthorized)
                        .authenticationFailureHandler(failed)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * Requests to the management port when it is set apart from the public one
     * ({@code management.server.port}, for a Prometheus on the internal network that has no token);
     * the public port never matches.
     */
    private static ServerWebExchangeMatcher onSeparateManagementPort(ManagementServerProperties management, Environment environment) {
        Integer port = management == null ? null : management.getPort();
        boolean separate = port != null && port > 0 && ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        return exchange -> {
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            return separate && local != null && local.getPort() == port
                    ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    private static ServerWebExchangeMatcher open(List<String> publicPaths) {
        List<ServerWebExchangeMatcher> matchers = new ArrayList<>();
        ALWAYS_OPEN.forEach(path -> matchers.add(new PathPatternParserServerWebExchangeMatcher(path)));
        for (String entry : publicPaths) {
            String[] parts = entry.trim().split("\\s+", 2);
            matchers.add(parts.length == 2
                    ? new PathPatternParserServerWebExchangeMatcher(parts[1], HttpMethod.valueOf(parts[0]))
                    : new PathPatternParserServerWebExchangeMatcher(parts[0]));
        }
        return ServerWebExchangeMatchers.matchers(matchers.toArray(ServerWebExchangeMatcher[]::new));
    }
}
