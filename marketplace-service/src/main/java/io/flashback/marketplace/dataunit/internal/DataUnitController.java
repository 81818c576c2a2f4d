package io.flashback.marketplace.dataunit.internal;

import io.flashback.marketplace.dataunit.DataUnitState;
import io.flashback.security.Identity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Providers list Data Units on their ACTIVE nodes and move them in and out of maintenance. */
@RestController
@RequestMapping("/data-units")
class DataUnitController {

    /** The highest price per GB a unit may ask, in its currency's units. */
    static final String MAX_PRICE = "1000000000";

    record ListRequest(@NotNull UUID nodeId, @Positive long capacityBytes, @NotBlank @Size(max = 12) String currency,
                       // bounded as the columns are (numeric(24,8), numeric(6,3)): a 400 naming the field, never a database error (#13 M4)
                       @NotNull @DecimalMin("0") @DecimalMax(MAX_PRICE) @Digits(integer = 16, fraction = 8) BigDecimal pricePerGbMonth,
                       @NotNull @DecimalMin("0") @DecimalMax(MAX_PRICE) @Digits(integer = 16, fraction = 8) BigDecimal egressPricePerGb,
                       @NotBlank @Size(max = 40) String region, @NotNull @Pattern(regexp = "[A-Za-z]{2}") String country,
                       boolean s3, boolean gcs, @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 3) BigDecimal availabilityPct,
                       @Positive int latencyMs, @Positive int uploadMbps, @Positive int downloadMbps,
                       @PositiveOrZero @Max(1_000_000) int errorRatePpm, @Positive int minTermDays, @Positive @Max(3650) int maxTermDays,
                       @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 60) String> paymentMethods, boolean encryptionAtRest,
                       boolean versioning) {
    }

    record StateRequest(@NotNull DataUnitState state) {
    }

    private final DataUnitListings listings;

    DataUnitController(DataUnitListings listings) {
        this.listings = listings;
    }

    @PostMapping
    ResponseEntity<Map<String, UUID>> list(@Valid @RequestBody ListRequest request, Authentication authentication) {
        Identity identity = Identity.of(authentication);
        UUID provider = providerAccount(identity);
        UUID id = listings.list(identity.subject(), provider, new DataUnitListings.NewDataUnit(request.nodeId(), request.capacityBytes(),
                request.currency(), request.pricePerGbMonth(), request.egressPricePerGb(), request.region(), request.country(), request.s3(),
                request.gcs(), request.availabilityPct(), request.latencyMs(), request.uploadMbps(), request.downloadMbps(),
                request.errorRatePpm(), request.minTermDays(), request.maxTermDays(), request.paymentMethods(), request.encryptionAtRest(),
                request.versioning()));
        return ResponseEntity.created(URI.create("/data-units/" + id)).body(Map.of("id", id));
    }

    @PostMapping("/{id}/state")
    ResponseEntity<Void> move(@PathVariable UUID id, @Valid @RequestBody StateRequest request, Authentication authentication) {
        Identity identity = Identity.of(authentication);
        providerAccount(identity);
        listings.move(identity.subject(), id, request.state());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(DataUnitListings.ListingRefused.class)
    ProblemDetail refused(DataUnitListings.ListingRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        problem.setTitle("Listing refused");
        return problem;
    }

    private static UUID providerAccount(Identity identity) {
        String account = identity.hasRole("PROVIDER") ? identity.accounts().get("PROVIDER") : null;
        try {
            if (account != null) {
                return UUID.fromString(account);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw new DataUnitListings.ListingRefused(403, "listing capacity needs a provider account (role PROVIDER in the token)");
    }
}
