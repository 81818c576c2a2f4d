package io.flashback.registry;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code flashback.registry.*}: this service's settings, validated at start.
 *
 * @param operatorWallets wallets (0x addresses) that get the OPERATOR role
 * @param heartbeatTimeout a node silent for longer is marked OFFLINE
 */
@Validated
@ConfigurationProperties("flashback.registry")
public record RegistryProperties(@DefaultValue List<String> operatorWallets,
                                 @DefaultValue("5m") @NotNull Duration heartbeatTimeout) {
}
