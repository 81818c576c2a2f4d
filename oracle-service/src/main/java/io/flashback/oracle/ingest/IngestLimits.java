package io.flashback.oracle.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a metric batch may contain, checked before its signature (a cheap refusal of junk) and before anything is
 * stored. The node measures, so the oracle cannot check the numbers are true — only that they are possible and
 * consistent: errors within requests, per-operation counts and the histogram adding up to the requests, throughput
 * bytes within the bytes moved, minutes closed and neither older than {@code maxSampleAge} (a node resends what it
 * spooled during an outage) nor ahead of the oracle's clock by more than {@code maxClockSkew}.
 *
 * @param maxSamples   samples per batch
 * @param maxSampleAge oldest minute (and batch) accepted
 * @param maxClockSkew how far the node's clock may be ahead of the oracle's
 */
public record IngestLimits(int maxSamples, Duration maxSampleAge, Duration maxClockSkew) {

    public static final int MAX_OPERATIONS = 64;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    /** Ten petabytes: more than any minute of any node moves or stores; keeps sums far from overflowing. */
    private static final long MAX_BYTES = 10L << 50;
    private static final long MAX_REQUESTS = 1_000_000_000L;
    private static final int MAX_PROBLEMS = 20;

    public IngestLimits {
        if (maxSamples < 1 || maxSampleAge.isNegative() || maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("ingest limits must be positive");
        }
    }

