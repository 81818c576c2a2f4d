package io.flashback.oracle.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one agreement over one epoch from node samples, probes and audits (ARCHITECTURE.md §5).
 * <p>
 * Availability is computed as the large clouds compute it: the epoch is cut into 5-minute
 * intervals, each interval has an error rate, and availability is 100 % minus the mean rate.
 * <p>
 * Self-reports never outweigh independent observation (issue #12 item 5, #13 M7): the probes and
 * audits set the bound, and a node's own report can only make its verdict worse, never better.
 * An interval's error rate is the worse of the probes' rate and the node's; the average latency is
 * the worse of the probes' and the node's; a throughput is the lower of the probes' and the node's.
 * Where there are no probes the node's report is all there is, and it counts as reported (an idle
 * agreement without probes has nothing to judge by, so it is not in breach). So a node that claims
 * many fast, error-free requests cannot dilute failed or slow probes, while the errors and slow
 * requests the consumer really met still count against it. A minute claiming more requests than
 * {@code maxRequestsPerMinute} — more than any grant could have served — is refused as a whole and
 * counted as a reporting fault ({@code IMPLAUSIBLE_NODE_REPORTS:<n>_MINUTES}). Where the node's
 * error rate for an interval is lower than the probes' by more than {@code tolerance}, the interval
 * is flagged. The evaluation is a pure function of its inputs — every validator computing it on the
 * same inputs gets the same verdict.
 */
public final class EpochEvaluator {

    public static final Duration INTERVAL = Duration.ofMinutes(5);
    /** The default ceiling on one agreement's requests in one minute: 1 000 a second, beyond any grant we sell. */
    public static final long DEFAULT_MAX_REQUESTS_PER_MINUTE = 60_000;

    private final double tolerance;
    private final int minimumProbesToOverrule;
    private final long maxRequestsPerMinute;

    public EpochEvaluator(double tolerance, int minimumProbesToOverrule) {
        this(tolerance, minimumProbesToOverrule, DEFAULT_MAX_REQUESTS_PER_MINUTE);
    }

    /**
     * @param tolerance               largest gap between the probes' and the node's error rate before the interval is flagged (0.05 = 5 points)
     * @param minimumProbesToOverrule probes an interval needs before a contradicting node report is flagged
     * @param maxRequestsPerMinute    most requests one agreement's grant can plausibly serve in a minute; a minute claiming more is refused
     */
    public EpochEvaluator(double tolerance, int minimumProbesToOverrule, long maxRequestsPerMinute) {
        if (maxRequestsPerMinute < 1) {
            throw new IllegalArgumentException("the ceiling on requests per minute must be at least 1");
        }
        this.tolerance = tolerance;
        this.minimumProbesToOverrule = minimumProbesToOverrule;
        this.maxRequestsPerMinute = maxRequestsPerMinute;
    }

    public Verdict evaluate(Terms terms, Instant epochStart, Instant epochEnd, List<NodeSample> samples, List<Probe> probes, List<Audit> audits) {
        int intervals = (int) Math.max(1, Duration.between(epochStart, epochEnd).toSeconds() / INTERVAL.toSeconds());
        long[] nodeRequests = new long[intervals];
        long[] nodeErrors = new long[intervals];
        long[] probeCount = new long[intervals];
        long[] probeFailures = new long[intervals];
        long requests = 0;
        long latencySum = 0;
        int implausible = 0;
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
            if (sample.requests() > maxRequestsPerMinute) {
                // more than the grant could have served: a made-up volume, refused whole and counted as a reporting fault
                implausible++;
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
        long probeUploadSum = 0;
        int probeUploads = 0;
        long probeDownloadSum = 0;
        int probeDownloads = 0;
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
                    probeUploadSum += kbps(probe.uploadMbps());
                    probeUploads++;
                }
                if (probe.downloadMbps() > 0) {
                    probeDownloadSum += kbps(probe.downloadMbps());
                    probeDownloads++;
                }
            } else {
                probeFailures[slot]++;
            }
        }

        List<String> flags = new ArrayList<>();
        if (implausible > 0) {
            flags.add("IMPLAUSIBLE_NODE_REPORTS:" + implausible + "_MINUTES");
        }
        double rateSum = 0;
        int contradicted = 0;
        for (int i = 0; i < intervals; i++) {
            double probeRate = probeCount[i] == 0 ? 0 : (double) probeFailures[i] / probeCount[i];
            double nodeRate = nodeRequests[i] == 0 ? 0 : (double) nodeErrors[i] / nodeRequests[i];
            if (probeCount[i] >= minimumProbesToOverrule && nodeRequests[i] > 0 && probeRate - nodeRate > tolerance) {
                contradicted++;
            }
            // the worse of the two: the node's requests cannot dilute failed probes, the errors it reports still count
            rateSum += Math.max(probeRate, nodeRate);
        }
        if (contradicted > 0) {
            flags.add("NODE_REPORTS_CONTRADICTED_BY_PROBES:" + contradicted + "_INTERVALS");
        }
        double availability = 100.0 * (1.0 - rateSum / intervals);

        double nodeLatency = requests == 0 ? 0 : (double) latencySum / requests;
        double probeLatency = probeSuccesses == 0 ? 0 : (double) probeLatencySum / probeSuccesses;
        boolean latencyMeasured = requests > 0 || probeSuccesses > 0;
        double averageLatency = Math.max(nodeLatency, probeLatency);
        double upload = worseThroughput(uploadSum, uploadMinutes, probeUploadSum, probeUploads);
        double download = worseThroughput(downloadSum, downloadMinutes, probeDownloadSum, probeDownloads);
        long passed = audits.stream().filter(Audit::passed).count();
        double auditRate = audits.isEmpty() ? 100.0 : 100.0 * passed / audits.size();
        if (audits.isEmpty()) {
            flags.add("NO_AUDITS");
        }

        List<Verdict.Breach> breaches = new ArrayList<>();
        if (availability < terms.availabilityTargetPct()) {
            breaches.add(Verdict.Breach.AVAILABILITY);
        }
        if (latencyMeasured && averageLatency > terms.averageLatencyMs()) {
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

    /** The lower of the node's and the probes' average throughput (Mbit/s); NaN when neither measured any. */
    private static double worseThroughput(long nodeKbpsSum, int nodeMinutes, long probeKbpsSum, int probes) {
        double node = nodeMinutes == 0 ? Double.NaN : nodeKbpsSum / 1000.0 / nodeMinutes;
        double probed = probes == 0 ? Double.NaN : probeKbpsSum / 1000.0 / probes;
        if (Double.isNaN(node)) {
            return probed;
        }
        return Double.isNaN(probed) ? node : Math.min(node, probed);
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
