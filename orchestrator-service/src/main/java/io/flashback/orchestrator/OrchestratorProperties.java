package io.flashback.orchestrator;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

/**
 * {@code flashback.orchestrator.*}: this service's settings, validated at start.
 *
 * @param grantSyncInterval  how often bridge nodes are expected to pull their grants
 * @param lowBalanceWarning  warn a consumer this long before an agreement runs out of funds
 * @param marketplaceUrl     where the marketplace publishes the key its quotes are signed with
 * @param marketplaceTimeout connect and read timeout of calls to the marketplace
 * @param epochLength        SLA epoch of new agreements (minutes for local runs, a day in production)
 * @param auditPassRatePct   share of possession audits an agreement's node must pass
 */
@Validated
@ConfigurationProperties("flashback.orchestrator")
public record OrchestratorProperties(@DefaultValue("30s") @NotNull Duration grantSyncInterval,
                                     @DefaultValue("72h") @NotNull Duration lowBalanceWarning,
                                     @NotNull URI marketplaceUrl,
                                     @DefaultValue("3s") @NotNull Duration marketplaceTimeout,
                                     @DefaultValue("1d") @NotNull Duration epochLength,
                                     @DefaultValue("99") @NotNull BigDecimal auditPassRatePct) {
}
