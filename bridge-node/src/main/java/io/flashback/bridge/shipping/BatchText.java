package io.flashback.bridge.shipping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The exact text the node signs for a metric batch, as oracle-service's {@code io.flashback.oracle.ingest.BatchText}
 * rebuilds it (both pin the same vector in their tests): one field a line, LF, no trailing newline, the address in
 * lower case, {@code Created at} in Unix milliseconds, and the samples through the SHA-256 of their canonical lines —
 * fields in {@link UsageSample} order separated by one space, the minute in Unix seconds, operations as
 * {@code Name=count} sorted by name and joined by commas ({@code -} when none), the histogram joined by commas;
 * lines joined by LF in the batch's order.
 */
public final class BatchText {
    private BatchText() {}

    public static String of(MetricBatch batch) {
        return String.join("\n",
                "Flashback metric batch",
                "Node id: " + batch.nodeId(),
                "Node address: " + batch.nodeAddress().toLowerCase(Locale.ROOT),
                "Sequence: " + batch.sequence(),
                "Created at: " + batch.createdAt().toEpochMilli(),
                "Samples: " + batch.samples().size(),
                "Samples SHA-256: " + samplesDigest(batch.samples()));
    }

    static String samplesDigest(List<UsageSample> samples) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < samples.size(); i++) {
                if (i > 0) sha256.update((byte) '\n');
                sha256.update(line(samples.get(i)).getBytes(StandardCharsets.UTF_8));
            }
            return "0x" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String line(UsageSample s) {
        return String.join(" ", s.agreementId(), Long.toString(s.minute().getEpochSecond()), Long.toString(s.requests()),
                Long.toString(s.serverErrors()), Long.toString(s.clientErrors()), operations(s.requestsByOperation()),
                Long.toString(s.bytesIn()), Long.toString(s.bytesOut()), Long.toString(s.latencySumMs()), Long.toString(s.latencyMaxMs()),
                s.latencyHistogram().stream().map(String::valueOf).collect(Collectors.joining(",")), Long.toString(s.uploadBytes()),
                Long.toString(s.uploadMillis()), Long.toString(s.downloadBytes()), Long.toString(s.downloadMillis()),
                Long.toString(s.storedBytes()));
    }

    private static String operations(Map<String, Long> byOperation) {
        if (byOperation.isEmpty()) return "-";
        return new TreeMap<>(byOperation).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
