package io.flashback.gateway;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * {@code flashback.gateway.*}.
 *
 * @param services        base URL of each routed service; {@code /api/<name>/**} goes to it
 * @param responseTimeout how long a service may take to answer before the caller gets a 504
 */
@Validated
@ConfigurationProperties("flashback.gateway")
public record FlashbackGatewayProperties(@NotEmpty Map<String, URI> services,
                                         @DefaultValue("30s") @NotNull Duration responseTimeout) {
}
