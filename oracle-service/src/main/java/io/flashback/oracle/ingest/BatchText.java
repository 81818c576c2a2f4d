package io.flashback.oracle.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The exact text a bridge node signs for a metric batch (ERC-191 {@code personal_sign}, as its announcements and
 * heartbeats are signed): one field a line, LF line ends, no trailing newline, the node address in lower case,
 * {@code Created at} in Unix milliseconds. The samples enter through the SHA-256 of their canonical lines, so the
 * signed text stays short whatever the batch size:
 * <pre>
 * Flashback metric batch
 * Node id: 3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090
 * Node address: 0x90f79bf6eb2c4f870365e785982e1f101e93b906
 * Sequence: 42
 * Created at: 1795000065125
 * Samples: 1
 * Samples SHA-256: 0x…
 * </pre>
 * A sample's line is its fields in record order separated by one space: agreement id, minute (Unix seconds),
 * requests, server errors, client errors, the operations as {@code Name=count} sorted by name and joined by commas
 * ({@code -} when none), bytes in, bytes out, latency sum and max (ms), the histogram's counts joined by commas, upload
 * bytes, upload ms, download bytes, download ms, stored bytes. Lines are joined by LF in the batch's order.
 * bridge-node's {@code io.flashback.bridge.shipping.BatchText} writes the same text; both pin the same test vector.
 */
public final class BatchText {

    /** Upper bounds (ms) of the latency histogram's buckets; one more bucket counts everything slower. */
    public static final List<Long> LATENCY_BUCKETS_MS = io.flashback.events.oracle.MetricBatchAccepted.LATENCY_BUCKETS_MS;

    private BatchText() {
    }

    public static String of(MetricBatch batch) {
        return String.join("\n",
                "Flashback metric batch",
                "Node id: " + batch.nodeId(),
                "Node address: " + batch.nodeAddress().toLowerCase(java.util.Locale.ROOT),
                "Sequence: " + batch.sequence(),
                "Created at: " + batch.createdAt().toEpochMilli(),
                "Samples: " + batch.samples().size(),
                "Samples SHA-256: " + samplesDigest(batch.samples()));
    }

    /** 0x-prefixed SHA-256 of the samples' canonical lines. */
    public static String samplesDigest(List<UsageSample> samples) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // one buffer for every line: this runs for each sample the oracle takes, tens of thousands a second
            StringBuilder line = new StringBuilder(256);
            for (int i = 0; i < samples.size(); i++) {
                line.setLength(0);
                if (i > 0) {
                    line.append('\n');
                }
                append(line, samples.get(i));
                sha256.update(line.toString().getBytes(StandardCharsets.UTF_8));
            }
            return "0x" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String line(UsageSample s) {
        StringBuilder out = new StringBuilder(256);
        append(out, s);
        return out.toString();
    }

    private static void append(StringBuilder out, UsageSample s) {
        out.append(s.agreementId()).append(' ').append(s.minuteEpochSecond()).append(' ').append(s.requests()).append(' ')
                .append(s.serverErrors()).append(' ').append(s.clientErrors()).append(' ');
        operations(out, s.requestsByOperation());
        out.append(' ').append(s.bytesIn()).append(' ').append(s.bytesOut()).append(' ').append(s.latencySumMs()).append(' ')
                .append(s.latencyMaxMs()).append(' ');
        List<Long> histogram = s.latencyHistogram();
        for (int i = 0; i < histogram.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(histogram.get(i).longValue());
        }
        out.append(' ').append(s.uploadBytes()).append(' ').append(s.uploadMillis()).append(' ').append(s.downloadBytes())
                .append(' ').append(s.downloadMillis()).append(' ').append(s.storedBytes());
    }

    private static void operations(StringBuilder out, Map<String, Long> byOperation) {
        if (byOperation.isEmpty()) {
            out.append('-');
            return;
        }
        String[] names = byOperation.keySet().toArray(new String[0]);
        Arrays.sort(names);
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(names[i]).append('=').append(byOperation.get(names[i]).longValue());
        }
    }
}
