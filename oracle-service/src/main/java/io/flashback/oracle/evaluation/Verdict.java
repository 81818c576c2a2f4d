package io.flashback.oracle.evaluation;

import java.util.List;

/**
 * The oracle's judgment of one agreement for one epoch, with the figures it rests on, so anyone
 * can recompute it from the same inputs.
 *
 * @param availabilityPct 100 % minus the mean of the 5-minute error rates
 * @param creditPct       share of the epoch payment returned to the consumer
 * @param breaches        the terms that were missed (empty when MET)
 * @param flags           what the oracle noticed without it deciding the verdict by itself,
 *                        e.g. node reports that disagree with the probes
 */
public record Verdict(Outcome outcome, double availabilityPct, double averageLatencyMs, double uploadMbps, double downloadMbps,
                      double auditPassRatePct, int intervals, double creditPct, boolean slash, List<Breach> breaches, List<String> flags) {

    public enum Outcome { MET, BREACHED }

    /** The same verdict with one more flag. */
    public Verdict withFlag(String flag) {
        List<String> more = new java.util.ArrayList<>(flags);
        more.add(flag);
        return new Verdict(outcome, availabilityPct, averageLatencyMs, uploadMbps, downloadMbps, auditPassRatePct, intervals, creditPct, slash,
                breaches, List.copyOf(more));
    }

    public enum Breach { AVAILABILITY, LATENCY, UPLOAD_THROUGHPUT, DOWNLOAD_THROUGHPUT, AUDITS }
}
