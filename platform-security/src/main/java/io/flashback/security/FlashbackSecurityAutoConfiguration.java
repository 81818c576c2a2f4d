package io.flashback.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.flashback.security.node.NodeAddressPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a servlet service a resource server of the registry's access tokens: ES256 signatures
 * checked against the registry's JWKS (or, in the registry itself, its own key set), issuer,
 * audience and expiry validated, roles and scopes as authorities, health and metrics and the
 * configured public paths open, and 401/403 answered as problem details. Also: request bodies limited to
 * {@code flashback.security.request-body.max-size} (413 problem details), and the one {@link NodeAddressPolicy} every
 * connection to a bridge node's announced endpoint goes through.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(FlashbackSecurityProperties.class)
@EnableMethodSecurity
public class FlashbackSecurityAutoConfiguration {

    private static final List<String> ALWAYS_OPEN = List.of("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**");

    @Bean
    @ConditionalOnMissingBean
    NodeAddressPolicy nodeAddressPolicy(FlashbackSecurityProperties properties) {
        return new NodeAddressPolicy(properties.nodeEndpoints().allowLoopback());
    }

    @Bean
    RequestBodyLimitFilter requestBodyLimitFilter(FlashbackSecurityProperties properties) {
        return new RequestBodyLimitFilter(properties.requestBody().maxSize().toBytes());
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.web.servlet.HandlerExceptionResolver")
    RequestBodyTooLargeResolver requestBodyTooLargeResolver() {
        return new RequestBodyTooLargeResolver();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder flashbackJwtDecoder(FlashbackSecurityProperties properties, ObjectProvider<JWKSource<SecurityContext>> ownKeys) {
        JWKSource<SecurityContext> keys = ownKeys.getIfAvailable();
        NimbusJwtDecoder decoder;
        if (keys != null) {
            decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        } else if (properties.jwksUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString()).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        } else {
            throw new IllegalStateException("flashback.security.jwks-uri must name the registry's JWKS URL (e.g. http://registry:8081/.well-known/jwks.json)");
        }
        decoder.setJwtValidator(FlashbackTokenValidation.validator(properties.issuer(), properties.audience(), properties.clockSkew()));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain flashbackSecurityFilterChain(HttpSecurity http, JwtDecoder decoder, FlashbackSecurityProperties properties)
            throws Exception {
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new FlashbackAuthorities());
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        List<RequestMatcher> open = openPaths(properties.publicPaths());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(open.toArray(RequestMatcher[]::new)).permitAll()
                        .anyRequest().access(new ScopeByMethod()))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint((request, response, failure) -> {
                            bearer.commence(request, response, failure);
                            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED.value(), "Unauthorized",
                                    "A valid access token is required (Authorization: Bearer <token>); it is missing, expired or not valid.");
                        })
                        .accessDeniedHandler((request, response, denied) -> ProblemResponses.write(request, response,
                                HttpStatus.FORBIDDEN.value(), "Forbidden", "The access token does not allow this request (role or scope missing).")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, failure) -> {
                            bearer.commence(request, response, failure);
                            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED.value(), "Unauthorized",
                                    "A valid access token is required (Authorization: Bearer <token>).");
                        })
                        .accessDeniedHandler((request, response, denied) -> ProblemResponses.write(request, response,
                                HttpStatus.FORBIDDEN.value(), "Forbidden", "The access token does not allow this request (role or scope missing).")));
        return http.build();
    }

    static List<RequestMatcher> openPaths(List<String> publicPaths) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> matchers = new ArrayList<>();
        ALWAYS_OPEN.forEach(path -> matchers.add(paths.matcher(path)));
        for (String entry : publicPaths) {
            String[] parts = entry.trim().split("\\s+", 2);
            matchers.add(parts.length == 2 ? paths.matcher(HttpMethod.valueOf(parts[0]), parts[1]) : paths.matcher(parts[0]));
        }
        return matchers;
    }
}
