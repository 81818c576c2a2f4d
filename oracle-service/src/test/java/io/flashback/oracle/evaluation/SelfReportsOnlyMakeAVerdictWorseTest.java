package io.flashback.oracle.evaluation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue #12 item 5 / #13 M7: probes and audits bound availability, latency and throughput; a node's own report can
 * only make its verdict worse, and volumes beyond what a grant could serve are refused as a reporting fault.
 */
class SelfReportsOnlyMakeAVerdictWorseTest {

    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));
    private static final Terms STANDARD = new Terms(99.9, 50, 10, 20, 99,
            List.of(new Terms.CreditTier(99.9, 10), new Terms.CreditTier(99.0, 25), new Terms.CreditTier(95.0, 100)), 95.0);

    private final EpochEvaluator evaluator = new EpochEvaluator(0.05, 3, 60_000);

    @Test // #13 M7
    void perfectSelfReportsDoNotLiftAvailabilityTheProbesSawFail() {
        // two probes an interval (too few to overrule the node by the old rule), one of them failing: a 50 % error rate
        List<Probe> probes = IntStream.range(0, 24).mapToObj(i -> new Probe(START.plusSeconds(150L * i + 30), "eu-west", i % 2 == 0, 20, 30,
                90)).toList();
        Verdict probedOnly = evaluator.evaluate(STANDARD, START, END, List.of(), probes, audits());

        Verdict inflated = evaluator.evaluate(STANDARD, START, END, selfReport(50_000, 0, 1, 500, 500), probes, audits());

        assertThat(probedOnly.availabilityPct()).isCloseTo(50.0, within(1e-9));
        assertThat(inflated.availabilityPct()).isEqualTo(probedOnly.availabilityPct());
        assertThat(inflated.creditPct()).isEqualTo(100);
        assertThat(inflated.slash()).isTrue();
    }

    @Test
    void selfReportsContradictedByEnoughProbesAreFlagged() {
        Verdict inflated = evaluator.evaluate(STANDARD, START, END, selfReport(50_000, 0, 1, 500, 500), probes(5, 20, 30, 90), audits());

        assertThat(inflated.availabilityPct()).isCloseTo(80.0, within(1e-9));
        assertThat(inflated.flags()).contains("NODE_REPORTS_CONTRADICTED_BY_PROBES:12_INTERVALS");
    }

    @Test // #13 M7
    void fastSelfReportsDoNotLiftLatencyTheProbesMeasured() {
        List<Probe> slow = probes(0, 400, 30, 90);

        Verdict inflated = evaluator.evaluate(STANDARD, START, END, selfReport(50_000, 0, 1, 500, 500), slow, audits());

        assertThat(inflated.averageLatencyMs()).isEqualTo(400.0);
        assertThat(inflated.breaches()).containsExactly(Verdict.Breach.LATENCY);
        assertThat(inflated.outcome()).isEqualTo(Verdict.Outcome.BREACHED);
    }

    @Test // #13 M7
    void highSelfReportedThroughputDoesNotLiftThroughputTheProbesMeasured() {
        List<Probe> throttled = probes(0, 20, 2, 5);

        Verdict inflated = evaluator.evaluate(STANDARD, START, END, selfReport(50_000, 0, 1, 900, 900), throttled, audits());

        assertThat(inflated.uploadMbps()).isEqualTo(2.0);
        assertThat(inflated.downloadMbps()).isEqualTo(5.0);
        assertThat(inflated.breaches()).containsExactlyInAnyOrder(Verdict.Breach.UPLOAD_THROUGHPUT, Verdict.Breach.DOWNLOAD_THROUGHPUT);
    }

    @Test // #13 M7
    void anIdleAgreementsHundredThousandPerfectRequestsAMinuteAreRefusedAndChangeNothing() {
        List<Probe> probes = probes(10, 20, 30, 90);
        Verdict probedOnly = evaluator.evaluate(STANDARD, START, END, List.of(), probes, audits());

        Verdict claimed = evaluator.evaluate(STANDARD, START, END, selfReport(100_000, 0, 1, 1000, 1000), probes, audits());

        assertThat(claimed.flags()).contains("IMPLAUSIBLE_NODE_REPORTS:60_MINUTES");
        assertThat(claimed.availabilityPct()).isEqualTo(probedOnly.availabilityPct());
        assertThat(claimed.averageLatencyMs()).isEqualTo(probedOnly.averageLatencyMs());
        assertThat(claimed.uploadMbps()).isEqualTo(probedOnly.uploadMbps());
        assertThat(claimed.downloadMbps()).isEqualTo(probedOnly.downloadMbps());
        assertThat(claimed.outcome()).isEqualTo(probedOnly.outcome());
        assertThat(claimed.creditPct()).isEqualTo(probedOnly.creditPct());
        assertThat(claimed.breaches()).isEqualTo(probedOnly.breaches());
    }

    @Test // #13 M7
    void anHonestSelfReportWithErrorsAndSlowRequestsMakesTheVerdictWorse() {
        List<Probe> probes = probes(0, 20, 30, 90);
        Verdict probedOnly = evaluator.evaluate(STANDARD, START, END, List.of(), probes, audits());

        Verdict reported = evaluator.evaluate(STANDARD, START, END, selfReport(100, 2, 80, 8, 90), probes, audits());

        assertThat(probedOnly.outcome()).isEqualTo(Verdict.Outcome.MET);
        assertThat(reported.availabilityPct()).isCloseTo(98.0, within(1e-9));
        assertThat(reported.averageLatencyMs()).isEqualTo(80.0);
        assertThat(reported.uploadMbps()).isEqualTo(8.0);
        assertThat(reported.breaches()).containsExactly(Verdict.Breach.AVAILABILITY, Verdict.Breach.LATENCY, Verdict.Breach.UPLOAD_THROUGHPUT);
        assertThat(reported.creditPct()).isEqualTo(25);
    }

    /** A node's report for every minute of the epoch. */
    private static List<NodeSample> selfReport(long requests, long errorsPerHundred, int latencyMs, double uploadMbps, double downloadMbps) {
        return IntStream.range(0, 60).mapToObj(minute -> new NodeSample(START.plus(Duration.ofMinutes(minute)), requests,
                requests * errorsPerHundred / 100, 0, requests * latencyMs, uploadMbps, downloadMbps)).toList();
    }

    /** A probe every minute; every {@code failEvery}th fails (0: none). */
    private static List<Probe> probes(int failEvery, int ttfbMs, double uploadMbps, double downloadMbps) {
        return IntStream.range(0, 60).mapToObj(minute -> new Probe(START.plus(Duration.ofMinutes(minute)).plusSeconds(30), "eu-west",
                failEvery == 0 || minute % failEvery != 0, ttfbMs, uploadMbps, downloadMbps)).toList();
    }

    private static List<Audit> audits() {
        return new ArrayList<>(IntStream.range(0, 10).mapToObj(i -> new Audit(START.plus(Duration.ofMinutes(5L * i)), true)).toList());
    }
}
