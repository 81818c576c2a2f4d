package io.flashback.orchestrator;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
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
 * @param fundingDeadline    how long after acceptance the consumer has to fund the escrow before the
 *                           agreement ends as BREACHED_BY_CONSUMER and the capacity is released
 * @param chain              the escrow the orchestrator follows; without an address book no chain is followed
 */
@Validated
@ConfigurationProperties("flashback.orchestrator")
public record OrchestratorProperties(@DefaultValue("30s") @NotNull Duration grantSyncInterval,
                                     @DefaultValue("72h") @NotNull Duration lowBalanceWarning,
                                     @NotNull URI marketplaceUrl,
                                     @DefaultValue("3s") @NotNull Duration marketplaceTimeout,
                                     @DefaultValue("1d") @NotNull Duration epochLength,
                                     @DefaultValue("99") @NotNull BigDecimal auditPassRatePct,
                                     @DefaultValue("24h") @NotNull Duration fundingDeadline,
                                     @DefaultValue @NotNull Chain chain) {

    /**
     * @param addressBook       the deployment's address book (contracts' {@code AddressBook} JSON)
     * @param rpcUrl            JSON-RPC endpoint of the chain
     * @param pollInterval      how often new blocks are read
     * @param confirmations     blocks an event must be buried under before it counts (re-org safety)
     * @param maxBlocksPerRead  blocks read per page
     * @param paymentCurrency   the quote currency paid in the address book's payment token
     * @param tokenDecimals     that token's decimals (fUSD and USDC: 6)
     * @param collateral        staking-token units (wei) the provider locks per agreement on acceptance
     */
    public record Chain(Path addressBook, URI rpcUrl,
                        @DefaultValue("2s") @NotNull Duration pollInterval,
                        @DefaultValue("0") @Min(0) int confirmations,
                        @DefaultValue("500") @Min(1) int maxBlocksPerRead,
                        @DefaultValue("USDC") @NotBlank String paymentCurrency,
                        @DefaultValue("6") @Min(0) int tokenDecimals,
                        @DefaultValue("1000000000000000000000") @NotNull BigInteger collateral) {
    }
}