    /**
     * Whether an agreement id has one of the two spellings a node may report: a lower-case UUID or a decimal number
     * without leading zeros (at most 78 digits, a uint256). Checked by hand, not by a regular expression: it runs for
     * every sample.
     */
    public static boolean agreementIdWellFormed(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        if (id.length() == 36 && id.charAt(8) == '-') {
            for (int i = 0; i < 36; i++) {
                char c = id.charAt(i);
                boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
                if (hyphen ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    return false;
                }
            }
            return true;
        }
        if (id.length() > 78 || id.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** 1 to 64 letters, digits, '.', '_' or '-': nothing that needs escaping in the signed text or in JSON. */
    static boolean operationWellFormed(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** What is wrong with the batch (at most 20 findings), empty when it is within the limits. */
    public List<String> problems(MetricBatch batch, Instant now) {
        List<String> problems = new ArrayList<>();
        if (batch.nodeId() == null) {
            problems.add("nodeId is required");
        }
        if (batch.nodeAddress() == null || !ADDRESS.matcher(batch.nodeAddress()).matches()) {
            problems.add("nodeAddress must be 0x and 40 lower-case hex digits");
        }
        if (batch.sequence() < 1) {
            problems.add("sequence must be 1 or more");
        }
        if (batch.createdAt() == null) {
            problems.add("createdAt is required");
        } else {
            timely(problems, "createdAt", batch.createdAt(), now);
        }
        if (!Eip191.wellFormed(batch.signature())) {
            problems.add("signature must be 65 bytes of 0x-prefixed hex (r, s, v)");
        }
        if (batch.samples().isEmpty() || batch.samples().size() > maxSamples) {
            problems.add("samples must hold 1 to " + maxSamples + " samples, not " + batch.samples().size());
            return problems;
        }
        Set<AgreementMinute> seen = new HashSet<>();
        long latest = now.plus(maxClockSkew).getEpochSecond();
        long earliest = now.minus(maxSampleAge).getEpochSecond();
        for (int i = 0; i < batch.samples().size() && problems.size() < MAX_PROBLEMS; i++) {
            sample(problems, i, batch.samples().get(i), earliest, latest, seen);
        }
        return problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
    }

    private record AgreementMinute(String agreementId, long minute) {
    }

    /** @param earliest oldest minute end accepted, {@code latest} the newest, Unix seconds */
    private void sample(List<String> problems, int index, UsageSample s, long earliest, long latest, Set<AgreementMinute> seen) {
        if (!agreementIdWellFormed(s.agreementId())) {
            problems.add(at(index) + "agreementId must be a lower-case UUID or a decimal agreement number");
        }
        // a sample is for a closed minute: its end must have passed on the node's clock, give or take the skew
        long end = s.minuteEpochSecond() + 60;
        if (s.minuteEpochSecond() % 60 != 0) {
            problems.add(at(index) + "minute must be the start of a minute");
        } else if (end > latest) {
            problems.add(at(index) + "minute has not ended yet: its end is more than " + maxClockSkew.toSeconds() + " s ahead of the oracle's clock");
        } else if (end < earliest) {
            problems.add(at(index) + "minute is older than " + maxSampleAge.toHours() + " h");
        }
        if (!seen.add(new AgreementMinute(s.agreementId(), s.minuteEpochSecond()))) {
            problems.add(at(index) + "the batch has this agreement's minute twice");
        }
        if (outside(s.requests(), MAX_REQUESTS) || outside(s.serverErrors(), MAX_REQUESTS) || outside(s.clientErrors(), MAX_REQUESTS)
                || s.serverErrors() + s.clientErrors() > s.requests()) {
            problems.add(at(index) + "requests, serverErrors and clientErrors must be non-negative with the errors no more than the requests");
        }
        Map<String, Long> operations = s.requestsByOperation();
        if (operations.size() > MAX_OPERATIONS) {
            problems.add(at(index) + "requestsByOperation names more than " + MAX_OPERATIONS + " operations");
        }
        long byOperation = 0;
        for (Map.Entry<String, Long> entry : operations.entrySet()) {
            if (!operationWellFormed(entry.getKey()) || entry.getValue() == null || outside(entry.getValue(), MAX_REQUESTS)) {
                problems.add(at(index) + "requestsByOperation holds a bad entry (names are 1-64 letters, digits, '.', '_' or '-'; counts non-negative)");
                return;
            }
            byOperation += entry.getValue();
        }
        if (byOperation != s.requests()) {
            problems.add(at(index) + "requestsByOperation adds up to " + byOperation + ", not to the " + s.requests() + " requests");
        }
        if (s.latencyHistogram().size() != BatchText.LATENCY_BUCKETS_MS.size() + 1) {
            problems.add(at(index) + "latencyHistogram must have " + (BatchText.LATENCY_BUCKETS_MS.size() + 1) + " buckets");
        } else {
            long histogram = 0;
            for (Long count : s.latencyHistogram()) {
                if (count == null || outside(count, MAX_REQUESTS)) {
                    problems.add(at(index) + "latencyHistogram counts must be non-negative");
                    return;
                }
                histogram += count;
            }
            if (histogram != s.requests()) {
                problems.add(at(index) + "latencyHistogram adds up to " + histogram + ", not to the " + s.requests() + " requests");
            }
        }
        // an hour per request is far beyond any timeout; the bound keeps sums from overflowing
        if (outside(s.latencySumMs(), s.requests() * 3_600_000L) || outside(s.latencyMaxMs(), Math.min(s.latencySumMs(), 3_600_000L))) {
            problems.add(at(index) + "latencySumMs and latencyMaxMs must be non-negative, the maximum within the sum and an hour");
        }
        if (outside(s.bytesIn(), MAX_BYTES) || outside(s.bytesOut(), MAX_BYTES) || outside(s.uploadBytes(), s.bytesIn())
                || outside(s.downloadBytes(), s.bytesOut()) || s.storedBytes() < -1 || s.storedBytes() > MAX_BYTES) {
            problems.add(at(index) + "byte counts must be non-negative (storedBytes -1 when unknown), uploadBytes within bytesIn and downloadBytes within bytesOut");
        }
        if (outside(s.uploadMillis(), s.latencySumMs()) || outside(s.downloadMillis(), s.latencySumMs())
                || (s.uploadBytes() > 0 && s.uploadMillis() == 0) || (s.downloadBytes() > 0 && s.downloadMillis() == 0)) {
            problems.add(at(index) + "uploadMillis and downloadMillis must be within the latency sum, and more than 0 when bytes were moved");
        }
    }

    /** Where a finding is, built only when there is one. */
    private static String at(int index) {
        return "samples[" + index + "].";
    }

    private void timely(List<String> problems, String field, Instant at, Instant now) {
        if (at.isAfter(now.plus(maxClockSkew))) {
            problems.add(field + " is more than " + maxClockSkew.toSeconds() + " s ahead of the oracle's clock");
        } else if (at.isBefore(now.minus(maxSampleAge))) {
            problems.add(field + " is older than " + maxSampleAge.toHours() + " h");
        }
    }

    private static boolean outside(long value, long max) {
        return value < 0 || value > max;
    }
}
