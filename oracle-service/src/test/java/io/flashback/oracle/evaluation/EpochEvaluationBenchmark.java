package io.flashback.oracle.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Time to judge N agreements over a one-day epoch (ARCHITECTURE.md §7: 100 000 in ≤ 60 s on 2 cores):
 * per agreement 1 440 node minutes, 288 probes and 24 audits, generated on the fly. The baseline
 * is the same run generating the inputs without judging them. Not part of {@code verify}:
 * {@code benchmarks/sla-evaluation.sh [agreements]}.
 */
public final class EpochEvaluationBenchmark {

    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(1));
    private static final Terms TERMS = new Terms(99.9, 50, 10, 20, 99,
            List.of(new Terms.CreditTier(99.9, 10), new Terms.CreditTier(99.0, 25), new Terms.CreditTier(95.0, 100)), 95.0);

    public static void main(String[] args) {
        int agreements = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        EpochEvaluator evaluator = new EpochEvaluator(0.05, 3);
        run(Math.min(agreements, 5_000), evaluator, true);
        long generateOnly = run(agreements, evaluator, false);
        long withEvaluation = run(agreements, evaluator, true);
        double seconds = withEvaluation / 1e9;
        double judging = (withEvaluation - generateOnly) / 1e9;
        System.out.printf("%n%,d agreements, one-day epoch, %d cores%n", agreements, Runtime.getRuntime().availableProcessors());
        System.out.printf("  generating inputs only (baseline)  %6.1f s%n", generateOnly / 1e9);
        System.out.printf("  generating + judging               %6.1f s   (%,.0f agreements/s)%n", seconds, agreements / seconds);
        System.out.printf("  judging alone                      %6.1f s   (%,.0f agreements/s)%n", judging, agreements / Math.max(judging, 1e-9));
        System.out.printf("  total / target 60 s = %.2f%n", seconds / 60);
    }

    private static long run(int agreements, EpochEvaluator evaluator, boolean judge) {
        LongAdder breached = new LongAdder();
        long start = System.nanoTime();
        IntStream.range(0, agreements).parallel().forEach(index -> {
            SplittableRandom random = new SplittableRandom(index);
            double failure = index % 10 == 0 ? 0.02 : 0.0;
            List<NodeSample> samples = new ArrayList<>(1440);
            for (int minute = 0; minute < 1440; minute++) {
                long requests = 20 + random.nextInt(200);
                long errors = failure == 0 ? 0 : Math.round(requests * failure);
                samples.add(new NodeSample(START.plusSeconds(60L * minute), requests, errors, random.nextInt(2), requests * (10 + random.nextInt(30)),
                        15 + random.nextDouble() * 50, 30 + random.nextDouble() * 90));
            }
            List<Probe> probes = new ArrayList<>(288);
            for (int probe = 0; probe < 288; probe++) {
                probes.add(new Probe(START.plusSeconds(300L * probe + 17), "eu-west", random.nextInt(1000) != 0, 15 + random.nextInt(40),
                        20 + random.nextDouble() * 30, 40 + random.nextDouble() * 60));
            }
            List<Audit> audits = new ArrayList<>(24);
            for (int audit = 0; audit < 24; audit++) {
                audits.add(new Audit(START.plusSeconds(3600L * audit), true));
            }
            if (judge && evaluator.evaluate(TERMS, START, END, samples, probes, audits).outcome() == Verdict.Outcome.BREACHED) {
                breached.increment();
            }
        });
        long elapsed = System.nanoTime() - start;
        if (judge) {
            System.out.printf("judged %,d agreements in %.1f s, %,d breached%n", agreements, elapsed / 1e9, breached.sum());
        }
        return elapsed;
    }

    private EpochEvaluationBenchmark() {
    }
}
