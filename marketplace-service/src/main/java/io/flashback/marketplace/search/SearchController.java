package io.flashback.marketplace.search;

import io.flashback.marketplace.node.CertificationTier;
import io.flashback.marketplace.dataunit.Api;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** Public browsing of the marketplace: no sign-in needed. */
@RestController
class SearchController {

    private final DataUnitSearch search;

    SearchController(DataUnitSearch search) {
        this.search = search;
    }

    @GetMapping("/data-units")
    SearchPage search(@RequestParam Optional<String> region, @RequestParam Optional<String> country,
                      @RequestParam Optional<String> api, @RequestParam Optional<BigDecimal> maxPrice,
                      @RequestParam Optional<Long> minFreeBytes, @RequestParam Optional<BigDecimal> minAvailability,
                      @RequestParam Optional<Integer> maxLatencyMs, @RequestParam Optional<BigDecimal> minRating,
                      @RequestParam Optional<String> paymentMethod, @RequestParam Optional<Boolean> encryptionAtRest,
                      @RequestParam Optional<String> certified,
                      @RequestParam(defaultValue = "price") String sort, @RequestParam(defaultValue = "20") int limit,
                      @RequestParam Optional<String> cursor) {
        SortOrder order = parse(SortOrder.class, sort, "sort", "price, rating or latency");
        return search.search(new SearchQuery(region.map(String::strip), country.map(c -> c.strip().toUpperCase(Locale.ROOT)),
                api.map(a -> parse(Api.class, a, "api", "s3 or gcs")), maxPrice, minFreeBytes, minAvailability, maxLatencyMs,
                minRating, paymentMethod, encryptionAtRest,
                certified.map(tier -> parse(CertificationTier.class, tier, "certified", "bronze, silver or gold (the lowest tier accepted)")),
                order, limit, cursor.map(SearchCursor::decode)));
    }

    @ExceptionHandler(InvalidSearchException.class)
    ProblemDetail invalid(InvalidSearchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid search");
        return problem;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name, String allowed) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSearchException(name + " must be " + allowed + ", not '" + value + "'");
        }
    }
}
