package io.flashback.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
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
 * @param nodeEndpoints where the service may connect when it talks to a bridge node at its announced endpoint
 * @param requestBody the largest request body a service reads
 */
@Validated
@ConfigurationProperties("flashback.security")
public record FlashbackSecurityProperties(URI jwksUri,
                                          @NotBlank String issuer,
                                          @DefaultValue("flashback") @NotBlank String audience,
                                          @DefaultValue List<String> publicPaths,
                                          @DefaultValue("30s") @NotNull Duration clockSkew,
                                          @DefaultValue @NotNull NodeEndpoints nodeEndpoints,
                                          @DefaultValue @NotNull RequestBody requestBody) {

    /**
     * {@code flashback.security.node-endpoints.*}.
     *
     * @param allowLoopback connect to nodes on 127.0.0.0/8 and ::1: only for the local profile and tests, where the
     *                      node runs on the same machine (every other non-public address stays refused)
     */
    public record NodeEndpoints(@DefaultValue("false") boolean allowLoopback) {
    }

    /**
     * {@code flashback.security.request-body.*}.
     *
     * @param maxSize bodies larger than this are answered 413 before (declared length) or while (chunked) they are read
     */
    public record RequestBody(@DefaultValue("1MB") @NotNull DataSize maxSize) {
    }
}
