package io.flashback.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code flashback.security.*}: how a service validates the registry's access tokens.
 *
 * @param jwksUri     the registry's JWKS URL (not needed by the registry itself, which reads its own keys)
 * @param issuer      the {@code iss} every token must carry
 * @param audience    the {@code aud} every token must carry
 * @param publicPaths requests answered without a token besides health and metrics, as
 *                    {@code "/path/**"} (any method) or {@code "GET /path/**"}
 * @param clockSkew   tolerance on {@code exp} and {@code nbf}
 */
@Validated
@ConfigurationProperties("flashback.security")
public record FlashbackSecurityProperties(URI jwksUri,
                                          @NotBlank String issuer,
                                          @DefaultValue("flashback") @NotBlank String audience,
                                          @DefaultValue List<String> publicPaths,
                                          @DefaultValue("30s") @NotNull Duration clockSkew) {
}
