package io.flashback.marketplace;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code flashback.marketplace.*}: this service's settings, validated at start.
 *
 * @param platformFeeBps        platform fee in basis points added to quotes
 * @param quoteValidity         how long a signed quote stays valid
 * @param referenceCurrency     currency that search prices are compared in
 * @param exchangeRates         value of one unit of each currency in the reference currency, used where
 *                              no price feed exists (e.g. {@code USDC: 1.0}, {@code EUR: 1.08})
 * @param currencyDecimals      decimals quotes are rounded to, per currency (USDC 6, USD 2, ...)
 * @param quoteSigningKeyFile   Ed25519 private key (PKCS#8, base64) that signs quotes; created with
 *                              owner-only permissions when missing
 * @param chain                 the deployment whose price feed values currencies; without an address book
 *                              only the configured rates are used
 */
@Validated
@ConfigurationProperties("flashback.marketplace")
public record MarketplaceProperties(@DefaultValue("200") @Min(0) @Max(10000) int platformFeeBps,
                                    @DefaultValue("15m") @NotNull Duration quoteValidity,
                                    @DefaultValue("USD") @NotBlank String referenceCurrency,
                                    @NotEmpty Map<String, BigDecimal> exchangeRates,
                                    @NotEmpty Map<String, Integer> currencyDecimals,
                                    @NotNull Path quoteSigningKeyFile,
                                    @DefaultValue @NotNull @Valid Chain chain) {

    /**
     * @param addressBook  the deployment's address book (contracts' {@code AddressBook} JSON), whose
     *                     {@code priceFeed} is read
     * @param rpcUrl       JSON-RPC endpoint of the chain
     * @param rateCacheTtl how long a rate read from the feed is used before it is read again
     * @param rateTimeout  how long a read of the feed may take before the configured rate is used
     * @param rateMaxAge   the oldest feed answer ({@code updatedAt}) still used: set it to the feed's heartbeat plus a
     *                     margin; an older answer refuses quotes in the currency the feed values (#13 L6)
     */
    public record Chain(Path addressBook, URI rpcUrl,
                        @DefaultValue("30s") @NotNull Duration rateCacheTtl,
                        @DefaultValue("2s") @NotNull Duration rateTimeout,
                        @DefaultValue("1h") @NotNull Duration rateMaxAge) {
    }
}
