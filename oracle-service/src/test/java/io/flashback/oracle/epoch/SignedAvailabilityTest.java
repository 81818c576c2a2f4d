package io.flashback.oracle.epoch;

import io.flashback.oracle.evaluation.Terms;
import io.flashback.oracle.evaluation.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignedAvailabilityTest {

    private static final Terms TERMS = new Terms(99.9, 50, 10, 20, 99,
            List.of(new Terms.CreditTier(99.9, 10), new Terms.CreditTier(99.0, 25), new Terms.CreditTier(95.0, 100)), 95.0);

    private static Verdict verdict(double availability, Verdict.Breach... breaches) {
        return new Verdict(breaches.length == 0 ? Verdict.Outcome.MET : Verdict.Outcome.BREACHED, availability, 20, 30, 60, 100, 12, 0,
                false, List.of(breaches), List.of());
    }

    @Test
    void availabilityIsSignedToTheNearestPartPerMillion() {
        assertThat(SignedAvailability.ppm(TERMS, verdict(100.0))).isEqualTo(1_000_000);
        assertThat(SignedAvailability.ppm(TERMS, verdict(97.99999999999999, Verdict.Breach.AVAILABILITY))).isEqualTo(980_000);
    }

    @Test
    void aBreachedTermOtherThanAvailabilityOwesTheMildestCredit() {
        assertThat(SignedAvailability.ppm(TERMS, verdict(100.0, Verdict.Breach.LATENCY))).isEqualTo(998_999);
        assertThat(SignedAvailability.ppm(TERMS, verdict(100.0, Verdict.Breach.AUDITS))).isEqualTo(998_999);
    }

    @Test
    void foldingNeverRaisesAWorseAvailabilityNorSlashesByItself() {
        assertThat(SignedAvailability.ppm(TERMS, verdict(90.0, Verdict.Breach.AVAILABILITY, Verdict.Breach.LATENCY))).isEqualTo(900_000);
        assertThat(SignedAvailability.ppm(TERMS, verdict(100.0, Verdict.Breach.DOWNLOAD_THROUGHPUT))).isGreaterThan(950_000);
    }

    @Test
    void withoutCreditTiersOnlyAvailabilityCounts() {
        Terms noTiers = new Terms(99.9, 50, 10, 20, 99, List.of(), Double.NaN);

        assertThat(SignedAvailability.ppm(noTiers, verdict(100.0, Verdict.Breach.LATENCY))).isEqualTo(1_000_000);
    }
}
