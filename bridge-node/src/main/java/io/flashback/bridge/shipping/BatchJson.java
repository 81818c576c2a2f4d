package io.flashback.bridge.shipping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A batch's JSON: the body posted to the oracle and, byte for byte, the spool file. */
final class BatchJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BatchJson() {}

    static byte[] write(MetricBatch batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeId", batch.nodeId().toString());
        body.put("nodeAddress", batch.nodeAddress());
        body.put("sequence", batch.sequence());
        body.put("createdAt", batch.createdAt().toString());
        List<Map<String, Object>> samples = new ArrayList<>(batch.samples().size());
        for (UsageSample s : batch.samples()) {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("agreementId", s.agreementId());
            sample.put("minute", s.minute().toString());
            sample.put("requests", s.requests());
            sample.put("serverErrors", s.serverErrors());
            sample.put("clientErrors", s.clientErrors());
            sample.put("requestsByOperation", new TreeMap<>(s.requestsByOperation()));
            sample.put("bytesIn", s.bytesIn());
            sample.put("bytesOut", s.bytesOut());
            sample.put("latencySumMs", s.latencySumMs());
            sample.put("latencyMaxMs", s.latencyMaxMs());
            sample.put("latencyHistogram", s.latencyHistogram());
            sample.put("uploadBytes", s.uploadBytes());
            sample.put("uploadMillis", s.uploadMillis());
            sample.put("downloadBytes", s.downloadBytes());
            sample.put("downloadMillis", s.downloadMillis());
            sample.put("storedBytes", s.storedBytes());
            samples.add(sample);
        }
        body.put("samples", samples);
        body.put("signature", batch.signature());
        return JSON.writeValueAsBytes(body);
    }

    /** Reads a spooled batch back; fails with {@link IllegalArgumentException} when the bytes are not one. */
    static MetricBatch read(byte[] json) {
        try {
            JsonNode body = JSON.readTree(json);
            List<UsageSample> samples = new ArrayList<>();
            for (JsonNode s : body.required("samples")) {
                Map<String, Long> byOperation = new LinkedHashMap<>();
                s.required("requestsByOperation").properties().forEach(e -> byOperation.put(e.getKey(), e.getValue().asLong()));
                List<Long> histogram = new ArrayList<>();
                s.required("latencyHistogram").forEach(n -> histogram.add(n.asLong()));
                samples.add(new UsageSample(s.required("agreementId").asString(), Instant.parse(s.required("minute").asString()),
                        s.required("requests").asLong(), s.required("serverErrors").asLong(), s.required("clientErrors").asLong(), byOperation,
                        s.required("bytesIn").asLong(), s.required("bytesOut").asLong(), s.required("latencySumMs").asLong(),
                        s.required("latencyMaxMs").asLong(), histogram, s.required("uploadBytes").asLong(), s.required("uploadMillis").asLong(),
                        s.required("downloadBytes").asLong(), s.required("downloadMillis").asLong(), s.required("storedBytes").asLong()));
            }
            return new MetricBatch(UUID.fromString(body.required("nodeId").asString()), body.required("nodeAddress").asString(),
                    body.required("sequence").asLong(), Instant.parse(body.required("createdAt").asString()), samples,
                    body.required("signature").asString());
        } catch (JacksonException | java.time.DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("not a metric batch: " + e.getMessage(), e);
        }
    }
}
