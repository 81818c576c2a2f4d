package io.flashback.oracle.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one agreement over one epoch from node samples, probes and audits (ARCHITECTURE.md §5).
 * <p>
 * Availability is computed as the large clouds compute it: the epoch is cut into 5-minute
 * intervals; each interval's error rate is server errors ÷ requests with the probes counted as
 * requests (so an idle agreement is measured by probes alone); availability is 100 % minus the
 * mean rate. A provider's own numbers never prove compliance alone: where the node's error rate for
 * an interval is lower than the probes' by more than {@code tolerance}, the interval is flagged and
 * judged on the probes only. The evaluation is a pure function of its inputs — every validator
 * computing it on the same inputs gets the same verdict.
 */
public final class EpochEvaluator {

    public static final Duration INTERVAL = Duration.ofMinutes(5);

    private final double tolerance;
    private final int minimumProbesToOverrule;

    /**
     * @param tolerance               largest accepted gap between the probes' and the node's error rate (0.05 = 5 points)
     * @param minimumProbesToOverrule probes an interval needs before they can overrule the node
     */
    public EpochEvaluator(double tolerance, int minimumProbesToOverrule) {
        this.tolerance = tolerance;
        this.minimumProbesToOverrule = minimumProbesToOverrule;
    }

    public Verdict evaluate(Terms terms, Instant epochStart, Instant epochEnd, List<NodeSample> samples, List<Probe> probes, List<Audit> audits) {
        int intervals = (int) Math.max(1, Duration.between(epochStart, epochEnd).toSeconds() / INTERVAL.toSeconds());
        long[] nodeRequests = new long[intervals];
        long[] nodeErrors = new long[intervals];
        long[] probeCount = new long[intervals];
        long[] probeFailures = new long[intervals];
        long requests = 0;
        long latencySum = 0;
        // throughputs summed as whole kbit/s so the result does not depend on the order of the inputs
        long uploadSum = 0;
        int uploadMinutes = 0;
        long downloadSum = 0;
        int downloadMinutes = 0;
        for (NodeSample sample : samples) {
            int slot = slot(epochStart, sample.minute(), intervals);
            if (slot < 0) {
                continue;
            }
            nodeRequests[slot] += sample.requests();
            nodeErrors[slot] += sample.serverErrors();
            requests += sample.requests();
            latencySum += sample.latencySumMs();
            if (sample.uploadMbps() > 0) {
                uploadSum += kbps(sample.uploadMbps());
                uploadMinutes++;
            }
            if (sample.downloadMbps() > 0) {
                downloadSum += kbps(sample.downloadMbps());
                downloadMinutes++;
            }
        }
        long probeLatencySum = 0;
        int probeSuccesses = 0;
        for (Probe probe : probes) {
            int slot = slot(epochStart, probe.at(), intervals);
            if (slot < 0) {
                continue;
            }
            probeCount[slot]++;
            if (probe.succeeded()) {
                probeSuccesses++;
                probeLatencySum += probe.ttfbMs();
                if (probe.uploadMbps() > 0) {
                    uploadSum += kbps(probe.uploadMbps());
                    uploadMinutes++;
                }
                if (probe.downloadMbps() > 0) {
                    downloadSum += kbps(probe.downloadMbps());
                    downloadMinutes++;
                }
            } else {
                probeFailures[slot]++;
            }
        }

        List<String> flags = new ArrayList<>();
        double rateSum = 0;
        int overruled = 0;
        for (int i = 0; i < intervals; i++) {
            double probeRate = probeCount[i] == 0 ? 0 : (double) probeFailures[i] / probeCount[i];
            double nodeRate = nodeRequests[i] == 0 ? 0 : (double) nodeErrors[i] / nodeRequests[i];
            double rate;
            if (probeCount[i] >= minimumProbesToOverrule && nodeRequests[i] > 0 && probeRate - nodeRate > tolerance) {
                overruled++;
                rate = probeRate;
            } else {
                long all = nodeRequests[i] + probeCount[i];
                rate = all == 0 ? 0 : (double) (nodeErrors[i] + probeFailures[i]) / all;
            }
            rateSum += rate;
        }
        if (overruled > 0) {
            flags.add("NODE_REPORTS_CONTRADICTED_BY_PROBES:" + overruled + "_INTERVALS");
        }
        double availability = 100.0 * (1.0 - rateSum / intervals);

        long measured = requests + probeSuccesses;
        double averageLatency = measured == 0 ? 0 : (double) (latencySum + probeLatencySum) / measured;
        double upload = uploadMinutes == 0 ? Double.NaN : uploadSum / 1000.0 / uploadMinutes;
        double download = downloadMinutes == 0 ? Double.NaN : downloadSum / 1000.0 / downloadMinutes;
        long passed = audits.stream().filter(Audit::passed).count();
        double auditRate = audits.isEmpty() ? 100.0 : 100.0 * passed / audits.size();
        if (audits.isEmpty()) {
            flags.add("NO_AUDITS");
        }

        List<Verdict.Breach> breaches = new ArrayList<>();
        if (availability < terms.availabilityTargetPct()) {
            breaches.add(Verdict.Breach.AVAILABILITY);
        }
        if (measured > 0 && averageLatency > terms.averageLatencyMs()) {
            breaches.add(Verdict.Breach.LATENCY);
        }
        if (!Double.isNaN(upload) && upload < terms.uploadMbps()) {
            breaches.add(Verdict.Breach.UPLOAD_THROUGHPUT);
        }
        if (!Double.isNaN(download) && download < terms.downloadMbps()) {
            breaches.add(Verdict.Breach.DOWNLOAD_THROUGHPUT);
        }
        if (auditRate < terms.auditPassRatePct()) {
            breaches.add(Verdict.Breach.AUDITS);
        }
        // the escrow pays credits by availability alone: a breach of another term is signed as availability just under the
        // mildest tier (epoch.SignedAvailability), so the consumer's credit is at least that tier's
        double credit = terms.creditFor(availability);
        if (breaches.stream().anyMatch(breach -> breach != Verdict.Breach.AVAILABILITY) && !terms.creditTiers().isEmpty()) {
            credit = Math.max(credit, terms.creditTiers().getFirst().creditPct());
        }
        boolean slash = !Double.isNaN(terms.slashBelowPct()) && availability < terms.slashBelowPct();
        return new Verdict(breaches.isEmpty() ? Verdict.Outcome.MET : Verdict.Outcome.BREACHED, availability, averageLatency,
                Double.isNaN(upload) ? 0 : upload, Double.isNaN(download) ? 0 : download, auditRate, intervals, credit, slash,
                List.copyOf(breaches), List.copyOf(flags));
    }

    private static long kbps(double mbps) {
        return Math.round(mbps * 1000);
    }

    private static int slot(Instant epochStart, Instant at, int intervals) {
        long seconds = Duration.between(epochStart, at).toSeconds();
        if (seconds < 0) {
            return -1;
        }
        long slot = seconds / INTERVAL.toSeconds();
        return slot >= intervals ? -1 : (int) slot;
    }
}
