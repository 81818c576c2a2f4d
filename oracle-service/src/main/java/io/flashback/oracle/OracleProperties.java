package io.flashback.oracle;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code flashback.oracle.*}: this service's settings, validated at start.
 *
 * @param epochLength length of an SLA epoch (minutes for local runs)
 * @param validatorThreshold signatures (k) an epoch report needs
 */
@Validated
@ConfigurationProperties("flashback.oracle")
public record OracleProperties(@DefaultValue("1d") @NotNull Duration epochLength,
                               @DefaultValue("1") @Min(1) int validatorThreshold) {
}
