package io.flashback.orchestrator;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code flashback.orchestrator.*}: this service's settings, validated at start.
 *
 * @param grantSyncInterval how often bridge nodes are expected to pull their grants
 * @param lowBalanceWarning warn a consumer this long before an agreement runs out of funds
 */
@Validated
@ConfigurationProperties("flashback.orchestrator")
public record OrchestratorProperties(@DefaultValue("30s") @NotNull Duration grantSyncInterval,
                                     @DefaultValue("72h") @NotNull Duration lowBalanceWarning) {
}
