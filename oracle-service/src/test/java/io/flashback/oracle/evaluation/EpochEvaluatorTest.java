package io.flashback.oracle.evaluation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EpochEvaluatorTest {

    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));
    private static final Terms STANDARD = new Terms(99.9, 50, 10, 20, 99,
            List.of(new Terms.CreditTier(99.9, 10), new Terms.CreditTier(99.0, 25), new Terms.CreditTier(95.0, 100)), 95.0);

    private final EpochEvaluator evaluator = new EpochEvaluator(0.05, 3);

    @Test
    void wellServedAgreementMeetsItsSla() {
        Verdict verdict = evaluator.evaluate(STANDARD, START, END, minutes(100, 0, 20), probesEveryMinute(0), audits(10, 0));

        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.MET);
        assertThat(verdict.availabilityPct()).isEqualTo(100.0);
        assertThat(verdict.intervals()).isEqualTo(12);
        assertThat(verdict.creditPct()).isZero();
        assertThat(verdict.breaches()).isEmpty();
    }

    @Test
    void nodeFailingTwoPercentOfRequestsOwesAQuarterOfTheEpoch() {
        Verdict verdict = evaluator.evaluate(STANDARD, START, END, minutes(100, 2, 20), List.of(), audits(10, 0));

        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.BREACHED);
        assertThat(verdict.availabilityPct()).isCloseTo(98.0, within(1e-9));
        assertThat(verdict.creditPct()).isEqualTo(25);
        assertThat(verdict.slash()).isFalse();
        assertThat(verdict.breaches()).containsExactly(Verdict.Breach.AVAILABILITY);
    }

    @Test
    void idleAgreementIsMeasuredByProbesAlone() {
        List<Probe> probes = new ArrayList<>(probesEveryMinute(0));
        // the node is unreachable for the whole third interval
        probes.replaceAll(probe -> probe.at().isBefore(START.plus(Duration.ofMinutes(10))) || !probe.at().isBefore(START.plus(Duration.ofMinutes(15)))
                ? probe : new Probe(probe.at(), probe.location(), false, 0, 0, 0));

        Verdict verdict = evaluator.evaluate(STANDARD, START, END, List.of(), probes, audits(10, 0));

        assertThat(verdict.availabilityPct()).isCloseTo(100.0 - 100.0 / 12, within(1e-9));
        assertThat(verdict.creditPct()).isEqualTo(100);
        assertThat(verdict.slash()).isTrue();
    }

    @Test
    void nodeReportingNoErrorsWhileProbesFailIsCaughtAndTheProbesWin() {
        List<Probe> probes = new ArrayList<>(probesEveryMinute(0));
        probes.replaceAll(probe -> probe.at().isBefore(START.plus(Duration.ofMinutes(30)))
                ? new Probe(probe.at(), probe.location(), false, 0, 0, 0) : probe);

        Verdict verdict = evaluator.evaluate(STANDARD, START, END, minutes(1000, 0, 20), probes, audits(10, 0));

        assertThat(verdict.flags()).contains("NODE_REPORTS_CONTRADICTED_BY_PROBES:6_INTERVALS");
        assertThat(verdict.availabilityPct()).isCloseTo(50.0, within(1e-9));
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.BREACHED);
    }

    @Test
    void aLostAuditChallengeCounts() {
        Verdict verdict = evaluator.evaluate(STANDARD, START, END, minutes(100, 0, 20), probesEveryMinute(0), audits(10, 1));

        assertThat(verdict.auditPassRatePct()).isEqualTo(90.0);
        assertThat(verdict.breaches()).containsExactly(Verdict.Breach.AUDITS);
        assertThat(verdict.creditPct()).as("the escrow's credit: the breach is signed as availability just under the mildest tier")
                .isEqualTo(10);
    }

    @Test
    void slowNodeBreachesTheLatencyTerm() {
        Verdict verdict = evaluator.evaluate(STANDARD, START, END, minutes(100, 0, 80), List.of(), audits(10, 0));

        assertThat(verdict.averageLatencyMs()).isEqualTo(80.0);
        assertThat(verdict.breaches()).containsExactly(Verdict.Breach.LATENCY);
    }

    @Test
    void samplesOutsideTheEpochAreIgnored() {
        List<NodeSample> samples = new ArrayList<>(minutes(100, 0, 20));
        samples.add(new NodeSample(END, 100, 100, 0, 0, 0, 0));
        samples.add(new NodeSample(START.minusSeconds(60), 100, 100, 0, 0, 0, 0));

        assertThat(evaluator.evaluate(STANDARD, START, END, samples, List.of(), audits(1, 0)).availabilityPct()).isEqualTo(100.0);
    }

    @Test
    void verdictDoesNotDependOnTheOrderOfItsInputs() {
        List<NodeSample> samples = new ArrayList<>(minutes(97, 3, 33));
        List<Probe> probes = new ArrayList<>(probesEveryMinute(7));
        Verdict first = evaluator.evaluate(STANDARD, START, END, samples, probes, audits(9, 1));
        Collections.shuffle(samples, new Random(1));
        Collections.shuffle(probes, new Random(2));

        assertThat(evaluator.evaluate(STANDARD, START, END, samples, probes, audits(9, 1))).isEqualTo(first);
    }

    private static List<NodeSample> minutes(long requests, long errorsPerHundred, int latencyMs) {
        return IntStream.range(0, 60).mapToObj(minute -> new NodeSample(START.plus(Duration.ofMinutes(minute)), requests,
                requests * errorsPerHundred / 100, 1, requests * latencyMs, 40.5 + minute % 3, 80.25)).toList();
    }

    private static List<Probe> probesEveryMinute(int failEvery) {
        return IntStream.range(0, 60).mapToObj(minute -> new Probe(START.plus(Duration.ofMinutes(minute)).plusSeconds(30), "eu-west",
                failEvery == 0 || minute % failEvery != 0, 20, 30.3, 90.7)).toList();
    }

    private static List<Audit> audits(int count, int failed) {
        return IntStream.range(0, count).mapToObj(i -> new Audit(START.plus(Duration.ofMinutes(5L * i)), i >= failed)).toList();
    }
}
