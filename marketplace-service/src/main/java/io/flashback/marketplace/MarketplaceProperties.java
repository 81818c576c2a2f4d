package io.flashback.marketplace;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code flashback.marketplace.*}: this service's settings, validated at start.
 *
 * @param platformFeeBps platform fee in basis points added to quotes
 * @param quoteValidity how long a signed quote stays valid
 */
@Validated
@ConfigurationProperties("flashback.marketplace")
public record MarketplaceProperties(@DefaultValue("200") @Min(0) @Max(10000) int platformFeeBps,
                                    @DefaultValue("15m") @NotNull Duration quoteValidity) {
}
