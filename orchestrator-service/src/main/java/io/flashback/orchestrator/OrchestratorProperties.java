package io.flashback.orchestrator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.flashback.security.ConfiguredSecret;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * {@code flashback.orchestrator.*}: this service's settings, validated at start.
 *
 * @param grantSyncInterval  how often bridge nodes are expected to pull their grants
 * @param marketplaceUrl     where the marketplace publishes the key its quotes are signed with
 * @param marketplaceTimeout connect and read timeout of calls to the marketplace
 * @param epochLength        SLA epoch of new agreements (minutes for local runs, a day in production)
 * @param auditPassRatePct   share of possession audits an agreement's node must pass
 * @param fundingDeadline    how long after acceptance the consumer has to fund the escrow before the
 *                           agreement ends as BREACHED_BY_CONSUMER and the capacity is released
 * @param chain              the escrow the orchestrator follows; without an address book no chain is followed
 * @param credentials        the S3 credentials of data-access grants
 * @param payments           fiat payments: invoices, the payment provider's webhook, refunds, low-funds warnings
 */
@Validated
@ConfigurationProperties("flashback.orchestrator")
public record OrchestratorProperties(@DefaultValue("30s") @NotNull Duration grantSyncInterval,
                                     @NotNull URI marketplaceUrl,
                                     @DefaultValue("3s") @NotNull Duration marketplaceTimeout,
                                     @DefaultValue("1d") @NotNull Duration epochLength,
                                     @DefaultValue("99") @NotNull BigDecimal auditPassRatePct,
                                     @DefaultValue("24h") @NotNull Duration fundingDeadline,
                                     @DefaultValue @NotNull Chain chain,
                                     @DefaultValue @NotNull @Valid Credentials credentials,
                                     @DefaultValue @NotNull @Valid Payments payments) {

    /**
     * @param fiatCurrencies  quote currencies an order may be paid in by invoice
     * @param lowFundsEpochs  the consumer is warned when an agreement's reserve pays for fewer epochs than this
     * @param refundInterval  how often refunds of SLA credits are sent to the payment provider
     * @param webhook         how the payment provider's webhooks are checked
     */
    public record Payments(@DefaultValue({"USD", "EUR"}) @NotEmpty Set<@NotBlank String> fiatCurrencies,
                           @DefaultValue("2") @Min(1) @Max(1000) int lowFundsEpochs,
                           @DefaultValue("5s") @NotNull Duration refundInterval,
                           @DefaultValue @NotNull @Valid Webhook webhook) {
    }

    /**
     * @param secret           the secret the payment provider signs webhooks with, at least 32 characters
     *                         ({@code FLASHBACK_ORCHESTRATOR_PAYMENTS_WEBHOOK_SECRET}); without it (or a file) fiat orders
     *                         are refused and every webhook is answered 503
     * @param secretFile       or a file holding it
     * @param createSecretFile make that file with a random secret when it does not exist (the {@code local} profile: a
     *                         secret of its own per state directory, never a value in the code)
     * @param tolerance        how far a webhook's signed timestamp may be from now
     * @param maxBodyBytes     the largest webhook body read
     */
    public record Webhook(@Size(min = 32) String secret, Path secretFile, @DefaultValue("false") boolean createSecretFile,
                          @DefaultValue("5m") @NotNull Duration tolerance,
                          @DefaultValue("65536") @Min(1024) @Max(1048576) int maxBodyBytes) {

        /** The secret as configured, or read from (or made in) its file; null when neither is set. */
        public String resolvedSecret() {
            String text = ConfiguredSecret.readText(secret, secretFile, createSecretFile, "flashback.orchestrator.payments.webhook.secret");
            if (text != null && text.length() < 32) {
                throw new IllegalStateException("flashback.orchestrator.payments.webhook.secret-file " + secretFile
                        + " holds fewer than 32 characters");
            }
            return text;
        }

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "Webhook[secret=" + (secret == null || secret.isBlank() ? "unset" : "(hidden)") + ", secretFile=" + secretFile
                    + ", createSecretFile=" + createSecretFile + ", tolerance=" + tolerance + ", maxBodyBytes=" + maxBodyBytes + "]";
        }
    }

    /**
     * @param key           base64 of 32 random bytes: the AES-256-GCM key grant secrets are stored under
     *                      ({@code FLASHBACK_ORCHESTRATOR_CREDENTIALS_KEY}); the orchestrator does not start without it
     *                      (or a file)
     * @param keyFile       or a file holding that base64 text
     * @param createKeyFile make that file with a random key when it does not exist (the {@code local} profile: a key of
     *                      its own per state directory, never a value in the code)
     * @param syncPageSize  the most grant changes one node sync answer carries (the node asks again for the rest)
     */
    public record Credentials(String key, Path keyFile, @DefaultValue("false") boolean createKeyFile,
                              @DefaultValue("500") @Min(1) @Max(5000) int syncPageSize) {

        /** The key as configured, or read from (or made in) its file; null when neither is set. */
        public String resolvedKey() {
            return ConfiguredSecret.readText(key, keyFile, createKeyFile, "flashback.orchestrator.credentials.key");
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "Credentials[key=" + (key == null || key.isBlank() ? "unset" : "(hidden)") + ", keyFile=" + keyFile
                    + ", createKeyFile=" + createKeyFile + ", syncPageSize=" + syncPageSize + "]";
        }
    }

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
