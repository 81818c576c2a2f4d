package io.flashback.marketplace.quote.internal;

import io.flashback.marketplace.dataunit.DataUnits;
import io.flashback.marketplace.quote.ExchangeRateUnavailable;
import io.flashback.marketplace.quote.PriceQuoter;
import io.flashback.marketplace.quote.Quote;
import io.flashback.marketplace.quote.QuoteRejected;
import io.flashback.marketplace.quote.QuoteRequest;
import io.flashback.marketplace.quote.QuoteSigner;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Quotes for everyone (no sign-in): price a choice of Data Units, and check a quote token. */
@RestController
@RequestMapping("/quotes")
class QuoteController {

    /** Every number bounded in range and digits, so that none can make the quote's arithmetic or answer huge (#13 M4). */
    record QuoteBody(@NotEmpty @Size(max = PriceQuoter.MAX_REDUNDANCY) List<@NotNull UUID> dataUnitIds,
                     @Positive @Max(PriceQuoter.MAX_CAPACITY_BYTES) long capacityBytes,
                     @Positive @Max(3650) int termDays,
                     @DecimalMin("0") @DecimalMax(PriceQuoter.MAX_EGRESS_GB_PER_MONTH)
                     @Digits(integer = 10, fraction = PriceQuoter.EGRESS_DECIMALS) BigDecimal egressGbPerMonth,
                     @NotBlank @Size(max = 12) String currency) {
    }

    record SignedQuote(Quote quote, String token) {
    }

    record TokenBody(@NotBlank @Size(max = 8192) String token) {
    }

    private final DataUnits dataUnits;
    private final PriceQuoter quoter;
    private final QuoteSigner signer;

    QuoteController(DataUnits dataUnits, PriceQuoter quoter, QuoteSigner signer) {
        this.dataUnits = dataUnits;
        this.quoter = quoter;
        this.signer = signer;
    }

    @PostMapping
    ResponseEntity<SignedQuote> quote(@Valid @RequestBody QuoteBody body) {
        QuoteRequest request = new QuoteRequest(body.dataUnitIds(), body.capacityBytes(), body.termDays(), body.egressGbPerMonth(),
                body.currency());
        Quote quote = quoter.quote(request, dataUnits.findAll(body.dataUnitIds()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new SignedQuote(quote, signer.sign(quote)));
    }

    @PostMapping("/verify")
    Quote verify(@Valid @RequestBody TokenBody body) {
        return signer.verify(body.token());
    }

    @GetMapping("/signing-key")
    Map<String, String> signingKey() {
        return Map.of("algorithm", "Ed25519", "publicKey", signer.publicKey());
    }

    @ExceptionHandler(QuoteRejected.class)
    ProblemDetail rejected(QuoteRejected e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Quote refused");
        return problem;
    }

    /** A stale or inconsistent price feed: nothing is priced in its currency until it answers properly (#13 L6). */
    @ExceptionHandler(ExchangeRateUnavailable.class)
    ProblemDetail rateUnavailable(ExchangeRateUnavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Exchange rate unavailable");
        problem.setProperty("currency", e.currency());
        return problem;
    }

    @ExceptionHandler(QuoteSigner.InvalidQuote.class)
    ProblemDetail invalid(QuoteSigner.InvalidQuote e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid quote");
        return problem;
    }
}
